/**
 * The widget API through the real gateway (docs/API.md "Widget API"): config, visitor sessions
 * (anonymous and verified), conversations and messages, isolation between visitors and between
 * tenants, input limits, attachments (presigned upload to fauxqs) and the realtime path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDefaults } from '../../../shared/domain/entities.js';
import { userHashFor } from '../../../shared/services/widget/user-hash.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { buildContainer } from '../../../shared/runtime/container.js';
import { request } from '../../helpers/api-client.js';
import { newId } from '../../helpers/fixtures.js';
import { connectSocket, type TestSocket } from '../../helpers/websocket-client.js';

const baseUrl = () => process.env.SWITCHBOARD_WS_ENDPOINT!;
const app = buildContainer(loadConfig(process.env));

/** A tenant with a web inbox whose widget secret the test knows (as the tenant's server does). */
async function aTenant(name: string) {
  const accountId = newId();
  const now = new Date().toISOString();
  // People answer these conversations (the AI agent's own suite is tests/integration/ai/).
  await app.repositories.accounts.create({ id: accountId, name, mfaRequired: false, ...accountDefaults, ai: { enabled: false }, createdAt: now });
  const inbox = { accountId, id: newId(), name: 'Website chat', channel: 'web' as const, widgetToken: `wt_${newId().toLowerCase()}`, widgetSecret: `wsec_${newId()}`, createdAt: now };
  await app.repositories.inboxes.create(inbox);
  return { accountId, inbox, widgetToken: inbox.widgetToken, widgetSecret: inbox.widgetSecret };
}

type Tenant = Awaited<ReturnType<typeof aTenant>>;

/** A visitor's calls: bearer token, plus the identity headers when verified. */
function asVisitor(visitorToken: string, identity?: { userId: string; userHash: string }) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${visitorToken}`,
    ...(identity ? { 'x-switchboard-user-id': identity.userId, 'x-switchboard-user-hash': identity.userHash } : {}),
  };
  return <T = any>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => request<T>(baseUrl(), method, path, body, { ...headers, ...extra });
}

async function anonymousVisitor(tenant: Tenant) {
  const session = await request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken: tenant.widgetToken });
  expect(session.status).toBe(201);
  return { ...session.body as { visitorToken: string; contactId: string }, call: asVisitor(session.body.visitorToken) };
}

async function startConversation(call: ReturnType<typeof asVisitor>, body: string) {
  const started = await call('POST', '/widget/v1/conversations', { body, clientMessageId: `c-${newId()}` });
  expect(started.status).toBe(201);
  return started.body as { conversation: { id: string; seq: number }; message: { id: string; seq: number } };
}

let northwind: Tenant;
let contoso: Tenant;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  [northwind, contoso] = await Promise.all([aTenant('Northwind Outfitters'), aTenant('Contoso Bikes')]);
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
});

describe('widget API: config', () => {
  it("answers the inbox's greeting, online state and reply time for a widget token", async () => {
    const config = await request(baseUrl(), 'GET', `/widget/v1/config?token=${northwind.widgetToken}`);
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ accountName: 'Northwind Outfitters', inboxName: 'Website chat', online: true, serviceHours: null });
    expect(config.body.greeting).toEqual(expect.any(String));
    expect(JSON.stringify(config.body)).not.toContain(northwind.widgetSecret);
  });

  it('reports offline with the offline message outside the service hours', async () => {
    // Prepare: service hours with no opening range are never open.
    const closed = await aTenant('Closed Shop');
    const inbox = { ...closed.inbox, id: newId(), widgetToken: `wt_${newId().toLowerCase()}`, widgetSettings: { serviceHours: { timeZone: 'Europe/Paris', weekly: [] }, offlineMessage: 'Back on Monday.' } };
    await app.repositories.inboxes.create(inbox);
    // Act
    const config = await request(baseUrl(), 'GET', `/widget/v1/config?token=${inbox.widgetToken}`);
    // Assess
    expect(config.body).toMatchObject({ online: false, offlineMessage: 'Back on Monday.', serviceHours: { timeZone: 'Europe/Paris', weekly: [] } });
  });

  it('answers 404 for an unknown widget token', async () => {
    const config = await request(baseUrl(), 'GET', '/widget/v1/config?token=wt_nobody_has_this_token');
    expect(config.status).toBe(404);
    expect(config.body.error.code).toBe('not_found');
  });
});

describe('widget API: a visitor chats', () => {
  it('starts a session, a conversation and sends and lists messages in order', async () => {
    // Prepare
    const visitor = await anonymousVisitor(northwind);
    // Act
    const { conversation, message } = await startConversation(visitor.call, 'Do the Stormbreak shells run small?');
    const second = await visitor.call('POST', `/widget/v1/conversations/${conversation.id}/messages`, { body: 'I am usually a medium.', clientMessageId: 'c-second' });
    const retried = await visitor.call('POST', `/widget/v1/conversations/${conversation.id}/messages`, { body: 'I am usually a medium.', clientMessageId: 'c-second' });
    const history = await visitor.call('GET', `/widget/v1/conversations/${conversation.id}/messages`);
    const catchUp = await visitor.call('GET', `/widget/v1/conversations/${conversation.id}/messages?afterSeq=${message.seq}`);
    const list = await visitor.call('GET', '/widget/v1/conversations');
    // Assess
    expect(message).toMatchObject({ authorType: 'contact', type: 'incoming', body: 'Do the Stormbreak shells run small?' });
    expect(message).not.toHaveProperty('accountId');
    expect(second.status).toBe(201);
    expect(retried.body.id).toBe(second.body.id);
    expect(history.status).toBe(200);
    expect(history.body.items.map((m: { body: string }) => m.body).sort()).toEqual(['Do the Stormbreak shells run small?', 'I am usually a medium.']);
    expect(catchUp.body.items.map((m: { id: string }) => m.id)).toEqual([second.body.id]);
    expect(list.body.items).toEqual([expect.objectContaining({ id: conversation.id, status: 'open' })]);
    expect(list.body.items[0]).not.toHaveProperty('assigneeId');
  });

  it('reuses a still-valid visitor token, so the chat survives a reload', async () => {
    const visitor = await anonymousVisitor(northwind);
    const again = await request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken: northwind.widgetToken, visitorToken: visitor.visitorToken });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ visitorToken: visitor.visitorToken, contactId: visitor.contactId, verified: false });
  });

  it('marks the visitor read state (204) on its own conversation', async () => {
    const visitor = await anonymousVisitor(northwind);
    const { conversation } = await startConversation(visitor.call, 'Hello');
    const read = await visitor.call('POST', `/widget/v1/conversations/${conversation.id}/read`);
    expect(read.status).toBe(204);
  });

  it('refuses calls without a visitor token (401)', async () => {
    const response = await request(baseUrl(), 'GET', '/widget/v1/conversations');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });
});

describe('widget API: verified users', () => {
  it('verifies the HMAC of the user id on the session and on every request', async () => {
    // Prepare
    const identity = { userId: `user-${newId()}`, userHash: '' };
    identity.userHash = userHashFor(northwind.widgetSecret, identity.userId);
    // Act
    const session = await request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken: northwind.widgetToken, ...identity, name: 'Ada Lovelace' });
    const call = asVisitor(session.body.visitorToken, identity);
    const { conversation } = await startConversation(call, 'Where is order #1042?');
    const withoutHeaders = await asVisitor(session.body.visitorToken)('GET', `/widget/v1/conversations/${conversation.id}/messages`);
    const forged = await asVisitor(session.body.visitorToken, { userId: identity.userId, userHash: userHashFor('not-the-secret', identity.userId) })(
      'POST', `/widget/v1/conversations/${conversation.id}/messages`, { body: 'forged', clientMessageId: 'c-forged' });
    const history = await call('GET', `/widget/v1/conversations/${conversation.id}/messages`);
    // Assess
    expect(session.status).toBe(201);
    expect(session.body.verified).toBe(true);
    expect(withoutHeaders.status).toBe(401);
    expect(forged.status).toBe(401);
    expect(history.body.items.map((m: { body: string }) => m.body)).toEqual(['Where is order #1042?']);
  });

  it('refuses a forged or missing user hash at session start, writing nothing', async () => {
    const userId = `user-${newId()}`;
    const forged = await request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken: northwind.widgetToken, userId, userHash: userHashFor('guess', userId) });
    const missing = await request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken: northwind.widgetToken, userId });
    const otherTenantsHash = await request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken: northwind.widgetToken, userId, userHash: userHashFor(contoso.widgetSecret, userId) });
    expect([forged.status, missing.status, otherTenantsHash.status]).toEqual([401, 401, 401]);
    expect(forged.body.error.code).toBe('unauthenticated');
    expect(await app.repositories.contacts.findByIdentity(northwind.accountId, 'web', `user:${userId}`)).toBeUndefined();
  });
});

describe('widget API: isolation', () => {
  it("answers 404 when visitor A reads or writes visitor B's conversation", async () => {
    const a = await anonymousVisitor(northwind);
    const b = await anonymousVisitor(northwind);
    const { conversation } = await startConversation(b.call, 'Private question about my refund');
    const path = `/widget/v1/conversations/${conversation.id}`;
    const read = await a.call('GET', `${path}/messages`);
    const write = await a.call('POST', `${path}/messages`, { body: 'hijack', clientMessageId: 'c-hijack' });
    const markRead = await a.call('POST', `${path}/read`);
    expect([read.status, write.status, markRead.status]).toEqual([404, 404, 404]);
    expect(JSON.stringify(read.body)).not.toContain('refund');
    const own = await b.call('GET', `${path}/messages`);
    expect(own.body.items).toHaveLength(1);
  });

  it("lets another tenant's widget token see nothing of this tenant", async () => {
    const victim = await anonymousVisitor(northwind);
    const { conversation } = await startConversation(victim.call, 'My address is 12 Harbour Road');
    const intruder = await anonymousVisitor(contoso);
    const read = await intruder.call('GET', `/widget/v1/conversations/${conversation.id}/messages`);
    const list = await intruder.call('GET', '/widget/v1/conversations');
    // The victim's visitor token presented with the other tenant's widget token: a new, unrelated session.
    const crossed = await request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken: contoso.widgetToken, visitorToken: victim.visitorToken });
    const crossedRead = await asVisitor(crossed.body.visitorToken)('GET', `/widget/v1/conversations/${conversation.id}/messages`);
    expect(read.status).toBe(404);
    expect(list.body.items).toEqual([]);
    expect(crossed.body.visitorToken).not.toBe(victim.visitorToken);
    expect(crossed.body.contactId).not.toBe(victim.contactId);
    expect(crossedRead.status).toBe(404);
    expect(JSON.stringify([read.body, crossedRead.body])).not.toContain('Harbour');
  });

  it('answers 400 for a malformed conversation id and a forged visitor token is 401', async () => {
    const visitor = await anonymousVisitor(northwind);
    const bad = await visitor.call('GET', '/widget/v1/conversations/not-an-id/messages');
    const forgedToken = await asVisitor(`${northwind.accountId}.${'A'.repeat(43)}`)('GET', '/widget/v1/conversations');
    expect(bad.status).toBe(400);
    expect(forgedToken.status).toBe(401);
  });
});

describe('widget API: input limits', () => {
  it('refuses a message over 4,000 characters (400) and an empty one, writing nothing', async () => {
    const visitor = await anonymousVisitor(northwind);
    const { conversation } = await startConversation(visitor.call, 'first');
    const path = `/widget/v1/conversations/${conversation.id}/messages`;
    const long = await visitor.call('POST', path, { body: 'x'.repeat(4001), clientMessageId: 'c-long' });
    const blank = await visitor.call('POST', path, { body: '   ', clientMessageId: 'c-blank' });
    const startLong = await visitor.call('POST', '/widget/v1/conversations', { body: 'y'.repeat(4001) });
    expect([long.status, blank.status, startLong.status]).toEqual([400, 400, 400]);
    expect(long.body.error.message).toContain('body');
    const history = await visitor.call('GET', path);
    expect(history.body.items).toHaveLength(1);
  });

  it('refuses a body that is not JSON (415)', async () => {
    const visitor = await anonymousVisitor(northwind);
    const response = await visitor.call('POST', '/widget/v1/conversations', 'body=hi', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
  });
});

describe('widget API: attachments', () => {
  it('refuses a file over 10 MB (413) and a type that is not allowed (400)', async () => {
    const visitor = await anonymousVisitor(northwind);
    const big = await visitor.call('POST', '/widget/v1/attachments', { fileName: 'video.pdf', contentType: 'application/pdf', size: 10 * 1024 * 1024 + 1 });
    const html = await visitor.call('POST', '/widget/v1/attachments', { fileName: 'page.html', contentType: 'text/html', size: 100 });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain('10 MB');
    expect(html.status).toBe(400);
    expect(html.body.error.code).toBe('attachment_type_not_allowed');
  });

  it('uploads through the presigned URL and attaches the file to a message; another visitor cannot use it', async () => {
    // Prepare
    const visitor = await anonymousVisitor(northwind);
    const other = await anonymousVisitor(northwind);
    const bytes = Buffer.from('order #1042, size M\n');
    // Act
    const slot = await visitor.call('POST', '/widget/v1/attachments', { fileName: 'receipt.txt', contentType: 'text/plain', size: bytes.length });
    const put = await fetch(slot.body.uploadUrl, { method: 'PUT', headers: slot.body.uploadHeaders, body: bytes });
    const started = await visitor.call('POST', '/widget/v1/conversations', { body: 'Here is my receipt', clientMessageId: 'c-receipt', attachmentIds: [slot.body.attachmentId] });
    const stolen = await other.call('POST', '/widget/v1/conversations', { body: 'mine now', clientMessageId: 'c-steal', attachmentIds: [slot.body.attachmentId] });
    // Assess
    expect(slot.status).toBe(201);
    expect(put.status).toBe(200);
    expect(started.status).toBe(201);
    expect(started.body.message.attachments).toEqual([{ id: slot.body.attachmentId, fileName: 'receipt.txt', contentType: 'text/plain', size: bytes.length, url: expect.stringContaining('X-Amz-Signature=') }]);
    const download = await fetch(started.body.message.attachments[0].url);
    expect(await download.text()).toBe(bytes.toString());
    expect(stolen.status).toBe(400);
  });
});

describe('widget API: realtime', () => {
  it("issues a ticket for the frame's origin, and the visitor receives its conversation's events", async () => {
    // Prepare
    const visitor = await anonymousVisitor(northwind);
    const { conversation } = await startConversation(visitor.call, 'Are you there?');
    const origin = baseUrl();
    // Act
    const ticket = await visitor.call('POST', '/widget/v1/realtime/ticket', undefined, { origin });
    const refused = await visitor.call('POST', '/widget/v1/realtime/ticket', undefined, { origin: 'https://evil.example' });
    const socket = await connectSocket(`${ticket.body.url}?ticket=${encodeURIComponent(ticket.body.ticket)}`, origin);
    sockets.push(socket);
    socket.send({ action: 'subscribe', topics: [`conversation:${conversation.id}`] });
    const subscribed = await socket.waitFor((f) => f.type === 'subscribed');
    const sent = await visitor.call('POST', `/widget/v1/conversations/${conversation.id}/messages`, { body: 'Hello again', clientMessageId: 'c-live' });
    const event = await socket.waitFor((f) => f.type === 'event' && f.event.type === 'message.created' && f.event.message.id === sent.body.id, 10_000);
    // Assess
    expect(ticket.status).toBe(201);
    expect(ticket.body.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(refused.status).toBe(403);
    expect(subscribed.topics).toEqual([{ topic: `conversation:${conversation.id}`, seq: expect.any(Number) }]);
    expect(event.topic).toBe(`conversation:${conversation.id}`);
    expect(event.event.message).not.toHaveProperty('accountId');
    expect(event.event.seq).toBeGreaterThan(subscribed.topics[0].seq);
  });
});
