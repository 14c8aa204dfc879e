/**
 * The AI cost ledger, notifications and unresolved problems against DynamoDB Local: AP-75 … AP-87.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCostLedgerRepository } from '../../../shared/adapters/dynamodb/cost-ledger-repository.js';
import { makeNotificationRepository } from '../../../shared/adapters/dynamodb/notification-repository.js';
import { makeProblemRepository } from '../../../shared/adapters/dynamodb/problem-repository.js';
import type { Problem } from '../../../shared/domain/problems.js';
import type { CostLedger } from '../../../shared/ports/cost-ledger.js';
import type { NotificationRepository } from '../../../shared/ports/notifications.js';
import type { ProblemRepository } from '../../../shared/ports/problems.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aConversation, newId } from './builders.js';

let table: DynamoTestTable;
let ledger: CostLedger;
let notifications: NotificationRepository;
let problems: ProblemRepository;

beforeAll(async () => {
  table = await dynamoTestTable();
  const ctx = { client: table.client, tableName: table.tableName };
  ledger = makeCostLedgerRepository(ctx);
  notifications = makeNotificationRepository(ctx);
  problems = makeProblemRepository(ctx);
});

/** A cost entry of a conversation at a time. */
function entry(accountId: string, conversationId: string, at: string, costNanoUsd: number, messageId = newId()) {
  return { accountId, conversationId, messageId, at, costNanoUsd, inputTokens: 100, outputTokens: 20, modelId: 'amazon.nova-micro-v1:0' };
}

async function aStoredConversation(accountId: string) {
  const conversation = aConversation(accountId);
  await table.repos.conversations.create(conversation);
  return conversation;
}

describe('CostLedger', () => {
  it('AP-75: records an answer once — a retried record with the same message id adds nothing', async () => {
    const accountId = newAccountId();
    const conversation = await aStoredConversation(accountId);
    const first = entry(accountId, conversation.id, '2026-12-01T10:00:00.000Z', 1_500);

    const recorded = await ledger.record(first);
    const retried = await ledger.record(first);

    expect(recorded).toEqual({ recorded: true, monthSpendNanoUsd: 1_500, alertedPercents: [] });
    expect(retried).toEqual({ recorded: false, monthSpendNanoUsd: 1_500, alertedPercents: [] });
    expect((await table.repos.conversations.get(accountId, conversation.id))?.aiCostNanoUsd).toBe(1_500);
    expect(await table.rawItem({ pk: `ACC#${accountId}#AICOST#${first.messageId}`, sk: 'AICOST' })).toMatchObject({ costNanoUsd: 1_500, conversationId: conversation.id });
  });

  it('AP-75: charges nothing for a conversation that does not exist (no headless item)', async () => {
    const accountId = newAccountId();
    const missing = newId();

    const outcome = await ledger.record(entry(accountId, missing, '2026-12-01T10:00:00.000Z', 900));

    expect(outcome).toEqual({ recorded: false, monthSpendNanoUsd: 0, alertedPercents: [] });
    expect(await table.rawItem({ pk: `ACC#${accountId}#CONV#${missing}`, sk: 'META' })).toBeUndefined();
  });

  it('AP-76 / AP-77: adds cost, turns and tokens per UTC day and month, and lists a day range', async () => {
    const accountId = newAccountId();
    const conversation = await aStoredConversation(accountId);

    await ledger.record(entry(accountId, conversation.id, '2026-11-30T23:59:59.000Z', 100));
    await ledger.record(entry(accountId, conversation.id, '2026-12-01T00:00:01.000Z', 200));
    await ledger.record(entry(accountId, conversation.id, '2026-12-01T12:00:00.000Z', 300));
    await ledger.record({ accountId, messageId: newId(), at: '2026-12-03T08:00:00.000Z', costNanoUsd: 50, inputTokens: 10, outputTokens: 5, modelId: 'm' });

    expect(await ledger.days(accountId, '2026-11-30', '2026-12-02')).toEqual([
      { day: '2026-11-30', costNanoUsd: 100, turns: 1, inputTokens: 100, outputTokens: 20 },
      { day: '2026-12-01', costNanoUsd: 500, turns: 2, inputTokens: 200, outputTokens: 40 },
    ]);
    expect(await ledger.month(accountId, '2026-12')).toEqual({ costNanoUsd: 550, turns: 3, inputTokens: 210, outputTokens: 45 });
    expect(await ledger.month(accountId, '2026-10')).toEqual({ costNanoUsd: 0, turns: 0, inputTokens: 0, outputTokens: 0 });
  });

  it('AP-78: ranks a month\'s conversations by cost, highest first, limited', async () => {
    const accountId = newAccountId();
    const [a, b, c] = [await aStoredConversation(accountId), await aStoredConversation(accountId), await aStoredConversation(accountId)];
    await ledger.record(entry(accountId, a.id, '2026-12-02T10:00:00.000Z', 10));
    await ledger.record(entry(accountId, b.id, '2026-12-02T10:00:00.000Z', 70));
    await ledger.record(entry(accountId, a.id, '2026-12-03T10:00:00.000Z', 15));
    await ledger.record(entry(accountId, c.id, '2026-11-02T10:00:00.000Z', 999));

    expect(await ledger.topConversations(accountId, '2026-12', 2)).toEqual([
      { conversationId: b.id, costNanoUsd: 70, turns: 1 },
      { conversationId: a.id, costNanoUsd: 25, turns: 2 },
    ]);
  });

  it('AP-79: claims a (month, percent) alert exactly once, even when claimed concurrently', async () => {
    const accountId = newAccountId();
    const conversation = await aStoredConversation(accountId);
    await ledger.record(entry(accountId, conversation.id, '2026-12-01T10:00:00.000Z', 10));

    const claims = await Promise.all([1, 2, 3, 4].map(() => ledger.claimAlert(accountId, '2026-12', 50, '2026-12-01T10:00:00.000Z')));
    const other = await ledger.claimAlert(accountId, '2026-12', 80, '2026-12-01T10:00:00.000Z');
    const after = await ledger.record(entry(accountId, conversation.id, '2026-12-01T11:00:00.000Z', 10));

    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(other).toBe(true);
    expect(after.alertedPercents).toEqual([50, 80]);
    expect(after.monthSpendNanoUsd).toBe(20);
  });

  it('refuses a malformed day or month in a key', async () => {
    await expect(ledger.month(newAccountId(), '2026-12-01')).rejects.toThrow(/month/);
  });
});

describe('NotificationRepository', () => {
  function aNotification(accountId: string, title: string) {
    return { accountId, id: newId(), kind: 'budget_alert' as const, title, body: 'Spend reached 50%.', link: '/ai/costs', createdAt: new Date().toISOString() };
  }

  it('AP-80 / AP-82: creates notifications (a retry is a no-op), lists newest first and counts the unread', async () => {
    const accountId = newAccountId();
    const first = aNotification(accountId, 'first');
    const second = aNotification(accountId, 'second');

    await notifications.create(first);
    await notifications.create(first);
    await notifications.create(second);

    expect(await notifications.list(accountId, 50)).toStrictEqual([second, first]);
    expect(await notifications.list(accountId, 1)).toStrictEqual([second]);
    expect(await notifications.unreadCount(accountId)).toBe(2);
  });

  it('AP-81: marks a notification read once; another tenant\'s id is not found and changes nothing', async () => {
    const accountId = newAccountId();
    const n = aNotification(accountId, 'to read');
    await notifications.create(n);

    const outcomes = [
      await notifications.markRead(accountId, n.id, '2026-12-01T10:00:00.000Z'),
      await notifications.markRead(accountId, n.id, '2026-12-01T11:00:00.000Z'),
      await notifications.markRead(newAccountId(), n.id, '2026-12-01T11:00:00.000Z'),
    ];

    expect(outcomes).toEqual(['read', 'already_read', 'not_found']);
    expect(await notifications.unreadCount(accountId)).toBe(0);
    expect((await notifications.list(accountId, 10))[0]?.readAt).toBe('2026-12-01T10:00:00.000Z');
  });
});

describe('ProblemRepository', () => {
  function aProblem(accountId: string, overrides: Partial<Problem> = {}): Problem {
    const at = '2026-12-01T10:00:00.000Z';
    const contactId = newId();
    return {
      accountId, id: newId(), question: 'Can I return worn shoes?', embedding: [0.6, 0.8, 0], status: 'open',
      affectedContacts: 1, occurrences: 1, samples: [{ conversationId: newId(), contactId, question: 'Can I return worn shoes?', at }],
      version: 1, createdAt: at, lastSeenAt: at, ...overrides,
    };
  }

  it('AP-83: creates and gets a problem with its embedding (float32) intact', async () => {
    const accountId = newAccountId();
    const problem = aProblem(accountId, { embedding: [0.5, 0.25, -0.125] });

    await problems.create(problem);
    await problems.create(problem);

    expect(await problems.get(accountId, problem.id)).toStrictEqual(problem);
    expect(await problems.get(newAccountId(), problem.id)).toBeUndefined();
  });

  it('AP-84: lists by status; a status change moves the problem to its new list', async () => {
    const accountId = newAccountId();
    const open = aProblem(accountId);
    const other = aProblem(accountId);
    await problems.create(open);
    await problems.create(other);

    const resolved = await problems.update(accountId, other.id, { status: 'resolved', resolvedAt: '2026-12-02T10:00:00.000Z' }, 1);

    expect((await problems.listByStatus(accountId, 'open', 10)).map((p) => p.id)).toEqual([open.id]);
    expect((await problems.listByStatus(accountId, 'resolved', 10)).map((p) => p.id)).toEqual([other.id]);
    expect(resolved).toMatchObject({ status: 'resolved', version: 2, resolvedAt: '2026-12-02T10:00:00.000Z' });
  });

  it('AP-85 / AP-86: counts a contact once however often it asks, and lists the affected contacts', async () => {
    const accountId = newAccountId();
    const problem = aProblem(accountId);
    await problems.create(problem);
    const firstContact = problem.samples[0]!.contactId;
    const newContact = newId();

    const a = await problems.recordOccurrence(accountId, problem.id, { contactId: firstContact, at: '2026-12-01T11:00:00.000Z', samples: problem.samples }, 1);
    const b = await problems.recordOccurrence(accountId, problem.id, { contactId: newContact, at: '2026-12-01T12:00:00.000Z', samples: problem.samples }, 2);
    const stored = await problems.get(accountId, problem.id);

    expect([a, b]).toEqual(['updated', 'updated']);
    expect(stored).toMatchObject({ affectedContacts: 2, occurrences: 3, version: 3, lastSeenAt: '2026-12-01T12:00:00.000Z' });
    expect([...await problems.listContacts(accountId, problem.id)].sort()).toEqual([firstContact, newContact].sort());
  });

  it('AP-87: refuses an occurrence or an update made on a stale version', async () => {
    const accountId = newAccountId();
    const problem = aProblem(accountId);
    await problems.create(problem);
    await problems.recordOccurrence(accountId, problem.id, { contactId: newId(), at: '2026-12-01T11:00:00.000Z', samples: problem.samples }, 1);

    const staleOccurrence = await problems.recordOccurrence(accountId, problem.id, { contactId: newId(), at: '2026-12-01T12:00:00.000Z', samples: [] }, 1);
    const staleUpdate = await problems.update(accountId, problem.id, { status: 'resolved' }, 1);
    const missing = await problems.update(accountId, newId(), { status: 'resolved' }, 1);

    expect(staleOccurrence).toBe('conflict');
    expect(staleUpdate).toBeUndefined();
    expect(missing).toBeUndefined();
    expect(await problems.get(accountId, problem.id)).toMatchObject({ status: 'open', affectedContacts: 2, occurrences: 2, samples: problem.samples });
  });
});
