import { describe, expect, it } from 'vitest';
import { makeReceiveCustomerMessage } from '../../../../shared/services/conversations/receive-customer-message.js';
import { makeChangeConversationStatus } from '../../../../shared/services/conversations/change-conversation.js';
import { NotFoundError } from '../../../../shared/services/conversations/errors.js';
import { makeListVisitorConversations } from '../../../../shared/services/conversations/list-visitor-conversations.js';
import { conversationWorld } from './setup.js';
import { newId } from '../../../helpers/fixtures.js';

describe('receiveCustomerMessage', () => {
  it('starts an open conversation handled by a human when the account\'s AI is off, with the contact and a preview for the inbox list', async () => {
    // Prepare
    const { deps, visitor } = await conversationWorld({ ai: { enabled: false } });
    const receive = makeReceiveCustomerMessage(deps);
    // Act
    const { conversation, message, created } = await receive({ ...visitor, body: 'Where is my order?', clientMessageId: 'c-1' });
    // Assess
    expect(created).toBe(true);
    expect(conversation).toMatchObject({ status: 'open', handledBy: 'human', contactName: 'Ada', unreadCount: 1, seq: message.seq });
    expect(conversation.lastMessage).toEqual({ body: 'Where is my order?', authorType: 'contact', createdAt: message.createdAt });
    expect(message).toMatchObject({ type: 'incoming', authorType: 'contact', authorId: visitor.contactId, clientMessageId: 'c-1' });
  });

  it('starts a conversation with the bot when the account\'s AI is on, and leaves assignment to the hand-off', async () => {
    // Prepare
    const { deps, visitor, grace, connect } = await conversationWorld({ autoAssign: true });
    await connect(grace);
    // Act
    const { conversation } = await makeReceiveCustomerMessage(deps)({ ...visitor, body: 'Where is my order?' });
    // Assess
    expect(conversation.handledBy).toBe('bot');
    expect(conversation.assigneeId).toBeUndefined();
  });

  it('gives a resolved conversation back to the bot when the customer writes again', async () => {
    // Prepare
    const { deps, visitor } = await conversationWorld();
    const receive = makeReceiveCustomerMessage(deps);
    const { conversation } = await receive({ ...visitor, body: 'Hi' });
    await deps.conversations.update(visitor.accountId, conversation.id, { status: 'resolved', handledBy: 'human' }, { at: deps.clock.nowIso() });
    // Act
    const after = await receive({ ...visitor, conversationId: conversation.id, body: 'One more thing' });
    // Assess
    expect(after.conversation).toMatchObject({ status: 'open', handledBy: 'bot' });
  });

  it('answers a retried client message id with the first message, storing nothing new', async () => {
    const { deps, visitor } = await conversationWorld();
    const receive = makeReceiveCustomerMessage(deps);
    const first = await receive({ ...visitor, body: 'Hello', clientMessageId: 'c-1' });
    // Act
    const retry = await receive({ ...visitor, body: 'Hello', clientMessageId: 'c-1' });
    // Assess
    expect(retry.created).toBe(false);
    expect(retry.message).toEqual(first.message);
    expect(retry.conversation.id).toBe(first.conversation.id);
    expect(await deps.messages.list(visitor.accountId, first.conversation.id, { limit: 10 })).toHaveLength(1);
  });

  it('reopens a resolved conversation when the customer writes again', async () => {
    const { deps, visitor } = await conversationWorld();
    const receive = makeReceiveCustomerMessage(deps);
    const { conversation } = await receive({ ...visitor, body: 'Hi' });
    await makeChangeConversationStatus(deps)({ accountId: visitor.accountId, conversationId: conversation.id, status: 'resolved' });
    // Act
    const after = await receive({ ...visitor, conversationId: conversation.id, body: 'One more thing' });
    // Assess
    expect(after.conversation.status).toBe('open');
  });

  it('wakes a snoozed conversation when the customer writes, dropping the wake-up time', async () => {
    const { deps, visitor } = await conversationWorld();
    const receive = makeReceiveCustomerMessage(deps);
    const { conversation } = await receive({ ...visitor, body: 'Hi' });
    await makeChangeConversationStatus(deps)({ accountId: visitor.accountId, conversationId: conversation.id, status: 'snoozed', snoozedUntil: '2026-11-24T09:00:00.000Z' });
    // Act
    const after = await receive({ ...visitor, conversationId: conversation.id, body: 'Still there?' });
    // Assess
    expect(after.conversation.status).toBe('open');
    expect(after.conversation.snoozedUntil).toBeUndefined();
  });

  it('refuses to write into another contact\'s or another account\'s conversation', async () => {
    const { deps, visitor } = await conversationWorld();
    const receive = makeReceiveCustomerMessage(deps);
    const { conversation } = await receive({ ...visitor, body: 'Hi' });
    await expect(receive({ ...visitor, contactId: newId(), conversationId: conversation.id, body: 'x' })).rejects.toThrow(NotFoundError);
    await expect(receive({ ...visitor, accountId: newId(), conversationId: conversation.id, body: 'x' })).rejects.toThrow(NotFoundError);
  });

  it('auto-assigns new conversations round-robin to online agents with a connection, within capacity', async () => {
    // Prepare
    const { deps, visitor, grace, alan, connect } = await conversationWorld({ autoAssign: true, agentCapacity: 1, ai: { enabled: false } });
    await connect(grace);
    await connect(alan);
    const receive = makeReceiveCustomerMessage(deps);
    // Act
    const first = await receive({ ...visitor, body: 'one' });
    const second = await receive({ ...visitor, body: 'two' });
    const third = await receive({ ...visitor, body: 'three' });
    // Assess
    expect([first.conversation.assigneeId, second.conversation.assigneeId]).toEqual([grace.id, alan.id]);
    expect(third.conversation.assigneeId).toBeUndefined();
    const activity = await deps.messages.list(visitor.accountId, first.conversation.id, { limit: 10 });
    expect(activity.map((m) => m.type)).toEqual(['incoming', 'activity']);
    expect(activity[1]?.body).toContain('Grace');
  });

  it('does not auto-assign to an agent who is away or has no open connection', async () => {
    const { deps, visitor, grace, alan, connect } = await conversationWorld({ autoAssign: true, ai: { enabled: false } });
    await deps.agents.create({ ...grace, availability: 'away' });
    await connect(grace);
    const receive = makeReceiveCustomerMessage(deps);
    const { conversation } = await receive({ ...visitor, body: 'one' });
    expect(conversation.assigneeId).toBeUndefined();
    await connect(alan);
    expect((await receive({ ...visitor, body: 'two' })).conversation.assigneeId).toBe(alan.id);
  });

  it('does not auto-assign when the account has it off', async () => {
    const { deps, visitor, grace, connect } = await conversationWorld({ autoAssign: false });
    await connect(grace);
    const { conversation } = await makeReceiveCustomerMessage(deps)({ ...visitor, body: 'one' });
    expect(conversation.assigneeId).toBeUndefined();
  });
});

describe('listVisitorConversations', () => {
  it('lists only the visitor\'s own conversations on its inbox, without internal fields', async () => {
    const { deps, visitor } = await conversationWorld();
    const receive = makeReceiveCustomerMessage(deps);
    const { conversation } = await receive({ ...visitor, body: 'Hi' });
    await deps.contacts.create({ accountId: visitor.accountId, id: 'OTHER', createdAt: 'x', updatedAt: 'x' });
    await receive({ ...visitor, contactId: 'OTHER', body: 'Not yours' });
    // Act
    const { items } = await makeListVisitorConversations(deps)(visitor);
    // Assess
    expect(items.map((c) => c.id)).toEqual([conversation.id]);
    expect(items[0]).not.toHaveProperty('assigneeId');
    expect(items[0]).not.toHaveProperty('unreadCount');
  });
});
