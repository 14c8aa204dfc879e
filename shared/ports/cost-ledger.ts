/**
 * AI cost ledger — layer: ports (interfaces in domain terms; no SDK types).
 *
 * Where the AI's spend is counted (docs/COSTS.md): the conversation's `aiCostNanoUsd`, per tenant
 * day and month (cost, turns, tokens), and per (month, conversation) for the ranking. One AI answer
 * is recorded exactly once (keyed by its message id), so a retried job never counts twice. Money is
 * integer nano-US-dollars (1e-9 USD).
 */

/** One AI answer's cost, as recorded. */
export interface AiCostEntry {
  readonly accountId: string;
  /** The conversation answered; absent for account-level AI work (a problem's fix draft). */
  readonly conversationId?: string;
  /** The bot message the cost belongs to, or another unique key of the AI call (the idempotency key). */
  readonly messageId: string;
  /** ISO-8601 UTC time of the answer; decides its day and month. */
  readonly at: string;
  readonly costNanoUsd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly modelId: string;
}

/** Totals of one tenant day or month. */
export interface CostTotals {
  readonly costNanoUsd: number;
  readonly turns: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** One day's totals (`YYYY-MM-DD`, UTC). */
export interface DayCost extends CostTotals {
  readonly day: string;
}

/** One conversation's AI cost in a month. */
export interface ConversationCost {
  readonly conversationId: string;
  readonly costNanoUsd: number;
  readonly turns: number;
}

/** What {@link CostLedger.record} did. */
export interface RecordedCost {
  /** False when the message was recorded before (a retry) or its conversation does not exist. */
  readonly recorded: boolean;
  /** The month's total spend after the call. */
  readonly monthSpendNanoUsd: number;
  /** The alert percentages already claimed this month. */
  readonly alertedPercents: readonly number[];
}

/** The ledger. */
export interface CostLedger {
  /**
   * AP-75..AP-78: records an answer's cost once: claims the message id and adds the cost to the
   * conversation, the day, the month and the month's conversation ranking, all or nothing.
   * Resolves `recorded: false` (nothing added) when the message was recorded before, and the
   * month's total spend after the call either way. A conversation that does not exist is not
   * charged (`recorded: false`).
   */
  record(entry: AiCostEntry): Promise<RecordedCost>;
  /** AP-77: a month's totals (zeros when nothing was spent). */
  month(accountId: string, month: string): Promise<CostTotals>;
  /** AP-76: the days between `from` and `to` (inclusive, `YYYY-MM-DD`) that had any spend, oldest first. */
  days(accountId: string, from: string, to: string): Promise<readonly DayCost[]>;
  /** AP-78: the month's most costly conversations, highest first. */
  topConversations(accountId: string, month: string, limit: number): Promise<readonly ConversationCost[]>;
  /**
   * AP-79: claims the alert of (month, percent) once (on the month's totals item); true for the
   * first claim only, so each alert notifies admins once, however many answers reach it concurrently.
   */
  claimAlert(accountId: string, month: string, percent: number, at: string): Promise<boolean>;
}
