/**
 * Conversations against DynamoDB Local: AP-8 … AP-10.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aConversation, at, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

describe('ConversationRepository', () => {
  it('AP-8: creates a conversation and gets it by account and id', async () => {
    const accountId = newAccountId();
    const conversation = aConversation(accountId, { assigneeId: newId() });

    await table.repos.conversations.create(conversation);

    expect(await table.repos.conversations.get(accountId, conversation.id)).toStrictEqual(conversation);
  });

  it('AP-8: sets the status, bumping seq and lastActivityAt, and moves it between status lists', async () => {
    const accountId = newAccountId();
    const conversation = aConversation(accountId, { seq: 3 });
    await table.repos.conversations.create(conversation);

    const updated = await table.repos.conversations.setStatus(accountId, conversation.id, 'resolved', at(30));

    expect(updated).toStrictEqual({ ...conversation, status: 'resolved', seq: 4, lastActivityAt: at(30) });
    expect(await table.repos.conversations.get(accountId, conversation.id)).toStrictEqual(updated);
    const open = await table.repos.conversations.listByStatus(accountId, 'open', { limit: 10 });
    const resolved = await table.repos.conversations.listByStatus(accountId, 'resolved', { limit: 10 });
    expect(open.items).toStrictEqual([]);
    expect(resolved.items).toStrictEqual([updated]);
  });

  it('AP-8: answers undefined when setting the status of a missing conversation, creating nothing', async () => {
    const accountId = newAccountId();
    const id = newId();

    const result = await table.repos.conversations.setStatus(accountId, id, 'resolved', at(30));

    expect(result).toBeUndefined();
    expect(await table.repos.conversations.get(accountId, id)).toBeUndefined();
  });

  it('AP-9: lists conversations with a status, most recent activity first, page by page', async () => {
    const accountId = newAccountId();
    const older = aConversation(accountId, { lastActivityAt: at(1) });
    const newest = aConversation(accountId, { lastActivityAt: at(9) });
    const middle = aConversation(accountId, { lastActivityAt: at(5) });
    for (const c of [older, newest, middle]) await table.repos.conversations.create(c);
    await table.repos.conversations.create(aConversation(accountId, { status: 'pending', lastActivityAt: at(10) }));

    const first = await table.repos.conversations.listByStatus(accountId, 'open', { limit: 2 });
    const second = await table.repos.conversations.listByStatus(accountId, 'open', { limit: 2, startKey: first.nextKey });

    expect(first.items).toStrictEqual([newest, middle]);
    expect(first.nextKey).toBeDefined();
    expect(second.items).toStrictEqual([older]);
  });

  it("AP-10: lists a contact's conversations, newest first", async () => {
    const accountId = newAccountId();
    const contactId = newId();
    const first = aConversation(accountId, { contactId, createdAt: at(1) });
    const second = aConversation(accountId, { contactId, createdAt: at(2), status: 'resolved' });
    await table.repos.conversations.create(first);
    await table.repos.conversations.create(second);
    await table.repos.conversations.create(aConversation(accountId));

    const page = await table.repos.conversations.listByContact(accountId, contactId, { limit: 10 });

    expect(page.items).toStrictEqual([second, first]);
    expect(page.nextKey).toBeUndefined();
  });
});
