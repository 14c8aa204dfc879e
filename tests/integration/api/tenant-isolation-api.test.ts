/**
 * Tenant isolation on every conversation route (SECURITY.md §4): tenant B asking for tenant A's
 * conversation, messages, contact, or trying to assign, change, reply to or read it, answers
 * 404 with nothing of A in the body; A's cursors answer 400 for B.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { withAiOff } from '../../helpers/ai-settings.js';
import { customerWrites } from './conversation-fixtures.js';

const baseUrl = () => process.env.SWITCHBOARD_WS_ENDPOINT!;

let tenantA: SignedInAgent;
let tenantB: SignedInAgent;
let a: Awaited<ReturnType<typeof customerWrites>>;
/** Strings of tenant A that must never appear in an answer to B. */
let secretsOfA: string[];

beforeAll(async () => {
  [tenantA, tenantB] = await Promise.all([signUp(baseUrl()).then(withAiOff), signUp(baseUrl()).then(withAiOff)]);
  a = await customerWrites(tenantA, 'My card number is in this message', 'Secret Customer');
  await tenantA.call('POST', `/api/v1/conversations/${a.conversation.id}/messages`, { body: 'A private note of A', private: true });
  await tenantA.call('POST', `/api/v1/conversations/${a.conversation.id}/messages`, { body: 'A reply of A' });
  secretsOfA = [tenantA.account.id, a.conversation.id, a.contact.id, a.inbox.id, 'Secret Customer', 'card number', 'private note', a.contact.email];
});

function expectNothingOfA(body: unknown) {
  const text = JSON.stringify(body ?? '');
  for (const secret of secretsOfA) expect(text).not.toContain(secret);
}

describe('tenant isolation of the conversation routes', () => {
  const routes: [string, (id: { conversationId: string; contactId: string }) => [string, string, unknown?]][] = [
    ['get the conversation', ({ conversationId }) => ['GET', `/api/v1/conversations/${conversationId}`]],
    ['list its messages', ({ conversationId }) => ['GET', `/api/v1/conversations/${conversationId}/messages`]],
    ['catch up its messages', ({ conversationId }) => ['GET', `/api/v1/conversations/${conversationId}/messages?afterSeq=0`]],
    ['reply to it', ({ conversationId }) => ['POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'hijack' }]],
    ['write a note on it', ({ conversationId }) => ['POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'hijack', private: true }]],
    ['assign it', ({ conversationId }) => ['POST', `/api/v1/conversations/${conversationId}/assign`, { assigneeId: null }]],
    ['change its status', ({ conversationId }) => ['POST', `/api/v1/conversations/${conversationId}/status`, { status: 'resolved' }]],
    ['snooze it', ({ conversationId }) => ['POST', `/api/v1/conversations/${conversationId}/status`, { status: 'snoozed', snoozedUntil: '2099-01-01T00:00:00Z' }]],
    ['set its priority', ({ conversationId }) => ['POST', `/api/v1/conversations/${conversationId}/priority`, { priority: 'urgent' }]],
    ['mark it read', ({ conversationId }) => ['POST', `/api/v1/conversations/${conversationId}/read`]],
    ['get the contact', ({ contactId }) => ['GET', `/api/v1/contacts/${contactId}`]],
    ['list the contact\'s conversations', ({ contactId }) => ['GET', `/api/v1/contacts/${contactId}/conversations`]],
  ];

  for (const [what, route] of routes) {
    it(`answers 404 with nothing of A when B tries to ${what}`, async () => {
      // Act
      const [method, path, body] = route({ conversationId: a.conversation.id, contactId: a.contact.id });
      const response = await tenantB.call(method, path, body);
      // Assess
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
      expectNothingOfA(response.body);
    });
  }

  it('leaves A\'s conversation untouched by B\'s attempts', async () => {
    const after = await tenantA.call('GET', `/api/v1/conversations/${a.conversation.id}`);
    expect(after.body).toMatchObject({ status: 'open', priority: 'none' });
    const messages = await tenantA.call('GET', `/api/v1/conversations/${a.conversation.id}/messages`);
    expect(messages.body.items.map((m: { body: string }) => m.body)).not.toContain('hijack');
  });

  it('never lists, counts or shows A\'s conversations, inboxes or teams to B', async () => {
    await tenantA.call('POST', '/api/v1/teams', { name: 'Team of A', agentIds: [] });
    for (const path of ['/api/v1/conversations', '/api/v1/conversations?assignee=unassigned', '/api/v1/inboxes', '/api/v1/teams', `/api/v1/conversations?inboxId=${a.inbox.id}`]) {
      const response = await tenantB.call('GET', path);
      expect(response.status).toBe(200);
      expectNothingOfA(response.body);
      expect(JSON.stringify(response.body)).not.toContain('Team of A');
    }
    const counts = await tenantB.call('GET', '/api/v1/conversations/counts');
    expect(counts.body).toEqual({ open: 0, pending: 0, snoozed: 0, resolved: 0, mine: 0, unassigned: 0, waiting: 0 });
  });

  it('refuses to assign B\'s conversation to an agent or team of A', async () => {
    const b = await customerWrites(tenantB, 'Hello from B');
    const teamOfA = await tenantA.call('POST', '/api/v1/teams', { name: 'Another team of A', agentIds: [tenantA.agent.id] });
    const toAgent = await tenantB.call('POST', `/api/v1/conversations/${b.conversation.id}/assign`, { assigneeId: tenantA.agent.id });
    const toTeam = await tenantB.call('POST', `/api/v1/conversations/${b.conversation.id}/assign`, { assigneeId: null, teamId: teamOfA.body.id });
    const teamWithA = await tenantB.call('POST', '/api/v1/teams', { name: 'Mixed', agentIds: [tenantA.agent.id] });
    for (const response of [toAgent, toTeam, teamWithA]) {
      expect(response.status).toBe(404);
      expectNothingOfA(response.body);
    }
  });

  it('answers 400 invalid_cursor when B replays a cursor of A, on conversations, messages and contact conversations', async () => {
    // Prepare: enough items in A for a second page on each listing
    const second = await customerWrites(tenantA, 'Another one');
    await tenantA.call('POST', `/api/v1/conversations/${a.conversation.id}/messages`, { body: 'more' });
    const conversations = await tenantA.call('GET', '/api/v1/conversations?limit=1');
    const messages = await tenantA.call('GET', `/api/v1/conversations/${a.conversation.id}/messages?limit=1`);
    expect(conversations.body.nextCursor).toBeTypeOf('string');
    expect(messages.body.nextCursor).toBeTypeOf('string');
    const b = await customerWrites(tenantB, 'B customer');
    // Act
    const replayedList = await tenantB.call('GET', `/api/v1/conversations?limit=1&cursor=${encodeURIComponent(conversations.body.nextCursor)}`);
    const replayedMessages = await tenantB.call('GET', `/api/v1/conversations/${b.conversation.id}/messages?limit=1&cursor=${encodeURIComponent(messages.body.nextCursor)}`);
    const replayedContact = await tenantB.call('GET', `/api/v1/contacts/${b.contact.id}/conversations?limit=1&cursor=${encodeURIComponent(conversations.body.nextCursor)}`);
    // Assess
    for (const response of [replayedList, replayedMessages, replayedContact]) {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_cursor');
      expectNothingOfA(response.body);
    }
    expect(second.conversation.id).not.toBe(a.conversation.id);
  });
});
