/**
 * The AI agent's integration world: a tenant signed up through the API (its AI on, the default),
 * knowledge added through the knowledge API and indexed by the knowledge-indexer, a widget
 * visitor chatting through widget-api (whose messages queue AI jobs for ai-responder), and the
 * sockets a visitor and an agent watch. The model is the REAL Bedrock adapter talking to the
 * laptop's local Bedrock server (tests/helpers/fake-bedrock.ts scripts it).
 */
import { ulid } from 'ulid';
import { expect } from 'vitest';
import { request, signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { connectSocket, type TestSocket } from '../../helpers/websocket-client.js';
import { eventually } from '../local/support.js';

/** The gateway's base URL. */
export const baseUrl = (): string => process.env.SWITCHBOARD_WS_ENDPOINT!;

/** A string only one test's customer writes (scripts and request look-ups match on it). */
export const uniqueToken = (): string => `ref-${ulid().toLowerCase().slice(-10)}`;

/** Signs a tenant up and adds knowledge sources; waits until every one is indexed. */
export async function aTenantWithKnowledge(sources: readonly Record<string, unknown>[]): Promise<SignedInAgent> {
  const admin = await signUp(baseUrl());
  for (const source of sources) {
    const created = await admin.call('POST', '/api/v1/knowledge/sources', source);
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    await eventually(async () => {
      const { body } = await admin.call('GET', `/api/v1/knowledge/sources/${created.body.source.id}`);
      if (body.source.status === 'failed') throw new Error(`indexing failed: ${body.source.error}`);
      return body.source.status === 'ready' ? body.source : undefined;
    }, 30_000, `source ${String(source.title)} indexed`);
  }
  return admin;
}

/** An agent socket subscribed to the account feed (auto-assignment needs a connected agent). */
export async function agentSocket(admin: SignedInAgent): Promise<TestSocket> {
  const origin = baseUrl();
  const ticket = await admin.call('POST', '/api/v1/realtime/ticket', undefined, { origin });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const socket = await connectSocket(`${ticket.body.url}?ticket=${encodeURIComponent(ticket.body.ticket)}`, origin);
  socket.send({ action: 'subscribe', topics: ['account'], id: 'feed' });
  await socket.waitFor((f) => f.type === 'subscribed');
  return socket;
}

/** A widget visitor of the tenant's web inbox: HTTP calls and, once started, a socket on its conversation. */
export async function aVisitor(admin: SignedInAgent) {
  const inboxes = await admin.call('GET', '/api/v1/inboxes');
  const inbox = inboxes.body.items.find((i: { channel: string }) => i.channel === 'web');
  const session = await request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken: inbox.widgetToken });
  expect(session.status).toBe(201);
  const headers = { authorization: `Bearer ${session.body.visitorToken}` };
  const call = <T = any>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => request<T>(baseUrl(), method, path, body, { ...headers, ...extra });
  let conversationId = '';
  let socket: TestSocket | undefined;
  return {
    contactId: session.body.contactId as string,
    inboxId: inbox.id as string,
    get conversationId() {
      return conversationId;
    },
    get socket(): TestSocket {
      if (!socket) throw new Error('the visitor has not started a conversation');
      return socket;
    },
    /** Sends a message (the first one starts the conversation and opens the socket). */
    async says(body: string): Promise<any> {
      if (!conversationId) {
        const started = await call('POST', '/widget/v1/conversations', { body, clientMessageId: ulid() });
        expect(started.status, JSON.stringify(started.body)).toBe(201);
        conversationId = started.body.conversation.id;
        const ticket = await call('POST', '/widget/v1/realtime/ticket', undefined, { origin: baseUrl() });
        socket = await connectSocket(`${ticket.body.url}?ticket=${encodeURIComponent(ticket.body.ticket)}`, baseUrl());
        socket.send({ action: 'subscribe', topics: [`conversation:${conversationId}`] });
        await socket.waitFor((f) => f.type === 'subscribed');
        return started.body.message;
      }
      const sent = await call('POST', `/widget/v1/conversations/${conversationId}/messages`, { body, clientMessageId: ulid() });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      return sent.body;
    },
    async close(): Promise<void> {
      await socket?.close().catch(() => undefined);
    },
  };
}

/** The conversation's messages as agents see them, oldest first. */
export async function agentMessages(admin: SignedInAgent, conversationId: string): Promise<any[]> {
  const { status, body } = await admin.call('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`);
  expect(status).toBe(200);
  return [...body.items].sort((a: { seq: number }, b: { seq: number }) => a.seq - b.seq);
}

/** Waits for the bot's `count`-th message in the conversation (agents' view). */
export async function botMessages(admin: SignedInAgent, conversationId: string, count = 1, timeoutMs = 20_000): Promise<any[]> {
  return eventually(async () => {
    const bot = (await agentMessages(admin, conversationId)).filter((m) => m.authorType === 'bot');
    return bot.length >= count ? bot : undefined;
  }, timeoutMs, `${count} bot message(s)`);
}

/** The conversation as agents see it. */
export async function conversationOf(admin: SignedInAgent, conversationId: string): Promise<any> {
  const { status, body } = await admin.call('GET', `/api/v1/conversations/${conversationId}`);
  expect(status).toBe(200);
  return body;
}
