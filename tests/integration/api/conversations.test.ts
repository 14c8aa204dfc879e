/**
 * The agents' conversation routes through the real gateway (docs/API.md "Inbox and
 * conversations"): reply, note, assign, status, snooze and wake-up, reopen, read, paging.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as scheduler } from '../../../functions/scheduler.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { withAiOff } from '../../helpers/ai-settings.js';
import { customerWrites } from './conversation-fixtures.js';

const baseUrl = () => process.env.SWITCHBOARD_WS_ENDPOINT!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let admin: SignedInAgent;

beforeAll(async () => {
  admin = await withAiOff(await signUp(baseUrl()));
});

describe('conversations API', () => {
  it('lists a new customer conversation with its contact and last message, and counts it', async () => {
    // Prepare
    const { conversation, contact } = await customerWrites(admin, 'Where is my order?');
    // Act
    const list = await admin.call('GET', '/api/v1/conversations?status=open&assignee=unassigned');
    const one = await admin.call('GET', `/api/v1/conversations/${conversation.id}`);
    const counts = await admin.call('GET', '/api/v1/conversations/counts');
    // Assess
    expect(list.status).toBe(200);
    const item = list.body.items.find((c: { id: string }) => c.id === conversation.id);
    expect(item).toMatchObject({ status: 'open', handledBy: 'human', contact: { id: contact.id, name: 'Ada Lovelace' }, lastMessage: { body: 'Where is my order?', authorType: 'contact' } });
    expect(item).not.toHaveProperty('accountId');
    expect(one.body).toMatchObject({ id: conversation.id, contact: { id: contact.id, email: contact.email } });
    expect(counts.body.open).toBeGreaterThanOrEqual(1);
    expect(counts.body.unassigned).toBeGreaterThanOrEqual(1);
  });

  it('replies, idempotently on clientMessageId, and keeps private notes away from the visitor audience', async () => {
    // Prepare
    const { container, conversation, contact } = await customerWrites(admin, 'Hello?');
    const path = `/api/v1/conversations/${conversation.id}/messages`;
    // Act
    const reply = await admin.call('POST', path, { body: 'Hi, how can I help?', clientMessageId: 'reply-1' });
    const retry = await admin.call('POST', path, { body: 'Hi, how can I help?', clientMessageId: 'reply-1' });
    const note = await admin.call('POST', path, { body: 'Customer sounds upset', private: true });
    // Assess
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ type: 'outgoing', authorType: 'agent', authorId: admin.agent.id, body: 'Hi, how can I help?' });
    expect(retry.body.id).toBe(reply.body.id);
    expect(note.body.type).toBe('note');
    const forAgents = await admin.call('GET', path);
    expect(forAgents.body.items.map((m: { body: string }) => m.body)).toEqual(['Customer sounds upset', 'Hi, how can I help?', 'Hello?']);
    const forVisitor = await container.services.listMessages({ accountId: admin.account.id, conversationId: conversation.id, audience: 'visitor', visitorContactId: contact.id, limit: 50 });
    expect(forVisitor.items.map((m) => m.body)).toEqual(['Hi, how can I help?', 'Hello?']);
    expect(JSON.stringify(forVisitor)).not.toContain('upset');
  });

  it('catches up after a seq, oldest first', async () => {
    const { conversation } = await customerWrites(admin, 'first');
    const path = `/api/v1/conversations/${conversation.id}/messages`;
    await admin.call('POST', path, { body: 'second' });
    await admin.call('POST', path, { body: 'third' });
    const caughtUp = await admin.call('GET', `${path}?afterSeq=${conversation.seq}`);
    expect(caughtUp.body.items.map((m: { body: string }) => m.body)).toEqual(['second', 'third']);
  });

  it('assigns and unassigns, recording activity messages the customer never sees', async () => {
    const { conversation, contact, container } = await customerWrites(admin, 'Need help');
    const assigned = await admin.call('POST', `/api/v1/conversations/${conversation.id}/assign`, { assigneeId: admin.agent.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assigneeId).toBe(admin.agent.id);
    const mine = await admin.call('GET', '/api/v1/conversations?assignee=me');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(conversation.id);
    const unassigned = await admin.call('POST', `/api/v1/conversations/${conversation.id}/assign`, { assigneeId: null });
    expect(unassigned.body).not.toHaveProperty('assigneeId');
    const messages = await admin.call('GET', `/api/v1/conversations/${conversation.id}/messages`);
    expect(messages.body.items.filter((m: { type: string }) => m.type === 'activity').map((m: { body: string }) => m.body)).toEqual([
      `Unassigned by ${admin.agent.name}`,
      `Assigned to ${admin.agent.name}`,
    ]);
    const forVisitor = await container.services.listMessages({ accountId: admin.account.id, conversationId: conversation.id, audience: 'visitor', visitorContactId: contact.id, limit: 50 });
    expect(forVisitor.items.map((m) => m.type)).toEqual(['incoming']);
  });

  it('resolves, then reopens when the customer writes again', async () => {
    // Prepare
    const { container, conversation, contact, inbox } = await customerWrites(admin, 'Thanks!');
    const resolved = await admin.call('POST', `/api/v1/conversations/${conversation.id}/status`, { status: 'resolved' });
    expect(resolved.body.status).toBe('resolved');
    // Act
    await container.services.receiveCustomerMessage({ accountId: admin.account.id, inboxId: inbox.id, contactId: contact.id, conversationId: conversation.id, body: 'Actually, one more thing' });
    // Assess
    const after = await admin.call('GET', `/api/v1/conversations/${conversation.id}`);
    expect(after.body.status).toBe('open');
  });

  it('snoozes until a future time and the scheduler wakes it when the time comes', async () => {
    // Prepare
    const { conversation } = await customerWrites(admin, 'Call me tomorrow');
    const past = await admin.call('POST', `/api/v1/conversations/${conversation.id}/status`, { status: 'snoozed', snoozedUntil: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    const until = new Date(Date.now() + 1500).toISOString();
    const snoozed = await admin.call('POST', `/api/v1/conversations/${conversation.id}/status`, { status: 'snoozed', snoozedUntil: until });
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    // Act
    await sleep(1700);
    await scheduler({}, { awsRequestId: 'test-scheduler' } as never);
    // Assess
    const woken = await admin.call('GET', `/api/v1/conversations/${conversation.id}`);
    expect(woken.body.status).toBe('open');
    expect(woken.body).not.toHaveProperty('snoozedUntil');
  });

  it('sets the priority and marks the customer\'s messages read', async () => {
    const { conversation } = await customerWrites(admin, 'Urgent!');
    const priority = await admin.call('POST', `/api/v1/conversations/${conversation.id}/priority`, { priority: 'urgent' });
    expect(priority.body.priority).toBe('urgent');
    const read = await admin.call('POST', `/api/v1/conversations/${conversation.id}/read`);
    expect(read.status).toBe(204);
    const after = await admin.call('GET', `/api/v1/conversations/${conversation.id}`);
    expect(after.body.unreadCount).toBe(0);
    const messages = await admin.call('GET', `/api/v1/conversations/${conversation.id}/messages`);
    expect(messages.body.items[0]).toMatchObject({ type: 'incoming', status: 'read' });
  });

  it('pages conversations with signed cursors and refuses a tampered one', async () => {
    // Prepare
    const tenant = await withAiOff(await signUp(baseUrl()));
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push((await customerWrites(tenant, `c${n}`)).conversation.id);
      await sleep(5);
    }
    // Act
    const first = await tenant.call('GET', '/api/v1/conversations?limit=2');
    const second = await tenant.call('GET', `/api/v1/conversations?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    const tampered = await tenant.call('GET', `/api/v1/conversations?limit=2&cursor=${encodeURIComponent(`${first.body.nextCursor}x`)}`);
    const otherFilter = await tenant.call('GET', `/api/v1/conversations?limit=2&status=resolved&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    // Assess
    expect([...first.body.items, ...second.body.items].map((c: { id: string }) => c.id)).toEqual([...ids].reverse());
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('invalid_cursor');
    expect(otherFilter.body.error.code).toBe('invalid_cursor');
  });

  it('shows a contact with its past conversations', async () => {
    const { contact, conversation } = await customerWrites(admin, 'Hi again');
    const details = await admin.call('GET', `/api/v1/contacts/${contact.id}`);
    expect(details.body.contact).toMatchObject({ id: contact.id, name: 'Ada Lovelace' });
    const past = await admin.call('GET', `/api/v1/contacts/${contact.id}/conversations`);
    expect(past.body.items.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
  });

  it('creates and lists teams (admins only create), and assigns a conversation to a team', async () => {
    const created = await admin.call('POST', '/api/v1/teams', { name: 'Billing', agentIds: [admin.agent.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Billing', agentIds: [admin.agent.id] });
    const teams = await admin.call('GET', '/api/v1/teams');
    expect(teams.body.items.map((t: { name: string }) => t.name)).toContain('Billing');
    const { conversation } = await customerWrites(admin, 'Invoice question');
    const assigned = await admin.call('POST', `/api/v1/conversations/${conversation.id}/assign`, { assigneeId: null, teamId: created.body.id });
    expect(assigned.body.teamId).toBe(created.body.id);
    const byTeam = await admin.call('GET', `/api/v1/conversations?teamId=${created.body.id}`);
    expect(byTeam.body.items.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
  });

  it('answers 400 naming the field for bad bodies and queries', async () => {
    const { conversation } = await customerWrites(admin, 'x');
    const empty = await admin.call('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('body');
    const long = await admin.call('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
    const badStatus = await admin.call('GET', '/api/v1/conversations?status=closed');
    expect(badStatus.status).toBe(400);
    const badLimit = await admin.call('GET', '/api/v1/conversations?limit=500');
    expect(badLimit.status).toBe(400);
    const badId = await admin.call('GET', '/api/v1/conversations/not-an-id');
    expect(badId.status).toBe(400);
  });

  it('answers 401 without a session', async () => {
    const response = await fetch(new URL('/api/v1/conversations', baseUrl()));
    expect(response.status).toBe(401);
  });
});
