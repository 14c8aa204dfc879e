/**
 * AI budgets — layer: domain (pure).
 *
 * A tenant's month-to-date AI spend (nano-US-dollars, 1e-9 USD) against its settings decides what
 * the bot may still do: below the monthly budget anything the routing picks (`ok`), at or above it
 * only the small model (`over_budget`), at or above the hard cap nothing — conversations go to
 * people (`exhausted`). Admins get a notification at each alert percentage of the budget, once
 * per month and percentage.
 */
import type { AiSettings } from './ai-settings.js';

/** What the month's spend allows. */
export const budgetStates = ['ok', 'over_budget', 'exhausted'] as const;
export type BudgetState = (typeof budgetStates)[number];

/** Nano-US-dollars in one US dollar. */
export const nanoUsdPerUsd = 1_000_000_000;

/** Dollars (settings) → nano-dollars (storage), rounded to the nearest nano-dollar. */
export function usdToNanoUsd(usd: number): number {
  return Math.round(usd * nanoUsdPerUsd);
}

/** Nano-dollars → dollars for API views, rounded to 6 decimals (a micro-dollar). */
export function nanoToUsd(nanoUsd: number): number {
  return Math.round(nanoUsd / 1000) / 1_000_000;
}

/**
 * The budget state of a month's spend.
 *
 * @example
 * budgetState({ monthSpendNanoUsd: usdToNanoUsd(55), settings }) // budget 50, cap 60 → 'over_budget'
 */
export function budgetState(input: { monthSpendNanoUsd: number; settings: Pick<AiSettings, 'monthlyBudgetUsd' | 'hardCapUsd'> }): BudgetState {
  const { monthSpendNanoUsd, settings } = input;
  if (monthSpendNanoUsd >= usdToNanoUsd(settings.hardCapUsd)) return 'exhausted';
  if (monthSpendNanoUsd >= usdToNanoUsd(settings.monthlyBudgetUsd)) return 'over_budget';
  return 'ok';
}

/**
 * The alert percentages a spend change crossed: those whose threshold (percent of the monthly
 * budget) is above `previous` and at or below `next`, ascending.
 *
 * @example
 * crossedAlerts(usdToNanoUsd(24), usdToNanoUsd(26), settings) // budget 50, alerts [50, 80, 100] → [50]
 */
export function crossedAlerts(previousNanoUsd: number, nextNanoUsd: number, settings: Pick<AiSettings, 'monthlyBudgetUsd' | 'alertPercents'>): number[] {
  return [...new Set(settings.alertPercents)]
    .filter((percent) => {
      const threshold = alertThresholdNanoUsd(percent, settings.monthlyBudgetUsd);
      return previousNanoUsd < threshold && nextNanoUsd >= threshold;
    })
    .sort((a, b) => a - b);
}

/** The alert percentages a month's spend has reached (at or above their threshold), ascending. */
export function reachedAlerts(spendNanoUsd: number, settings: Pick<AiSettings, 'monthlyBudgetUsd' | 'alertPercents'>): number[] {
  return crossedAlerts(-1, spendNanoUsd, settings);
}

/** The spend (nano-dollars) at which an alert percentage fires. */
export function alertThresholdNanoUsd(percent: number, monthlyBudgetUsd: number): number {
  return Math.ceil((usdToNanoUsd(monthlyBudgetUsd) * percent) / 100);
}

/** The UTC month (`YYYY-MM`) of an ISO time. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** The UTC day (`YYYY-MM-DD`) of an ISO time. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}
