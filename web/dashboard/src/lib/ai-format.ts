/**
 * The AI agent's numbers as people read them, and the pure logic of its screens — no DOM:
 * money, tokens, latency, who handles a conversation, the cost chart's bars and the budget gauge,
 * the AI settings form's rules, the FAQ text format, and which notification links are safe.
 */
import type { AiSettingsView, BudgetState, HandledBy } from '../types.js';
import { parseRoute, routeHash } from './route.js';

/**
 * US dollars with as many decimals as a small amount needs (AI turns cost fractions of a cent).
 *
 * @example
 * formatUsd(12.5) // → '$12.50'
 * formatUsd(0.000421) // → '$0.00042'
 * formatUsd(0) // → '$0.00'
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd === 0) return '$0.00';
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  if (abs >= 0.01) return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  // Two significant digits, at most 6 decimals (the API's precision).
  const decimals = Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(abs))));
  const text = abs.toFixed(decimals).replace(/(\.\d{2}\d*?)0+$/, '$1');
  return Number(text) === 0 ? `${sign}<$0.000001` : `${sign}$${text}`;
}

/** `1234` → `1,234`; `15300` → `15.3k`. */
export function formatTokens(tokens: number): string {
  if (tokens >= 10_000) return `${(tokens / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return tokens.toLocaleString('en-US');
}

/** `850` → `850 ms`; `2300` → `2.3 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A 0–1 score with two decimals. */
export function formatScore(score: number | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '–';
}

/** The badge of who handles a conversation. */
export function handledByBadge(handledBy: HandledBy | string | undefined): { readonly label: string; readonly tone: 'bot' | 'waiting' | 'human' } {
  if (handledBy === 'bot') return { label: 'Bot', tone: 'bot' };
  if (handledBy === 'pending_handoff') return { label: 'Waiting for agent', tone: 'waiting' };
  return { label: 'Human', tone: 'human' };
}

const reasonLabels: Readonly<Record<string, string>> = {
  tool_call: 'The assistant decided a person should help',
  low_confidence: 'The knowledge base had no confident answer',
  customer_asked: 'The customer asked for a person',
  budget_exhausted: 'The monthly AI budget cap was reached',
  agent_took_over: 'An agent took over',
  ai_disabled: 'The AI agent is turned off',
  model_failed: 'The model could not answer',
};

/** Why the bot handed over, in words. */
export function handoffReasonLabel(reason: string): string {
  return reasonLabels[reason] ?? reason.replace(/_/g, ' ');
}

/** Tier names as admins see them. */
export const tierLabels: Readonly<Record<string, string>> = { small: 'Small', mid: 'Mid', premium: 'Premium', vision: 'Vision' };

/** Days `from`..`to` (`YYYY-MM-DD`, UTC), inclusive. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end && out.length < 400; at += 86_400_000) out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}

/** `YYYY-MM-DD` of a date in UTC, `offsetDays` later. */
export function utcDay(now: Date, offsetDays = 0): string {
  return new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A day of the chart. */
export interface CostDay {
  readonly day: string;
  readonly costUsd: number;
  readonly turns: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** Every day of the range, days without AI turns as zeros. */
export function fillDays(from: string, to: string, days: readonly CostDay[]): CostDay[] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  return dayRange(from, to).map((day) => byDay.get(day) ?? { day, costUsd: 0, turns: 0, inputTokens: 0, outputTokens: 0 });
}

/**
 * A round axis maximum above `value` (1, 2, 2.5, 5 × 10ⁿ), so gridlines land on readable amounts.
 *
 * @example
 * niceCeiling(0.0032) // → 0.005
 * niceCeiling(13) // → 20
 */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value - 1e-12) return step * power;
  return 10 * power;
}

/** One bar of the cost chart, in SVG units. */
export interface Bar {
  readonly day: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly costUsd: number;
}

/** Lays out the bars of `days` in a `width` × `height` plot whose top is `max`. */
export function layoutBars(days: readonly CostDay[], width: number, height: number, max: number): Bar[] {
  if (days.length === 0) return [];
  const slot = width / days.length;
  const barWidth = Math.max(1, Math.min(28, slot * 0.7));
  return days.map((d, index) => {
    const h = max > 0 ? Math.max(d.costUsd > 0 ? 1.5 : 0, (d.costUsd / max) * height) : 0;
    return { day: d.day, x: index * slot + (slot - barWidth) / 2, y: height - h, width: barWidth, height: h, costUsd: d.costUsd };
  });
}

/** The month gauge: spend, budget and cap as shares (0–1) of the gauge's full scale (the cap, or more). */
export function budgetGauge(month: { spendUsd: number; budgetUsd: number; hardCapUsd: number }): { spend: number; budget: number; cap: number; scale: number } {
  const scale = Math.max(month.hardCapUsd, month.budgetUsd, month.spendUsd, 0.000001);
  return { spend: Math.min(1, month.spendUsd / scale), budget: month.budgetUsd / scale, cap: month.hardCapUsd / scale, scale };
}

/** The budget state in words and tone. */
export function budgetStateLabel(state: BudgetState | string): { readonly label: string; readonly tone: 'ok' | 'warn' | 'stop' } {
  if (state === 'over_budget') return { label: 'Over budget — small model only', tone: 'warn' };
  if (state === 'exhausted') return { label: 'Hard cap reached — bot paused', tone: 'stop' };
  return { label: 'Within budget', tone: 'ok' };
}

/** The AI settings form as typed (numbers as text). */
export interface AiSettingsForm {
  readonly enabled: boolean;
  readonly maxTier: 'small' | 'mid' | 'premium';
  readonly semantic: string;
  readonly keyword: string;
  readonly minScore: string;
  readonly minConfidence: string;
  readonly rerank: boolean;
  readonly monthlyBudgetUsd: string;
  readonly alertPercents: string;
  readonly hardCapUsd: string;
}

/** The form for stored settings. */
export function aiSettingsForm(settings: AiSettingsView): AiSettingsForm {
  return {
    enabled: settings.enabled,
    maxTier: settings.maxTier,
    semantic: String(settings.fusionWeights.semantic),
    keyword: String(settings.fusionWeights.keyword),
    minScore: String(settings.minScore),
    minConfidence: String(settings.minConfidence),
    rerank: settings.rerank,
    monthlyBudgetUsd: String(settings.monthlyBudgetUsd),
    alertPercents: settings.alertPercents.join(', '),
    hardCapUsd: String(settings.hardCapUsd),
  };
}

function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

/**
 * Checks the form with the API's rules (weights ≥ 0, not both 0; 0 ≤ min score, min confidence
 * ≤ 1; budget > 0; hard cap ≥ budget; 1–5 alert percents of 1–100) and builds the `PUT` body.
 *
 * @example
 * parseAiSettingsForm({ ...form, hardCapUsd: '10', monthlyBudgetUsd: '50' })
 * // → { errors: { hardCapUsd: 'The hard cap must be at least the monthly budget.' } }
 */
export function parseAiSettingsForm(form: AiSettingsForm): { body?: AiSettingsView; errors: Partial<Record<keyof AiSettingsForm, string>> } {
  const errors: Partial<Record<keyof AiSettingsForm, string>> = {};
  const semantic = numberOf(form.semantic);
  const keyword = numberOf(form.keyword);
  if (!(semantic >= 0)) errors.semantic = 'A number of 0 or more.';
  if (!(keyword >= 0)) errors.keyword = 'A number of 0 or more.';
  if (semantic === 0 && keyword === 0) errors.keyword = 'Meaning and keyword weights cannot both be 0.';
  const minScore = numberOf(form.minScore);
  if (!(minScore >= 0 && minScore <= 1)) errors.minScore = 'Between 0 and 1.';
  const minConfidence = numberOf(form.minConfidence);
  if (!(minConfidence >= 0 && minConfidence <= 1)) errors.minConfidence = 'Between 0 and 1.';
  const budget = numberOf(form.monthlyBudgetUsd);
  if (!(budget > 0)) errors.monthlyBudgetUsd = 'An amount above $0.';
  const cap = numberOf(form.hardCapUsd);
  if (!(cap > 0)) errors.hardCapUsd = 'An amount above $0.';
  else if (budget > 0 && cap < budget) errors.hardCapUsd = 'The hard cap must be at least the monthly budget.';
  const parts = form.alertPercents.split(/[\s,;%]+/).filter(Boolean);
  const percents = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (parts.length === 0 || parts.length > 5 || percents.some((p) => !Number.isInteger(p) || p < 1 || p > 100)) {
    errors.alertPercents = 'One to five whole percentages between 1 and 100.';
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    body: {
      enabled: form.enabled,
      maxTier: form.maxTier,
      fusionWeights: { semantic, keyword },
      minScore,
      minConfidence,
      rerank: form.rerank,
      monthlyBudgetUsd: budget,
      alertPercents: percents,
      hardCapUsd: cap,
    },
  };
}

/**
 * Reads FAQ entries typed as blocks of `Q: …` and `A: …` lines (blank lines between blocks;
 * an answer may span several lines).
 *
 * @example
 * parseFaq('Q: Do you ship abroad?\nA: Yes, to 30 countries.')
 * // → { entries: [{ question: 'Do you ship abroad?', answer: 'Yes, to 30 countries.' }] }
 */
export function parseFaq(text: string): { entries: { question: string; answer: string }[]; error?: string } {
  const entries: { question: string; answer: string }[] = [];
  let question: string | undefined;
  let answer: string[] | undefined;
  const flush = (): string | undefined => {
    if (question === undefined) return undefined;
    const joined = (answer ?? []).join('\n').trim();
    if (!question.trim()) return 'A question is empty.';
    if (!joined) return `“${question.trim()}” has no answer (start it with A:).`;
    entries.push({ question: question.trim(), answer: joined });
    question = undefined;
    answer = undefined;
    return undefined;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const q = /^\s*Q\s*[:.]\s*(.*)$/i.exec(line);
    const a = /^\s*A\s*[:.]\s*(.*)$/i.exec(line);
    if (q) {
      const error = flush();
      if (error) return { entries, error };
      question = q[1] ?? '';
    } else if (a && question !== undefined && answer === undefined) {
      answer = [a[1] ?? ''];
    } else if (answer !== undefined) {
      answer.push(line);
    } else if (line.trim() && question !== undefined) {
      question = `${question} ${line.trim()}`;
    } else if (line.trim()) {
      return { entries, error: 'Start each entry with a line “Q: …” followed by “A: …”.' };
    }
  }
  const error = flush();
  if (error) return { entries, error };
  if (entries.length === 0) return { entries, error: 'Add at least one “Q: …” / “A: …” pair.' };
  if (entries.length > 500) return { entries, error: 'At most 500 questions per FAQ source.' };
  return { entries };
}

/**
 * The dashboard route of a notification's link: `#/…`, `/#/…`, or a path the backend names a page
 * by (`/problems/<id>`, `/ai/costs`, `/knowledge/…`). Links elsewhere (other sites, scripts) give nothing.
 *
 * @example
 * dashboardLink('/problems/01J…') // → '#/problems/01J…'
 * dashboardLink('/ai/costs') // → '#/costs'
 */
export function dashboardLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  const path = link.startsWith('/#/') ? link.slice(2) : link.startsWith('#/') ? link.slice(1) : link;
  if (!/^\/(?!\/)[\w\-/?=&.%]*$/.test(path)) return undefined;
  const page = path.replace(/^\/ai\/costs\b/, '/costs').replace(/^\/ai\/settings\b/, '/ai').replace(/^\/knowledge\/.*/, '/knowledge');
  return routeHash(parseRoute(`#${page}`));
}

/** Bytes as `12 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
