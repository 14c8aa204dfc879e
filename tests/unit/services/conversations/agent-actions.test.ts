import { describe, expect, it } from 'vitest';
import {
  makeAssignConversation, makeChangeConversationStatus, makeCountConversations, makeCreateTeam, makeGetContact, makeGetConversation,
  makeListContactConversations, makeListConversations, makeListMessages, makeListTeams, makeMarkConversationRead, makeReceiveCustomerMessage,
  makeReplyToConversation, makeSetPriority, makeWakeSnoozedConversations, NotFoundError, ValidationError,
} from '../../../../shared/services/conversations/index.js';
import { InvalidCursorError } from '../../../../shared/services/paging/errors.js';
import { newId } from '../../../helpers/fixtures.js';
import { conversationWorld } from './setup.js';

async function withConversation() {
  const world = await conversationWorld();
  const { conversation } = await makeReceiveCustomerMessage(world.deps)({ ...world.visitor, body: 'Where is my order?' });
  return { ...world, conversation, accountId: world.account.id };
}

describe('replyToConversation', () => {
  it('stores an outgoing reply, hands the conversation to a human and reopens it when resolved', async () => {
    // Prepare
    const { deps, accountId, conversation, grace } = await withConversation();
    await deps.conversations.update(accountId, conversation.id, { status: 'resolved', handledBy: 'bot' }, { at: deps.clock.nowIso() });
    // Act
    const message = await makeReplyToConversation(deps)({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'On its way' });
    // Assess
    expect(message).toMatchObject({ type: 'outgoing', authorType: 'agent', authorId: grace.id });
    expect(await deps.conversations.get(accountId, conversation.id)).toMatchObject({ status: 'open', handledBy: 'human' });
  });

  it('stores a private note that the visitor audience never sees and that changes nothing else', async () => {
    const { deps, accountId, conversation, grace, contact } = await withConversation();
    await deps.conversations.update(accountId, conversation.id, { status: 'resolved' }, { at: deps.clock.nowIso() });
    // Act
    await makeReplyToConversation(deps)({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'VIP customer', private: true });
    // Assess
    const list = makeListMessages(deps);
    const forAgents = await list({ accountId, conversationId: conversation.id, audience: 'agent', limit: 10 });
    const forVisitor = await list({ accountId, conversationId: conversation.id, audience: 'visitor', visitorContactId: contact.id, limit: 10 });
    expect(forAgents.items.map((m) => m.body)).toContain('VIP customer');
    expect(forVisitor.items.map((m) => m.body)).not.toContain('VIP customer');
    expect((await deps.conversations.get(accountId, conversation.id))?.status).toBe('resolved');
  });

  it('returns the first message for a retried client message id', async () => {
    const { deps, accountId, conversation, grace } = await withConversation();
    const reply = makeReplyToConversation(deps);
    const first = await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'Hi', clientMessageId: 'r-1' });
    const again = await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'Hi', clientMessageId: 'r-1' });
    expect(again).toEqual(first);
  });

  it('answers NotFound for a conversation of another account', async () => {
    const { deps, conversation, grace } = await withConversation();
    await expect(makeReplyToConversation(deps)({ accountId: newId(), conversationId: conversation.id, authorId: grace.id, body: 'x' })).rejects.toThrow(NotFoundError);
  });
});

describe('listMessages', () => {
  it('pages history newest first with signed cursors, and catches up after a seq oldest first', async () => {
    // Prepare
    const { deps, accountId, conversation, grace } = await withConversation();
    const reply = makeReplyToConversation(deps);
    for (const n of [1, 2, 3, 4]) await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: `r${n}` });
    const list = makeListMessages(deps);
    // Act
    const first = await list({ accountId, conversationId: conversation.id, audience: 'agent', limit: 2 });
    const second = await list({ accountId, conversationId: conversation.id, audience: 'agent', limit: 2, cursor: first.nextCursor! });
    const third = await list({ accountId, conversationId: conversation.id, audience: 'agent', limit: 2, cursor: second.nextCursor! });
    const caughtUp = await list({ accountId, conversationId: conversation.id, audience: 'agent', limit: 10, afterSeq: second.items[0]!.seq });
    // Assess
    expect([...first.items, ...second.items, ...third.items].map((m) => m.body)).toEqual(['r4', 'r3', 'r2', 'r1', 'Where is my order?']);
    expect(third.nextCursor).toBeUndefined();
    expect(caughtUp.items.map((m) => m.body)).toEqual(['r3', 'r4']);
  });

  it('fills a visitor\'s catch-up page with public messages only, so a short page means caught up', async () => {
    const { deps, accountId, conversation, grace, contact } = await withConversation();
    const reply = makeReplyToConversation(deps);
    await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'note 1', private: true });
    await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'note 2', private: true });
    await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'answer 1' });
    await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'answer 2' });
    // Act
    const page = await makeListMessages(deps)({ accountId, conversationId: conversation.id, audience: 'visitor', visitorContactId: contact.id, limit: 2, afterSeq: conversation.seq });
    // Assess
    expect(page.items.map((m) => m.body)).toEqual(['answer 1', 'answer 2']);
  });

  it('refuses a cursor minted for another conversation or another account', async () => {
    const { deps, accountId, conversation, grace, visitor } = await withConversation();
    for (const n of [1, 2]) await makeReplyToConversation(deps)({ accountId, conversationId: conversation.id, authorId: grace.id, body: `r${n}` });
    const { conversation: other } = await makeReceiveCustomerMessage(deps)({ ...visitor, body: 'other' });
    const list = makeListMessages(deps);
    const { nextCursor } = await list({ accountId, conversationId: conversation.id, audience: 'agent', limit: 1 });
    await expect(list({ accountId, conversationId: other.id, audience: 'agent', limit: 1, cursor: nextCursor! })).rejects.toThrow(InvalidCursorError);
    await expect(list({ accountId, conversationId: conversation.id, audience: 'visitor', visitorContactId: visitor.contactId, limit: 1, cursor: nextCursor! })).rejects.toThrow(InvalidCursorError);
  });

  it('answers NotFound to a visitor asking for someone else\'s conversation', async () => {
    const { deps, accountId, conversation } = await withConversation();
    await expect(makeListMessages(deps)({ accountId, conversationId: conversation.id, audience: 'visitor', visitorContactId: newId(), limit: 5 })).rejects.toThrow(NotFoundError);
  });
});

describe('markConversationRead', () => {
  it('lets an agent read the customer\'s messages: unread count 0 and incoming messages read', async () => {
    const { deps, accountId, conversation } = await withConversation();
    // Act
    await makeMarkConversationRead(deps)({ accountId, conversationId: conversation.id, reader: 'agent' });
    // Assess
    expect((await deps.conversations.get(accountId, conversation.id))?.unreadCount).toBe(0);
    const [message] = await deps.messages.list(accountId, conversation.id, { limit: 1 });
    expect(message).toMatchObject({ status: 'read', readAt: deps.clock.nowIso() });
  });

  it('lets a visitor read the agents\' replies, leaving notes alone', async () => {
    const { deps, accountId, conversation, grace, contact } = await withConversation();
    const reply = makeReplyToConversation(deps);
    const answer = await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'Hello' });
    const note = await reply({ accountId, conversationId: conversation.id, authorId: grace.id, body: 'internal', private: true });
    // Act
    const { marked } = await makeMarkConversationRead(deps)({ accountId, conversationId: conversation.id, reader: 'visitor', visitorContactId: contact.id });
    // Assess
    expect(marked).toBe(1);
    expect((await deps.messages.get(accountId, conversation.id, answer.id))?.status).toBe('read');
    expect((await deps.messages.get(accountId, conversation.id, note.id))?.status).toBe('sent');
  });
});

describe('assignConversation', () => {
  it('assigns to an agent and records an activity message', async () => {
    const { deps, accountId, conversation, grace, alan } = await withConversation();
    // Act
    const view = await makeAssignConversation(deps)({ accountId, conversationId: conversation.id, actorId: grace.id, assigneeId: alan.id });
    // Assess
    expect(view.assigneeId).toBe(alan.id);
    const messages = await deps.messages.list(accountId, conversation.id, { limit: 10 });
    expect(messages.at(-1)).toMatchObject({ type: 'activity', body: 'Assigned to Alan by Grace' });
  });

  it('unassigns and sets a team', async () => {
    const { deps, accountId, conversation, grace } = await withConversation();
    const team = await makeCreateTeam(deps)({ accountId, name: 'Billing', agentIds: [grace.id] });
    const assign = makeAssignConversation(deps);
    await assign({ accountId, conversationId: conversation.id, actorId: grace.id, assigneeId: grace.id });
    // Act
    const view = await assign({ accountId, conversationId: conversation.id, actorId: grace.id, assigneeId: null, teamId: team.id });
    // Assess
    expect(view.assigneeId).toBeUndefined();
    expect(view.teamId).toBe(team.id);
  });

  it('refuses an assignee or team of another account as not found', async () => {
    const { deps, accountId, conversation, grace } = await withConversation();
    const assign = makeAssignConversation(deps);
    await expect(assign({ accountId, conversationId: conversation.id, actorId: grace.id, assigneeId: newId() })).rejects.toThrow(NotFoundError);
    await expect(assign({ accountId, conversationId: conversation.id, actorId: grace.id, assigneeId: grace.id, teamId: newId() })).rejects.toThrow(NotFoundError);
  });
});

describe('changeConversationStatus and the snooze wake-up', () => {
  it('resolves, and refuses a snooze in the past', async () => {
    const { deps, accountId, conversation } = await withConversation();
    const change = makeChangeConversationStatus(deps);
    expect((await change({ accountId, conversationId: conversation.id, status: 'resolved' })).status).toBe('resolved');
    await expect(change({ accountId, conversationId: conversation.id, status: 'snoozed', snoozedUntil: '2020-01-01T00:00:00.000Z' })).rejects.toThrow(ValidationError);
  });

  it('wakes a snoozed conversation once its time has come, and only then', async () => {
    // Prepare
    const { deps, clock, accountId, conversation } = await withConversation();
    const until = new Date(clock.nowMs() + 90_000).toISOString();
    await makeChangeConversationStatus(deps)({ accountId, conversationId: conversation.id, status: 'snoozed', snoozedUntil: until });
    const wake = makeWakeSnoozedConversations(deps);
    // Act + Assess: not yet
    expect((await wake()).woken).toBe(0);
    expect((await deps.conversations.get(accountId, conversation.id))?.status).toBe('snoozed');
    // Act + Assess: time has come
    clock.advance(120_000);
    expect((await wake()).woken).toBe(1);
    expect(await deps.conversations.get(accountId, conversation.id)).toMatchObject({ status: 'open' });
    expect((await deps.conversations.get(accountId, conversation.id))?.snoozedUntil).toBeUndefined();
    expect((await wake()).woken).toBe(0);
  });

  it('leaves alone a conversation re-snoozed or reopened before its old wake-up time', async () => {
    const { deps, clock, accountId, conversation, pending } = await withConversation();
    const change = makeChangeConversationStatus(deps);
    await change({ accountId, conversationId: conversation.id, status: 'snoozed', snoozedUntil: new Date(clock.nowMs() + 60_000).toISOString() });
    await change({ accountId, conversationId: conversation.id, status: 'snoozed', snoozedUntil: new Date(clock.nowMs() + 3_600_000).toISOString() });
    clock.advance(120_000);
    // Act
    const { woken } = await makeWakeSnoozedConversations(deps)();
    // Assess
    expect(woken).toBe(0);
    expect((await deps.conversations.get(accountId, conversation.id))?.status).toBe('snoozed');
    expect(pending()).toHaveLength(1);
  });
});

describe('listing and counting conversations', () => {
  it('filters by status and assignee, pages with cursors bound to the filter, and counts', async () => {
    // Prepare
    const { deps, clock, accountId, visitor, grace } = await conversationWorld().then((w) => ({ ...w, accountId: w.account.id }));
    const receive = makeReceiveCustomerMessage(deps);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      clock.advance(1000);
      ids.push((await receive({ ...visitor, body: `c${n}` })).conversation.id);
    }
    clock.advance(1000);
    await makeAssignConversation(deps)({ accountId, conversationId: ids[0]!, actorId: grace.id, assigneeId: grace.id });
    await makeSetPriority(deps)({ accountId, conversationId: ids[1]!, priority: 'high' });
    const list = makeListConversations(deps);
    // Act
    const page1 = await list({ accountId, agentId: grace.id, limit: 2 });
    const page2 = await list({ accountId, agentId: grace.id, limit: 2, cursor: page1.nextCursor! });
    const mine = await list({ accountId, agentId: grace.id, assignee: 'me', limit: 10 });
    const unassigned = await list({ accountId, agentId: grace.id, assignee: 'unassigned', limit: 10 });
    const counts = await makeCountConversations(deps)({ accountId, agentId: grace.id });
    // Assess
    expect([...page1.items, ...page2.items].map((c) => c.id)).toEqual([ids[0], ids[2], ids[1]]);
    expect(page1.items[0]?.lastMessage?.body).toBe('c1');
    expect(mine.items.map((c) => c.id)).toEqual([ids[0]]);
    expect(unassigned.items.map((c) => c.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(counts).toEqual({ open: 3, pending: 0, snoozed: 0, resolved: 0, mine: 1, unassigned: 2, waiting: 0 });
    await expect(list({ accountId, agentId: grace.id, status: 'resolved', limit: 2, cursor: page1.nextCursor! })).rejects.toThrow(InvalidCursorError);
    await expect(list({ accountId: newId(), agentId: grace.id, limit: 2, cursor: page1.nextCursor! })).rejects.toThrow(InvalidCursorError);
  });

  it('shows one conversation with its contact, and the contact with its past conversations', async () => {
    const { deps, accountId, conversation, contact } = await withConversation();
    const view = await makeGetConversation(deps)({ accountId, conversationId: conversation.id });
    expect(view.contact).toEqual({ id: contact.id, name: 'Ada', email: 'ada@example.com' });
    const details = await makeGetContact(deps)({ accountId, contactId: contact.id });
    expect(details.contact).toMatchObject({ id: contact.id, name: 'Ada' });
    const past = await makeListContactConversations(deps)({ accountId, contactId: contact.id, limit: 10 });
    expect(past.items.map((c) => c.id)).toEqual([conversation.id]);
    await expect(makeGetContact(deps)({ accountId: newId(), contactId: contact.id })).rejects.toThrow(NotFoundError);
    await expect(makeGetConversation(deps)({ accountId: newId(), conversationId: conversation.id })).rejects.toThrow(NotFoundError);
  });
});

describe('teams', () => {
  it('creates teams of the account\'s agents and lists them by name', async () => {
    const { deps, account, grace, alan } = await conversationWorld();
    const create = makeCreateTeam(deps);
    await create({ accountId: account.id, name: 'Sales', agentIds: [alan.id] });
    await create({ accountId: account.id, name: 'Billing', agentIds: [grace.id, grace.id] });
    const { items } = await makeListTeams(deps)({ accountId: account.id });
    expect(items.map((t) => [t.name, t.agentIds])).toEqual([['Billing', [grace.id]], ['Sales', [alan.id]]]);
    await expect(create({ accountId: account.id, name: 'X', agentIds: [newId()] })).rejects.toThrow(NotFoundError);
  });
});
