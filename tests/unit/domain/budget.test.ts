/**
 * Budget rules (shared/domain/budget.ts): the state a month's spend allows and the alerts it crosses.
 */
import { describe, expect, it } from 'vitest';
import { defaultAiSettings } from '../../../shared/domain/ai-settings.js';
import { budgetState, crossedAlerts, dayOf, monthOf, nanoToUsd, reachedAlerts, usdToNanoUsd } from '../../../shared/domain/budget.js';

const settings = { ...defaultAiSettings, monthlyBudgetUsd: 50, hardCapUsd: 60, alertPercents: [50, 80, 100] };

describe('budgetState', () => {
  it('is ok below the budget, over_budget from the budget and exhausted from the hard cap', () => {
    expect(budgetState({ monthSpendNanoUsd: 0, settings })).toBe('ok');
    expect(budgetState({ monthSpendNanoUsd: usdToNanoUsd(50) - 1, settings })).toBe('ok');
    expect(budgetState({ monthSpendNanoUsd: usdToNanoUsd(50), settings })).toBe('over_budget');
    expect(budgetState({ monthSpendNanoUsd: usdToNanoUsd(59.99), settings })).toBe('over_budget');
    expect(budgetState({ monthSpendNanoUsd: usdToNanoUsd(60), settings })).toBe('exhausted');
  });

  it('is exhausted at once when the hard cap equals the budget', () => {
    expect(budgetState({ monthSpendNanoUsd: usdToNanoUsd(50), settings: { ...settings, hardCapUsd: 50 } })).toBe('exhausted');
  });
});

describe('crossedAlerts', () => {
  it('gives the percentages whose threshold lies above the previous spend and at or below the next', () => {
    expect(crossedAlerts(usdToNanoUsd(24), usdToNanoUsd(25), settings)).toEqual([50]);
    expect(crossedAlerts(usdToNanoUsd(25), usdToNanoUsd(26), settings)).toEqual([]);
    expect(crossedAlerts(usdToNanoUsd(10), usdToNanoUsd(55), settings)).toEqual([50, 80, 100]);
    expect(crossedAlerts(usdToNanoUsd(41), usdToNanoUsd(41), settings)).toEqual([]);
  });

  it('ignores duplicate percentages and sorts them', () => {
    expect(crossedAlerts(0, usdToNanoUsd(50), { monthlyBudgetUsd: 50, alertPercents: [100, 50, 50] })).toEqual([50, 100]);
  });

  it('reachedAlerts gives every percentage the spend has reached', () => {
    expect(reachedAlerts(usdToNanoUsd(40), settings)).toEqual([50, 80]);
    expect(reachedAlerts(0, settings)).toEqual([]);
  });
});

describe('money and periods', () => {
  it('converts between dollars and integer nano-dollars, rounding views to 6 decimals', () => {
    expect(usdToNanoUsd(0.000001)).toBe(1000);
    expect(nanoToUsd(1_234_567_891)).toBe(1.234568);
    expect(nanoToUsd(499)).toBe(0);
  });

  it('takes the UTC day and month of an ISO time', () => {
    expect(dayOf('2026-12-31T23:59:59.999Z')).toBe('2026-12-31');
    expect(monthOf('2026-12-31T23:59:59.999Z')).toBe('2026-12');
  });
});
