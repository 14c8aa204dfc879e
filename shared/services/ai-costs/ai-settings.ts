/**
 * Read and change a tenant's AI settings — layer: services.
 *
 * The settings live on the account item (`Account.ai`, only what an admin changed); reads fill in
 * the defaults. A change is merged over the settings in force and checked as a whole (the hard cap
 * may not be below the budget, the fusion weights may not both be zero), then stored.
 */
import { resolveAiSettings, type AiSettings } from '../../domain/ai-settings.js';
import type { AccountRepository } from '../../ports/repositories.js';
import { AccountNotFoundError, AiSettingsInvalidError } from './errors.js';

/** What an admin may change (every field optional). */
export type AiSettingsChanges = Partial<AiSettings>;

/** Checks merged settings; throws AiSettingsInvalidError naming the first problem. */
export function checkAiSettings(settings: AiSettings): void {
  const { semantic, keyword } = settings.fusionWeights;
  if (!(semantic >= 0 && keyword >= 0) || semantic + keyword <= 0) {
    throw new AiSettingsInvalidError('fusionWeights: must be non-negative and not both 0');
  }
  if (settings.hardCapUsd < settings.monthlyBudgetUsd) {
    throw new AiSettingsInvalidError('hardCapUsd: must be at least monthlyBudgetUsd');
  }
}

/** Creates the use case reading an account's AI settings (defaults filled in). */
export function makeGetAiSettings(deps: { accounts: Pick<AccountRepository, 'get'> }) {
  return async function getAiSettings(accountId: string): Promise<AiSettings> {
    const account = await deps.accounts.get(accountId);
    if (!account) throw new AccountNotFoundError();
    return resolveAiSettings(account.ai);
  };
}

/** Creates the use case changing an account's AI settings; resolves the settings in force afterwards. */
export function makeUpdateAiSettings(deps: { accounts: Pick<AccountRepository, 'get' | 'update'> }) {
  return async function updateAiSettings(accountId: string, changes: AiSettingsChanges): Promise<AiSettings> {
    const account = await deps.accounts.get(accountId);
    if (!account) throw new AccountNotFoundError();
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as AiSettingsChanges;
    const alertPercents = defined.alertPercents ? [...new Set(defined.alertPercents)].sort((a, b) => a - b) : undefined;
    const stored: AiSettingsChanges = { ...(account.ai ?? {}), ...defined, ...(alertPercents ? { alertPercents } : {}) };
    const merged = resolveAiSettings(stored);
    checkAiSettings(merged);
    // Last writer wins per field set: the whole `ai` map is replaced with the merged changes.
    const updated = await deps.accounts.update(accountId, { ai: stored });
    if (!updated) throw new AccountNotFoundError();
    return resolveAiSettings(updated.ai);
  };
}
