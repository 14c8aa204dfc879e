/**
 * AI cost reports — layer: services. What the dashboard's Costs page shows.
 */
import { resolveAiSettings } from '../../domain/ai-settings.js';
import { budgetState, dayOf, monthOf, nanoToUsd, usdToNanoUsd, type BudgetState } from '../../domain/budget.js';
import type { CostLedger } from '../../ports/cost-ledger.js';
import type { AccountRepository, ConversationRepository } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';
import { AccountNotFoundError, CostRangeInvalidError } from './errors.js';

/** The longest day range one report covers. */
export const maxCostRangeDays = 92;
/** How many conversations the ranking lists. */
export const topConversationsLimit = 50;

const dayMs = 24 * 60 * 60 * 1000;

/** One day of the report (every day of the range, zeros included). */
export interface DayCostView {
  readonly day: string;
  readonly costUsd: number;
  readonly turns: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** The month's spend against the budget. */
export interface MonthCostView {
  readonly month: string;
  readonly spendUsd: number;
  readonly budgetUsd: number;
  readonly hardCapUsd: number;
  readonly state: BudgetState;
}

/** Dependencies of the reports. */
export interface CostReportDeps {
  readonly costLedger: CostLedger;
  readonly accounts: Pick<AccountRepository, 'get'>;
  readonly conversations: Pick<ConversationRepository, 'get'>;
  readonly clock: Clock;
}

function dayMsOf(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/**
 * Creates the use case reporting cost per day over `from`..`to` (inclusive; default the last 30
 * days) and the current month against the budget.
 */
export function makeGetAiCosts(deps: CostReportDeps) {
  return async function getAiCosts(accountId: string, range: { from?: string; to?: string }): Promise<{ days: DayCostView[]; month: MonthCostView }> {
    const today = dayOf(deps.clock.nowIso());
    const to = range.to ?? today;
    const from = range.from ?? dayOf(new Date(dayMsOf(to) - 29 * dayMs).toISOString());
    const span = (dayMsOf(to) - dayMsOf(from)) / dayMs + 1;
    if (!(span >= 1)) throw new CostRangeInvalidError('from: must not be after to');
    if (span > maxCostRangeDays) throw new CostRangeInvalidError(`from..to: at most ${maxCostRangeDays} days`);
    const account = await deps.accounts.get(accountId);
    if (!account) throw new AccountNotFoundError();
    const settings = resolveAiSettings(account.ai);
    const month = monthOf(deps.clock.nowIso());
    const [stored, totals] = await Promise.all([deps.costLedger.days(accountId, from, to), deps.costLedger.month(accountId, month)]);
    const byDay = new Map(stored.map((d) => [d.day, d]));
    const days: DayCostView[] = [];
    for (let ms = dayMsOf(from); ms <= dayMsOf(to); ms += dayMs) {
      const day = dayOf(new Date(ms).toISOString());
      const d = byDay.get(day);
      days.push({ day, costUsd: nanoToUsd(d?.costNanoUsd ?? 0), turns: d?.turns ?? 0, inputTokens: d?.inputTokens ?? 0, outputTokens: d?.outputTokens ?? 0 });
    }
    return {
      days,
      month: {
        month,
        spendUsd: nanoToUsd(totals.costNanoUsd),
        budgetUsd: nanoToUsd(usdToNanoUsd(settings.monthlyBudgetUsd)),
        hardCapUsd: nanoToUsd(usdToNanoUsd(settings.hardCapUsd)),
        state: budgetState({ monthSpendNanoUsd: totals.costNanoUsd, settings }),
      },
    };
  };
}

/** One row of the ranking. */
export interface ConversationCostView {
  readonly conversationId: string;
  readonly contactName?: string;
  readonly costUsd: number;
  readonly turns: number;
}

/** Creates the use case ranking a month's conversations by AI cost (default the current month). */
export function makeListConversationCosts(deps: CostReportDeps) {
  return async function listConversationCosts(accountId: string, month?: string): Promise<ConversationCostView[]> {
    const rows = await deps.costLedger.topConversations(accountId, month ?? monthOf(deps.clock.nowIso()), topConversationsLimit);
    return Promise.all(rows.map(async (row) => {
      const conversation = await deps.conversations.get(accountId, row.conversationId);
      const contactName = conversation?.contactName;
      return {
        conversationId: row.conversationId,
        ...(contactName !== undefined ? { contactName } : {}),
        costUsd: nanoToUsd(row.costNanoUsd),
        turns: row.turns,
      };
    }));
  };
}
