import { describe, expect, it } from 'vitest';
import {
  aiSettingsForm,
  budgetGauge,
  budgetStateLabel,
  dashboardLink,
  dayRange,
  fillDays,
  formatMs,
  formatTokens,
  formatUsd,
  handledByBadge,
  layoutBars,
  niceCeiling,
  parseAiSettingsForm,
  parseFaq,
} from '../../../../web/dashboard/src/lib/ai-format.js';
import type { AiSettingsView } from '../../../../web/dashboard/src/types.js';

const settings: AiSettingsView = {
  enabled: true,
  maxTier: 'premium',
  fusionWeights: { semantic: 0.7, keyword: 0.3 },
  minScore: 0.2,
  minConfidence: 0.35,
  rerank: false,
  monthlyBudgetUsd: 50,
  alertPercents: [50, 80, 100],
  hardCapUsd: 60,
};

describe('formatUsd', () => {
  it('shows cents for amounts of a cent or more and two significant digits below', () => {
    expect(formatUsd(12.5)).toBe('$12.50');
    expect(formatUsd(1234.567)).toBe('$1,234.57');
    expect(formatUsd(0.000421)).toBe('$0.00042');
    expect(formatUsd(0.0032)).toBe('$0.0032');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00001)).toBe('$0.00001');
    expect(formatUsd(0.0000001)).toBe('<$0.000001');
  });
});

describe('number formats', () => {
  it('shortens tokens and latencies', () => {
    expect(formatTokens(1234)).toBe('1,234');
    expect(formatTokens(15_300)).toBe('15.3k');
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(2300)).toBe('2.3 s');
  });
});

describe('handledByBadge', () => {
  it('names the three hand-off states', () => {
    expect(handledByBadge('bot')).toEqual({ label: 'Bot', tone: 'bot' });
    expect(handledByBadge('pending_handoff')).toEqual({ label: 'Waiting for agent', tone: 'waiting' });
    expect(handledByBadge('human')).toEqual({ label: 'Human', tone: 'human' });
  });
});

describe('the cost chart', () => {
  it('fills the days without spending with zeros', () => {
    // Act
    const days = fillDays('2026-11-29', '2026-12-01', [{ day: '2026-11-30', costUsd: 0.5, turns: 3, inputTokens: 10, outputTokens: 5 }]);
    // Assess
    expect(days.map((d) => [d.day, d.costUsd])).toEqual([
      ['2026-11-29', 0],
      ['2026-11-30', 0.5],
      ['2026-12-01', 0],
    ]);
  });

  it('spans month ends in UTC', () => {
    expect(dayRange('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('rounds the axis up to a readable amount', () => {
    expect(niceCeiling(0.0032)).toBe(0.005);
    expect(niceCeiling(13)).toBe(20);
    expect(niceCeiling(2)).toBe(2);
    expect(niceCeiling(0)).toBe(1);
  });

  it('lays out bars proportional to cost inside the plot', () => {
    // Prepare
    const days = fillDays('2026-12-01', '2026-12-02', [{ day: '2026-12-02', costUsd: 1, turns: 1, inputTokens: 1, outputTokens: 1 }]);
    // Act
    const bars = layoutBars(days, 200, 100, 2);
    // Assess
    expect(bars[0]!.height).toBe(0);
    expect(bars[1]!.height).toBe(50);
    expect(bars[1]!.y).toBe(50);
    expect(bars[1]!.x + bars[1]!.width).toBeLessThanOrEqual(200);
  });
});

describe('budgetGauge', () => {
  it('scales the gauge to the hard cap', () => {
    expect(budgetGauge({ spendUsd: 30, budgetUsd: 50, hardCapUsd: 60 })).toEqual({ spend: 0.5, budget: 50 / 60, cap: 1, scale: 60 });
  });

  it('keeps the spend within the gauge when it passed the cap', () => {
    expect(budgetGauge({ spendUsd: 90, budgetUsd: 50, hardCapUsd: 60 }).spend).toBe(1);
  });

  it('names the budget states', () => {
    expect(budgetStateLabel('ok').tone).toBe('ok');
    expect(budgetStateLabel('over_budget').tone).toBe('warn');
    expect(budgetStateLabel('exhausted').tone).toBe('stop');
  });
});

describe('parseAiSettingsForm', () => {
  it('round-trips stored settings', () => {
    // Act
    const parsed = parseAiSettingsForm(aiSettingsForm(settings));
    // Assess
    expect(parsed.errors).toEqual({});
    expect(parsed.body).toEqual(settings);
  });

  it('refuses a hard cap below the budget, both weights at 0 and scores outside 0–1', () => {
    // Prepare
    const form = { ...aiSettingsForm(settings), hardCapUsd: '10', semantic: '0', keyword: '0', minScore: '1.5', minConfidence: '-1' };
    // Act
    const parsed = parseAiSettingsForm(form);
    // Assess
    expect(parsed.body).toBeUndefined();
    expect(Object.keys(parsed.errors).sort()).toEqual(['hardCapUsd', 'keyword', 'minConfidence', 'minScore']);
  });

  it('reads alert percents in any separator, sorted, and refuses more than five or out of range', () => {
    expect(parseAiSettingsForm({ ...aiSettingsForm(settings), alertPercents: '80; 50 100%' }).body?.alertPercents).toEqual([50, 80, 100]);
    expect(parseAiSettingsForm({ ...aiSettingsForm(settings), alertPercents: '10,20,30,40,50,60' }).errors.alertPercents).toBeDefined();
    expect(parseAiSettingsForm({ ...aiSettingsForm(settings), alertPercents: '0, 120' }).errors.alertPercents).toBeDefined();
    expect(parseAiSettingsForm({ ...aiSettingsForm(settings), monthlyBudgetUsd: '0' }).errors.monthlyBudgetUsd).toBeDefined();
  });
});

describe('parseFaq', () => {
  it('reads Q/A blocks with multi-line answers', () => {
    // Act
    const faq = parseFaq('Q: Do you ship abroad?\nA: Yes, to 30 countries.\nDuties are included.\n\nq. How long do refunds take?\na. 5–7 business days.');
    // Assess
    expect(faq.error).toBeUndefined();
    expect(faq.entries).toEqual([
      { question: 'Do you ship abroad?', answer: 'Yes, to 30 countries.\nDuties are included.' },
      { question: 'How long do refunds take?', answer: '5–7 business days.' },
    ]);
  });

  it('explains a question without an answer and text outside an entry', () => {
    expect(parseFaq('Q: Alone?').error).toContain('has no answer');
    expect(parseFaq('Just text').error).toContain('Q:');
    expect(parseFaq('').error).toContain('at least one');
  });
});

describe('dashboardLink', () => {
  it('keeps links inside the dashboard only', () => {
    expect(dashboardLink('#/problems/01JX')).toBe('#/problems/01JX');
    expect(dashboardLink('/#/costs')).toBe('#/costs');
    expect(dashboardLink('/problems/01JX')).toBe('#/problems/01JX');
    expect(dashboardLink('/ai/costs')).toBe('#/costs');
    expect(dashboardLink('/ai/settings')).toBe('#/ai');
    expect(dashboardLink('/knowledge/sources/01JS')).toBe('#/knowledge');
    expect(dashboardLink('//evil.example/x')).toBeUndefined();
    expect(dashboardLink('https://evil.example/#/costs')).toBeUndefined();
    expect(dashboardLink('javascript:alert(1)')).toBeUndefined();
    expect(dashboardLink(undefined)).toBeUndefined();
  });
});
