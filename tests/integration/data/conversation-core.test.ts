/**
 * The conversation core against DynamoDB Local: AP-40 … AP-47 (filters and updates of
 * conversations, teams, client message ids, the round-robin pointer, snooze wake-ups, and
 * marking a message read).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aConversation, aMessage, at, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

describe('conversation core repositories', () => {
  it('AP-40: lists and counts conversations of a status filtered by assignee, inbox and team, page by page', async () => {
    // Prepare
    const accountId = newAccountId();
    const agent = newId();
    const inbox = newId();
    const team = newId();
    const mine = [1, 2, 3].map((n) => aConversation(accountId, { assigneeId: agent, inboxId: inbox, lastActivityAt: at(n) }));
    const unassigned = aConversation(accountId, { inboxId: inbox, teamId: team, lastActivityAt: at(4) });
    const resolvedMine = aConversation(accountId, { status: 'resolved', assigneeId: agent, lastActivityAt: at(5) });
    for (const c of [...mine, unassigned, resolvedMine]) await table.repos.conversations.create(c);
    const repo = table.repos.conversations;
    // Act
    const first = await repo.list(accountId, { status: 'open', assigneeId: agent }, { limit: 2 });
    const second = await repo.list(accountId, { status: 'open', assigneeId: agent }, { limit: 2, ...(first.nextKey ? { startKey: first.nextKey } : {}) });
    const none = await repo.list(accountId, { status: 'open', assigneeId: null }, { limit: 10 });
    const byTeam = await repo.list(accountId, { status: 'open', teamId: team, inboxId: inbox }, { limit: 10 });
    // Assess
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual([mine[2]!.id, mine[1]!.id, mine[0]!.id]);
    expect(none.items.map((c) => c.id)).toEqual([unassigned.id]);
    expect(byTeam.items.map((c) => c.id)).toEqual([unassigned.id]);
    expect(await repo.count(accountId, { status: 'open' })).toBe(4);
    expect(await repo.count(accountId, { status: 'open', assigneeId: agent })).toBe(3);
    expect(await repo.count(accountId, { status: 'resolved', assigneeId: agent })).toBe(1);
    expect(await repo.count(newAccountId(), { status: 'open' })).toBe(0);
  });

  it('AP-41: updates fields with a seq bump, removes fields with null, and honours preconditions', async () => {
    const accountId = newAccountId();
    const conversation = aConversation(accountId, { assigneeId: newId(), seq: 4 });
    await table.repos.conversations.create(conversation);
    const repo = table.repos.conversations;
    // Act
    const snoozed = await repo.update(accountId, conversation.id, { status: 'snoozed', snoozedUntil: at(50), assigneeId: null, priority: 'high' }, { at: at(10) });
    const refused = await repo.update(accountId, conversation.id, { status: 'open' }, { at: at(11), ifStatus: 'snoozed', ifSnoozedUntil: at(49) });
    const woken = await repo.update(accountId, conversation.id, { status: 'open', snoozedUntil: null }, { at: at(12), ifStatus: 'snoozed', ifSnoozedUntil: at(50) });
    const missing = await repo.update(accountId, newId(), { priority: 'low' }, { at: at(13) });
    // Assess
    const { assigneeId: _removed, ...rest } = conversation;
    expect(snoozed).toStrictEqual({ ...rest, status: 'snoozed', snoozedUntil: at(50), priority: 'high', seq: 5, lastActivityAt: at(10) });
    expect(refused).toBeUndefined();
    expect(woken).toStrictEqual({ ...rest, status: 'open', priority: 'high', seq: 6, lastActivityAt: at(12) });
    expect(missing).toBeUndefined();
    expect((await repo.list(accountId, { status: 'open' }, { limit: 5 })).items).toStrictEqual([woken]);
  });

  it('AP-42: creates, gets and lists an account\'s teams', async () => {
    const accountId = newAccountId();
    const team = { accountId, id: newId(), name: 'Billing', agentIds: [newId()], createdAt: at(0) };
    await table.repos.teams.create(team);
    expect(await table.repos.teams.get(accountId, team.id)).toStrictEqual(team);
    expect(await table.repos.teams.list(accountId)).toStrictEqual([team]);
    expect(await table.repos.teams.get(newAccountId(), team.id)).toBeUndefined();
  });

  it('AP-43: lets only the first claim of a client message id win', async () => {
    const accountId = newAccountId();
    const first = { conversationId: newId(), messageId: newId() };
    const claimed = await table.repos.clientMessageIds.claim(accountId, 'contact:C1', 'client-1', first, at(60));
    const retry = await table.repos.clientMessageIds.claim(accountId, 'contact:C1', 'client-1', { conversationId: newId(), messageId: newId() }, at(60));
    const otherSender = await table.repos.clientMessageIds.claim(accountId, 'contact:C2', 'client-1', { conversationId: newId(), messageId: newId() }, at(60));
    expect(claimed).toStrictEqual({ claimed: true, claim: first });
    expect(retry).toStrictEqual({ claimed: false, claim: first });
    expect(otherSender.claimed).toBe(true);
  });

  it('AP-44: remembers the last auto-assigned agent per account', async () => {
    const accountId = newAccountId();
    expect(await table.repos.assignmentState.lastAssigned(accountId)).toBeUndefined();
    await table.repos.assignmentState.recordAssigned(accountId, 'AGENT1');
    await table.repos.assignmentState.recordAssigned(accountId, 'AGENT2');
    expect(await table.repos.assignmentState.lastAssigned(accountId)).toBe('AGENT2');
  });

  it('AP-45: finds the wake-ups of a minute bucket that are due, across accounts, and removes them', async () => {
    // A bucket far from every other test's, so the listing is this test's alone.
    const bucketTime = (s: number) => `2031-02-03T04:05:${String(s).padStart(2, '0')}.000Z`;
    const a = { accountId: newAccountId(), conversationId: newId(), at: bucketTime(10) };
    const b = { accountId: newAccountId(), conversationId: newId(), at: bucketTime(20) };
    const later = { accountId: newAccountId(), conversationId: newId(), at: bucketTime(50) };
    for (const w of [a, b, later]) await table.repos.wakeUps.schedule(w);
    // Act
    const due = await table.repos.wakeUps.listDue('2031-02-03T04:05', bucketTime(20));
    await table.repos.wakeUps.remove(a);
    // Assess
    expect(due).toStrictEqual([a, b]);
    expect(await table.repos.wakeUps.listDue('2031-02-03T04:05', bucketTime(59))).toStrictEqual([b, later]);
  });

  it('AP-46: moves the scheduler\'s cursor forward only', async () => {
    const name = `test-${newId()}`;
    expect(await table.repos.wakeUps.cursor(name)).toBeUndefined();
    await table.repos.wakeUps.setCursor(name, '2026-11-23T10:05');
    await table.repos.wakeUps.setCursor(name, '2026-11-23T10:04');
    expect(await table.repos.wakeUps.cursor(name)).toBe('2026-11-23T10:05');
    await table.repos.wakeUps.setCursor(name, '2026-11-23T10:06');
    expect(await table.repos.wakeUps.cursor(name)).toBe('2026-11-23T10:06');
  });

  it('AP-47: marks a message read once (a second read changes nothing)', async () => {
    const accountId = newAccountId();
    const conversation = aConversation(accountId);
    await table.repos.conversations.create(conversation);
    const message = await table.repos.messages.append(aMessage(conversation));
    const read = await table.repos.messages.markRead(accountId, conversation.id, message.id, at(30));
    const again = await table.repos.messages.markRead(accountId, conversation.id, message.id, at(31));
    expect(read).toStrictEqual({ ...message, status: 'read', readAt: at(30) });
    expect(again).toBeUndefined();
    expect(await table.repos.messages.markRead(accountId, conversation.id, newId(), at(31))).toBeUndefined();
  });
});
