/**
 * Cost recording with budget alerts, the budget gate and AI settings changes
 * (shared/services/ai-costs), over in-memory ports.
 */
import { describe, expect, it } from 'vitest';
import { defaultAiSettings, type AiSettings } from '../../../../shared/domain/ai-settings.js';
import type { Account } from '../../../../shared/domain/entities.js';
import type { AiCostEntry, CostLedger } from '../../../../shared/ports/cost-ledger.js';
import { makeBudgetGate, makeRecordAiCost, makeUpdateAiSettings } from '../../../../shared/services/ai-costs/index.js';
import type { NotifyInput } from '../../../../shared/services/notifications/notify.js';

/** A ledger in memory: one month total, claimed alerts, recorded message ids. */
function memoryLedger() {
  const seen = new Set<string>();
  const months = new Map<string, number>();
  const alerted = new Map<string, number[]>();
  const ledger: Pick<CostLedger, 'record' | 'claimAlert' | 'month'> = {
    async record(entry: AiCostEntry) {
      const month = entry.at.slice(0, 7);
      const recorded = !seen.has(entry.messageId);
      if (recorded) {
        seen.add(entry.messageId);
        months.set(month, (months.get(month) ?? 0) + entry.costNanoUsd);
      }
      return { recorded, monthSpendNanoUsd: months.get(month) ?? 0, alertedPercents: alerted.get(month) ?? [] };
    },
    async claimAlert(_accountId, month, percent) {
      const list = alerted.get(month) ?? [];
      if (list.includes(percent)) return false;
      alerted.set(month, [...list, percent]);
      return true;
    },
    async month(_accountId, month) {
      return { costNanoUsd: months.get(month) ?? 0, turns: 0, inputTokens: 0, outputTokens: 0 };
    },
  };
  return ledger;
}

function anAccount(ai?: Partial<AiSettings>): Account {
  return { id: 'ACC', name: 'Shop', mfaRequired: false, autoAssign: true, agentCapacity: 10, ...(ai ? { ai } : {}), createdAt: '2026-01-01T00:00:00.000Z' };
}

const clock = { nowMs: () => Date.parse('2026-12-10T10:00:00.000Z'), nowIso: () => '2026-12-10T10:00:00.000Z' };

describe('recordAiCost', () => {
  it('notifies admins once per alert percentage reached, and not again for a retried answer', async () => {
    // Prepare: budget $1, alerts at 50% and 100%
    const ledger = memoryLedger();
    const sent: NotifyInput[] = [];
    const record = makeRecordAiCost({
      costLedger: ledger,
      accounts: { get: async () => anAccount({ monthlyBudgetUsd: 1, hardCapUsd: 2, alertPercents: [50, 100] }) },
      notify: async (n) => { sent.push(n); },
    });
    const answer = (messageId: string, costNanoUsd: number) => ({
      accountId: 'ACC', conversationId: 'C', messageId, at: '2026-12-10T10:00:00.000Z', costNanoUsd, inputTokens: 1, outputTokens: 1, modelId: 'm',
    });

    // Act
    const a = await record(answer('m1', 400_000_000));
    const b = await record(answer('m2', 200_000_000));
    const retry = await record(answer('m2', 200_000_000));
    const c = await record(answer('m3', 100_000_000));
    const d = await record(answer('m4', 400_000_000));

    // Assess
    expect([a, b, retry, c, d].map((r) => r.monthSpendNanoUsd)).toEqual([400_000_000, 600_000_000, 600_000_000, 700_000_000, 1_100_000_000]);
    expect(sent.map((n) => n.title)).toEqual(['AI spend reached 50% of the monthly budget', 'AI spend reached 100% of the monthly budget']);
    expect(sent[1]).toMatchObject({ kind: 'budget_alert', link: '/ai/costs' });
    expect(sent[1]?.body).toContain('only the small model');
  });

  it('rounds a fractional cost up to a whole nano-dollar', async () => {
    const ledger = memoryLedger();
    const record = makeRecordAiCost({ costLedger: ledger, accounts: { get: async () => anAccount() }, notify: async () => undefined });
    const outcome = await record({ accountId: 'ACC', conversationId: 'C', messageId: 'x', at: '2026-12-10T10:00:00.000Z', costNanoUsd: 10.2, inputTokens: 1, outputTokens: 1, modelId: 'm' });
    expect(outcome.monthSpendNanoUsd).toBe(11);
  });
});

describe('budgetGate', () => {
  it("answers the month's state with the account's settings", async () => {
    const ledger = memoryLedger();
    const gate = makeBudgetGate({ costLedger: ledger, accounts: { get: async () => anAccount({ monthlyBudgetUsd: 1, hardCapUsd: 1.5 }) }, clock });
    expect((await gate('ACC')).state).toBe('ok');
    await ledger.record({ accountId: 'ACC', conversationId: 'C', messageId: 'a', at: clock.nowIso(), costNanoUsd: 1_000_000_000, inputTokens: 0, outputTokens: 0, modelId: 'm' });
    expect(await gate('ACC')).toMatchObject({ state: 'over_budget', monthSpendNanoUsd: 1_000_000_000, settings: { monthlyBudgetUsd: 1 } });
    await ledger.record({ accountId: 'ACC', conversationId: 'C', messageId: 'b', at: clock.nowIso(), costNanoUsd: 500_000_000, inputTokens: 0, outputTokens: 0, modelId: 'm' });
    expect((await gate('ACC')).state).toBe('exhausted');
  });

  it('gives the defaults for an account without settings', async () => {
    const gate = makeBudgetGate({ costLedger: memoryLedger(), accounts: { get: async () => anAccount() }, clock });
    expect((await gate('ACC')).settings).toEqual(defaultAiSettings);
  });
});

describe('updateAiSettings', () => {
  function accountsWith(stored: Account) {
    let account = stored;
    return {
      get: async () => account,
      update: async (_id: string, changes: { ai?: Partial<AiSettings> }) => {
        account = { ...account, ...changes };
        return account;
      },
    };
  }

  it('merges a partial change over the stored settings and sorts alert percentages', async () => {
    const update = makeUpdateAiSettings({ accounts: accountsWith(anAccount({ minScore: 0.3 })) });
    const settings = await update('ACC', { monthlyBudgetUsd: 20, hardCapUsd: 25, alertPercents: [90, 10, 90] });
    expect(settings).toEqual({ ...defaultAiSettings, minScore: 0.3, monthlyBudgetUsd: 20, hardCapUsd: 25, alertPercents: [10, 90] });
  });

  it('refuses a hard cap below the budget in force', async () => {
    const update = makeUpdateAiSettings({ accounts: accountsWith(anAccount()) });
    await expect(update('ACC', { hardCapUsd: 10 })).rejects.toMatchObject({ name: 'AiSettingsInvalidError', message: 'hardCapUsd: must be at least monthlyBudgetUsd' });
  });
});
