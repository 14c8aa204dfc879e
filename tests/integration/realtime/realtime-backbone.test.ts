/**
 * The realtime backbone end to end, through the real parts: a ticket from the ticket service,
 * the local gateway's WebSocket upgrade and authorizer, the `ws` function, a message written to
 * DynamoDB Local, the table-stream poller, `realtime-fanout`, the real API Gateway Management
 * client, and the gateway's `/@connections` endpoint back to the socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContainer, type Container } from '../../../shared/runtime/container.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { aContact, aConversation, anAccount, anAgent, anInbox, newId } from '../data/builders.js';
import { connectSocket, type TestSocket } from '../../helpers/websocket-client.js';

let app: Container;
let wsUrl: string;
let origin: string;

beforeAll(() => {
  app = buildContainer(loadConfig(process.env));
  origin = app.config.allowedOrigins[0]!;
  wsUrl = `${app.config.wsManagementEndpoint.replace(/^http/, 'ws')}/ws`;
});

/** A tenant with an agent, an inbox, a contact and an open conversation. */
async function aTenant() {
  const repos = app.repositories;
  const accountId = newId();
  await repos.accounts.create(anAccount(accountId));
  const agent = anAgent(accountId);
  await repos.agents.create(agent);
  const inbox = anInbox(accountId);
  await repos.inboxes.create(inbox);
  const contact = aContact(accountId);
  await repos.contacts.create(contact);
  const conversation = aConversation(accountId, { inboxId: inbox.id, contactId: contact.id });
  await repos.conversations.create(conversation);
  return { accountId, agent, inbox, contact, conversation };
}

async function ticketFor(accountId: string, principal: Parameters<Container['services']['issueConnectTicket']>[0]['principal']) {
  return (await app.services.issueConnectTicket({ accountId, principal, origin })).ticket;
}

function say(tenant: Awaited<ReturnType<typeof aTenant>>, body: string) {
  return app.repositories.messages.append({
    accountId: tenant.accountId, conversationId: tenant.conversation.id, inboxId: tenant.inbox.id, id: newId(),
    type: 'incoming', status: 'sent', authorType: 'contact', authorId: tenant.contact.id, body, createdAt: new Date().toISOString(),
  });
}

const sockets: TestSocket[] = [];
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
});

describe('realtime backbone', () => {
  it('delivers a message written to a conversation to the agent subscribed to it, with its sequence', async () => {
    // Prepare
    const tenant = await aTenant();
    const socket = await connectSocket(`${wsUrl}?ticket=${await ticketFor(tenant.accountId, { kind: 'agent', agentId: tenant.agent.id })}`, origin);
    sockets.push(socket);
    socket.send({ action: 'subscribe', topics: [`conversation:${tenant.conversation.id}`], id: 's1' });
    const subscribed = await socket.waitFor((f) => f.type === 'subscribed');
    expect(subscribed.topics).toEqual([{ topic: `conversation:${tenant.conversation.id}`, seq: tenant.conversation.seq }]);

    // Act
    const message = await say(tenant, 'Hello, is anyone there?');

    // Assess
    const event = await socket.waitFor((f) => f.type === 'event' && f.event.type === 'message.created');
    expect(event).toMatchObject({
      topic: `conversation:${tenant.conversation.id}`,
      event: { conversationId: tenant.conversation.id, seq: message.seq, message: { id: message.id, body: 'Hello, is anyone there?' } },
    });
    expect(message.seq).toBeGreaterThan(tenant.conversation.seq);
  });

  it('keeps events of one conversation in sequence order', async () => {
    const tenant = await aTenant();
    const socket = await connectSocket(`${wsUrl}?ticket=${await ticketFor(tenant.accountId, { kind: 'agent', agentId: tenant.agent.id })}`, origin);
    sockets.push(socket);
    socket.send({ action: 'subscribe', topics: [`conversation:${tenant.conversation.id}`] });
    await socket.waitFor((f) => f.type === 'subscribed');
    for (const body of ['one', 'two', 'three']) await say(tenant, body);
    await socket.waitFor((f) => f.type === 'event' && f.event.message?.body === 'three');
    const seqs = socket.frames.filter((f) => f.type === 'event' && f.event.type === 'message.created').map((f) => f.event.seq);
    expect(seqs).toHaveLength(3);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('answers pings', async () => {
    const tenant = await aTenant();
    const socket = await connectSocket(`${wsUrl}?ticket=${await ticketFor(tenant.accountId, { kind: 'agent', agentId: tenant.agent.id })}`, origin);
    sockets.push(socket);
    socket.send({ action: 'ping', id: 'hb' });
    expect(await socket.waitFor((f) => f.type === 'pong')).toMatchObject({ id: 'hb', at: expect.any(String) });
  });

  it('removes a stale connection when the management API answers 410', async () => {
    // Prepare: a connection the table still lists, but whose socket is long gone.
    const tenant = await aTenant();
    // Base64 ids may contain `/` and `+`: the Management API must find them URL-encoded.
    const staleId = 'c3Rh/bGU+Y29ubmVjdA=';
    const topic = `conversation:${tenant.conversation.id}`;
    await app.repositories.connections.put({
      accountId: tenant.accountId, connectionId: staleId, principal: { kind: 'agent', agentId: tenant.agent.id },
      connectedAt: new Date().toISOString(), expiresAtEpoch: Math.floor(Date.now() / 1000) + 3600,
    });
    await app.repositories.subscriptions.subscribe(tenant.accountId, staleId, topic, Math.floor(Date.now() / 1000) + 3600);
    const live = await connectSocket(`${wsUrl}?ticket=${await ticketFor(tenant.accountId, { kind: 'agent', agentId: tenant.agent.id })}`, origin);
    sockets.push(live);
    live.send({ action: 'subscribe', topics: [topic] });
    await live.waitFor((f) => f.type === 'subscribed');

    // Act
    await say(tenant, 'anyone?');
    await live.waitFor((f) => f.type === 'event');

    // Assess: the fan-out deleted the stale connection and its subscription.
    await expect.poll(() => app.repositories.connections.get(tenant.accountId, staleId), { timeout: 5_000 }).toBeUndefined();
    const subscribers = await app.repositories.subscriptions.listSubscribers(tenant.accountId, topic);
    expect(subscribers).not.toContain(staleId);
    expect(subscribers).toHaveLength(1);
  });

  it('forgets a connection and its subscriptions on disconnect', async () => {
    const tenant = await aTenant();
    const socket = await connectSocket(`${wsUrl}?ticket=${await ticketFor(tenant.accountId, { kind: 'agent', agentId: tenant.agent.id })}`, origin);
    socket.send({ action: 'subscribe', topics: [`conversation:${tenant.conversation.id}`] });
    await socket.waitFor((f) => f.type === 'subscribed');
    await socket.close();
    await expect.poll(() => app.repositories.subscriptions.listSubscribers(tenant.accountId, `conversation:${tenant.conversation.id}`), { timeout: 5_000 }).toEqual([]);
    // The connection item is deleted after its subscriptions (connection-repository.ts), so it may outlive them briefly.
    await expect.poll(() => app.repositories.connections.listByAgent(tenant.accountId, tenant.agent.id), { timeout: 5_000 }).toEqual([]);
  });

  it("never delivers another tenant's message", async () => {
    const mine = await aTenant();
    const theirs = await aTenant();
    const socket = await connectSocket(`${wsUrl}?ticket=${await ticketFor(mine.accountId, { kind: 'agent', agentId: mine.agent.id })}`, origin);
    sockets.push(socket);
    socket.send({ action: 'subscribe', topics: [`conversation:${theirs.conversation.id}`, `conversation:${mine.conversation.id}`] });
    const subscribed = await socket.waitFor((f) => f.type === 'subscribed');
    expect(subscribed.refused).toEqual([`conversation:${theirs.conversation.id}`]);
    await say(theirs, 'secret of another tenant');
    await say(mine, 'my own');
    await socket.waitFor((f) => f.type === 'event' && f.event.message?.body === 'my own');
    expect(JSON.stringify(socket.frames)).not.toContain('secret of another tenant');
  });

  describe('$connect', () => {
    it('refuses an upgrade without a ticket', async () => {
      await expect(connectSocket(wsUrl, origin)).rejects.toMatchObject({ status: 401 });
    });

    it('refuses a ticket used twice', async () => {
      const tenant = await aTenant();
      const ticket = await ticketFor(tenant.accountId, { kind: 'agent', agentId: tenant.agent.id });
      sockets.push(await connectSocket(`${wsUrl}?ticket=${ticket}`, origin));
      await expect(connectSocket(`${wsUrl}?ticket=${ticket}`, origin)).rejects.toMatchObject({ status: 401 });
    });

    it('refuses a ticket presented from another Origin', async () => {
      const tenant = await aTenant();
      const ticket = await ticketFor(tenant.accountId, { kind: 'agent', agentId: tenant.agent.id });
      await expect(connectSocket(`${wsUrl}?ticket=${ticket}`, 'https://evil.example')).rejects.toMatchObject({ status: 401 });
    });
  });
});
