/**
 * Messages against DynamoDB Local: AP-11 … AP-13, idempotent and concurrent appends, and the
 * write capacity an append consumes.
 */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversationNotFoundError, createDocumentClient, makeDynamoRepositories } from '../../../shared/adapters/dynamodb/index.js';
import type { Conversation } from '../../../shared/domain/entities.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aConversation, aMessage, at, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

async function aStoredConversation(): Promise<Conversation> {
  const conversation = aConversation(newAccountId(), { seq: 0, unreadCount: 0, lastActivityAt: at(0) });
  await table.repos.conversations.create(conversation);
  return conversation;
}

describe('MessageRepository', () => {
  it('AP-11: appends a message with the next seq and updates the conversation', async () => {
    const conversation = await aStoredConversation();
    const incoming = aMessage(conversation, { createdAt: at(1) });
    const reply = aMessage(conversation, { type: 'outgoing', authorType: 'bot', body: 'It ships today.', createdAt: at(2) });

    const first = await table.repos.messages.append(incoming);
    const second = await table.repos.messages.append(reply);

    expect(first).toStrictEqual({ ...incoming, seq: 1 });
    expect(second).toStrictEqual({ ...reply, seq: 2 });
    expect(await table.repos.conversations.get(conversation.accountId, conversation.id)).toStrictEqual({
      ...conversation, seq: 2, unreadCount: 1, lastActivityAt: at(2),
      lastMessage: { body: 'It ships today.', authorType: 'bot', createdAt: at(2) },
    });
    const open = await table.repos.conversations.listByStatus(conversation.accountId, 'open', { limit: 5 });
    expect(open.items.map((c) => c.lastActivityAt)).toStrictEqual([at(2)]);
  });

  it('AP-11: refuses a message for a conversation that does not exist, writing nothing', async () => {
    const conversation = aConversation(newAccountId());
    const message = aMessage(conversation);

    await expect(table.repos.messages.append(message)).rejects.toBeInstanceOf(ConversationNotFoundError);

    expect(await table.repos.conversations.get(conversation.accountId, conversation.id)).toBeUndefined();
    expect(await table.repos.messages.get(conversation.accountId, conversation.id, message.id)).toBeUndefined();
  });

  it('AP-11: stores a message once when the same id is appended twice; the retry only uses up one seq', async () => {
    const conversation = await aStoredConversation();
    const message = aMessage(conversation);

    const first = await table.repos.messages.append(message);
    const retry = await table.repos.messages.append({ ...message, body: 'changed on retry' });
    const next = await table.repos.messages.append(aMessage(conversation, { createdAt: at(3) }));

    expect(retry).toStrictEqual(first);
    expect(first.seq).toBe(1);
    expect(next.seq).toBe(3);
    const messages = await table.repos.messages.list(conversation.accountId, conversation.id, { limit: 10 });
    expect(messages.map((m) => [m.id, m.seq])).toStrictEqual([[message.id, 1], [next.id, 3]]);
    // The documented residue of a retry: seq 2 is a gap, and the incoming retry counted unread.
    expect(await table.repos.conversations.get(conversation.accountId, conversation.id)).toMatchObject({ seq: 3, unreadCount: 3 });
  });

  it('AP-11: gives concurrent appends distinct seqs', async () => {
    const conversation = await aStoredConversation();
    const batch = Array.from({ length: 10 }, (_, i) => aMessage(conversation, { createdAt: at(i + 1) }));

    const stored = await Promise.all(batch.map((m) => table.repos.messages.append(m)));

    expect(stored.map((m) => m.seq).sort((a, b) => a - b)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const after = await table.repos.conversations.get(conversation.accountId, conversation.id);
    expect(after?.seq).toBe(10);
    expect(after?.unreadCount).toBe(10);
  });

  it('AP-11: consumes 5 write units per append: META 1 + gsi1 re-key 2 + gsi2 1, message 1', async () => {
    // Prepare: a client that asks for and records consumed capacity on every call.
    const client = createDocumentClient(table.options);
    const consumed: { command: string; capacity?: ConsumedCapacity }[] = [];
    client.middlewareStack.add((next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      consumed.push({ command: context.commandName ?? 'unknown', capacity: (result.output as { ConsumedCapacity?: ConsumedCapacity }).ConsumedCapacity });
      return result;
    }, { step: 'initialize', name: 'recordConsumedCapacity' });
    const repos = makeDynamoRepositories(client, table.tableName);
    const conversation = await aStoredConversation();

    // Act
    await repos.messages.append(aMessage(conversation));

    // Assess
    expect(consumed.map(({ command, capacity }) => [command, capacity?.Table?.CapacityUnits, capacity?.CapacityUnits])).toStrictEqual([
      ['UpdateItemCommand', 1, 4],
      ['PutItemCommand', 1, 1],
    ]);
    expect(consumed[0]?.capacity?.GlobalSecondaryIndexes).toStrictEqual({ gsi1: { CapacityUnits: 2 }, gsi2: { CapacityUnits: 1 } });
  });

  it('AP-12: gets a message by conversation and id', async () => {
    const conversation = await aStoredConversation();
    const stored = await table.repos.messages.append(aMessage(conversation, { authorId: newId() }));

    expect(await table.repos.messages.get(conversation.accountId, conversation.id, stored.id)).toStrictEqual(stored);
    expect(await table.repos.messages.get(conversation.accountId, conversation.id, newId())).toBeUndefined();
  });

  it('AP-13: lists messages after an id (ascending), before an id (descending), between two, and the newest page', async () => {
    const conversation = await aStoredConversation();
    const stored = [];
    for (let i = 1; i <= 6; i += 1) stored.push(await table.repos.messages.append(aMessage(conversation, { createdAt: at(i) })));
    const [m1, m2, m3, m4, m5, m6] = stored.map((m) => m.id) as [string, string, string, string, string, string];
    const ids = (list: readonly { id: string }[]) => list.map((m) => m.id);
    const { accountId, id } = conversation;

    expect(ids(await table.repos.messages.list(accountId, id, { limit: 10 }))).toStrictEqual([m1, m2, m3, m4, m5, m6]);
    expect(ids(await table.repos.messages.list(accountId, id, { limit: 2, afterId: m2 }))).toStrictEqual([m3, m4]);
    expect(ids(await table.repos.messages.list(accountId, id, { limit: 10, afterId: m6 }))).toStrictEqual([]);
    expect(ids(await table.repos.messages.list(accountId, id, { limit: 2, beforeId: m5 }))).toStrictEqual([m4, m3]);
    expect(ids(await table.repos.messages.list(accountId, id, { limit: 10, afterId: m2, beforeId: m5 }))).toStrictEqual([m3, m4]);
    expect(ids(await table.repos.messages.list(accountId, id, { limit: 3, newestFirst: true }))).toStrictEqual([m6, m5, m4]);
  });
});
