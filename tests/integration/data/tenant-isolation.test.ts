/**
 * Tenant isolation against DynamoDB Local (SECURITY.md §4): every key starts with the account,
 * so account B's ids looked up under account A find nothing, and A cannot change B's items.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversationNotFoundError, InvalidKeyPartError } from '../../../shared/adapters/dynamodb/index.js';
import type { Conversation } from '../../../shared/domain/entities.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aConnection, aContact, aConversation, aMessage, aSession, aTicket, anAgent, anIdentity, anInbox, at } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

describe('tenant isolation', () => {
  it("finds none of account B's items when looked up with B's ids under account A", async () => {
    // Prepare: a full set of items in account B.
    const a = newAccountId();
    const b = newAccountId();
    const { repos } = table;
    const inbox = anInbox(b);
    const contact = aContact(b);
    const identity = anIdentity(b, contact.id);
    const conversation = aConversation(b, { contactId: contact.id });
    const agent = anAgent(b);
    const session = aSession(b, agent.id);
    const ticket = aTicket(b);
    const connection = aConnection(b, { principal: { kind: 'agent', agentId: agent.id } });
    const topic = `conversation:${conversation.id}`;
    await repos.inboxes.create(inbox);
    await repos.contacts.create(contact);
    await repos.contacts.linkIdentity(identity);
    await repos.conversations.create(conversation);
    const message = await repos.messages.append(aMessage(conversation));
    await repos.agents.create(agent);
    await repos.sessions.create(session);
    await repos.tickets.create(ticket);
    await repos.connections.put(connection);
    await repos.subscriptions.subscribe(b, connection.connectionId, topic, connection.expiresAtEpoch);

    // Act + Assess: the same ids under account A.
    expect(await repos.inboxes.get(a, inbox.id)).toBeUndefined();
    expect(await repos.inboxes.list(a)).toStrictEqual([]);
    expect(await repos.contacts.get(a, contact.id)).toBeUndefined();
    expect(await repos.contacts.findByIdentity(a, identity.channel, identity.externalId)).toBeUndefined();
    expect(await repos.contacts.listIdentities(a, contact.id)).toStrictEqual([]);
    expect(await repos.conversations.get(a, conversation.id)).toBeUndefined();
    expect((await repos.conversations.listByStatus(a, 'open', { limit: 10 })).items).toStrictEqual([]);
    expect((await repos.conversations.listByContact(a, contact.id, { limit: 10 })).items).toStrictEqual([]);
    expect(await repos.messages.get(a, conversation.id, message.id)).toBeUndefined();
    expect(await repos.messages.list(a, conversation.id, { limit: 10 })).toStrictEqual([]);
    expect(await repos.agents.get(a, agent.id)).toBeUndefined();
    expect(await repos.agents.list(a)).toStrictEqual([]);
    expect(await repos.sessions.get(a, session.tokenHash)).toBeUndefined();
    expect(await repos.sessions.listByAgent(a, agent.id)).toStrictEqual([]);
    expect(await repos.tickets.consume(a, ticket.tokenHash, at(0))).toBeUndefined();
    expect(await repos.connections.get(a, connection.connectionId)).toBeUndefined();
    expect(await repos.connections.listByAgent(a, agent.id)).toStrictEqual([]);
    expect(await repos.subscriptions.listSubscribers(a, topic)).toStrictEqual([]);
    expect(await repos.subscriptions.listTopics(a, connection.connectionId)).toStrictEqual([]);
  });

  it("cannot change account B's items through account A", async () => {
    const a = newAccountId();
    const b = newAccountId();
    const { repos } = table;
    const conversation: Conversation = aConversation(b);
    await repos.conversations.create(conversation);
    const ticket = aTicket(b);
    await repos.tickets.create(ticket);
    const connection = aConnection(b);
    await repos.connections.put(connection);
    await repos.subscriptions.subscribe(b, connection.connectionId, 'account', connection.expiresAtEpoch);

    await expect(repos.messages.append(aMessage({ ...conversation, accountId: a }))).rejects.toBeInstanceOf(ConversationNotFoundError);
    expect(await repos.conversations.setStatus(a, conversation.id, 'resolved', at(9))).toBeUndefined();
    await repos.connections.delete(a, connection.connectionId);

    expect(await repos.conversations.get(b, conversation.id)).toStrictEqual(conversation);
    expect(await repos.conversations.get(a, conversation.id)).toBeUndefined();
    expect(await repos.tickets.consume(b, ticket.tokenHash, at(0))).toStrictEqual(ticket);
    expect(await repos.connections.get(b, connection.connectionId)).toStrictEqual(connection);
    expect(await repos.subscriptions.listSubscribers(b, 'account')).toStrictEqual([connection.connectionId]);
  });

  it('refuses an account id that would forge a key inside another tenant', async () => {
    const victim = newAccountId();
    const conversation = aConversation(victim);
    await table.repos.conversations.create(conversation);

    await expect(table.repos.conversations.get(`${victim}#CONV#${conversation.id}`, 'x')).rejects.toBeInstanceOf(InvalidKeyPartError);
    await expect(table.repos.inboxes.list(`${victim}#`)).rejects.toBeInstanceOf(InvalidKeyPartError);
  });
});
