/**
 * Record an AI answer's cost — layer: services. Called by the AI turn (ai-responder) once an
 * answer is stored.
 *
 * Primary course:
 *  1. Add the cost to the ledger (conversation, day, month, the month's conversation ranking),
 *     once per message id: a retried job adds nothing.
 *  2. Read the account's AI settings (unless the caller passes the account it read); for every alert percentage the month's spend has reached
 *     and that was not claimed yet, claim it (once per month and percentage) and notify the
 *     account's admins (`budget_alert`).
 * Resolves the month's spend after the answer, which the caller may feed to routing.
 */
import { resolveAiSettings } from '../../domain/ai-settings.js';
import { budgetState, monthOf, nanoToUsd, reachedAlerts } from '../../domain/budget.js';
import type { Account } from '../../domain/entities.js';
import type { AiCostEntry, CostLedger } from '../../ports/cost-ledger.js';
import type { AccountRepository } from '../../ports/repositories.js';
import type { NotifyInput } from '../notifications/notify.js';

/** Dependencies of {@link makeRecordAiCost}. */
export interface RecordAiCostDeps {
  readonly costLedger: Pick<CostLedger, 'record' | 'claimAlert'>;
  readonly accounts: Pick<AccountRepository, 'get'>;
  readonly notify: (input: NotifyInput) => Promise<unknown>;
}

/** One AI answer's cost (the ledger's entry: integer nano-US-dollars; the message id is the idempotency key). */
export type RecordAiCostInput = AiCostEntry;

/** What the caller already read (the AI turn read the account): not read again. */
export interface RecordAiCostLoaded {
  /** The account, as read by the caller (absent: it is read here). */
  readonly account?: Account;
}

/** Creates the use case recording an AI answer's cost. */
export function makeRecordAiCost(deps: RecordAiCostDeps) {
  return async function recordAiCost(input: RecordAiCostInput, loaded: RecordAiCostLoaded = {}): Promise<{ monthSpendNanoUsd: number }> {
    const costNanoUsd = Math.max(0, Math.ceil(input.costNanoUsd));
    const outcome = await deps.costLedger.record({ ...input, costNanoUsd });
    const account = loaded.account?.id === input.accountId ? loaded.account : await deps.accounts.get(input.accountId);
    if (!account) return { monthSpendNanoUsd: outcome.monthSpendNanoUsd };
    const settings = resolveAiSettings(account.ai);
    const month = monthOf(input.at);
    const pending = reachedAlerts(outcome.monthSpendNanoUsd, settings).filter((p) => !outcome.alertedPercents.includes(p));
    for (const percent of pending) {
      if (!await deps.costLedger.claimAlert(input.accountId, month, percent, input.at)) continue;
      const spendUsd = nanoToUsd(outcome.monthSpendNanoUsd);
      const state = budgetState({ monthSpendNanoUsd: outcome.monthSpendNanoUsd, settings });
      await deps.notify({
        accountId: input.accountId,
        kind: 'budget_alert',
        title: `AI spend reached ${percent}% of the monthly budget`,
        body: `The AI agent has spent $${spendUsd.toFixed(2)} in ${month} of a $${settings.monthlyBudgetUsd.toFixed(2)} budget`
          + ` (hard cap $${settings.hardCapUsd.toFixed(2)}).`
          + (state === 'exhausted' ? ' The hard cap is reached: every conversation now goes to people.'
            : state === 'over_budget' ? ' Above the budget only the small model answers.' : ''),
        link: '/ai/costs',
      });
    }
    return { monthSpendNanoUsd: outcome.monthSpendNanoUsd };
  };
}
