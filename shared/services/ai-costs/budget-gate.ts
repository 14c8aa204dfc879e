/**
 * The budget gate — layer: services. The AI turn asks it before choosing a model.
 *
 * Reads the account's AI settings (unless the caller passes the account it already read) and the
 * month's spend and answers what the spend allows:
 * `ok`, `over_budget` (only the small model) or `exhausted` (hand the conversation to people).
 */
import { resolveAiSettings, type AiSettings } from '../../domain/ai-settings.js';
import { budgetState, monthOf, type BudgetState } from '../../domain/budget.js';
import type { Account } from '../../domain/entities.js';
import type { CostLedger } from '../../ports/cost-ledger.js';
import type { AccountRepository } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';

/** Dependencies of {@link makeBudgetGate}. */
export interface BudgetGateDeps {
  readonly costLedger: Pick<CostLedger, 'month'>;
  readonly accounts: Pick<AccountRepository, 'get'>;
  readonly clock: Clock;
}

/** What the gate answers. */
export interface BudgetGateResult {
  readonly state: BudgetState;
  readonly settings: AiSettings;
  readonly monthSpendNanoUsd: number;
}

/** What the caller already read this turn (so the gate does not read it again). */
export interface BudgetGateLoaded {
  /** The account, as read by the caller (absent: the gate reads it). */
  readonly account?: Account;
}

/** Creates the budget gate. An unknown account gets the defaults and its (empty) month. */
export function makeBudgetGate(deps: BudgetGateDeps) {
  return async function budgetGate(accountId: string, loaded: BudgetGateLoaded = {}): Promise<BudgetGateResult> {
    const [account, month] = await Promise.all([
      loaded.account?.id === accountId ? loaded.account : deps.accounts.get(accountId),
      deps.costLedger.month(accountId, monthOf(deps.clock.nowIso())),
    ]);
    const settings = resolveAiSettings(account?.ai);
    const monthSpendNanoUsd = month.costNanoUsd;
    return { state: budgetState({ monthSpendNanoUsd, settings }), settings, monthSpendNanoUsd };
  };
}
