/**
 * The conversation core live: what an agent's dashboard and a visitor's widget see over the
 * WebSocket while the agents' API changes a conversation (auto-assignment to the connected
 * agent, the account feed, replies and notes, read receipts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../../shared/runtime/container.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { withAiOff } from '../../helpers/ai-settings.js';
import { connectSocket, type TestSocket } from '../../helpers/websocket-client.js';
import { customerWrites, testContainer } from './conversation-fixtures.js';

let app: Container;
let admin: SignedInAgent;
let agentSocket: TestSocket;
let wsUrl: string;
let origin: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = testContainer();
  origin = app.config.allowedOrigins[0]!;
  wsUrl = `${app.config.wsManagementEndpoint.replace(/^http/, 'ws')}/ws`;
  admin = await withAiOff(await signUp(process.env.SWITCHBOARD_WS_ENDPOINT!));
  const { ticket } = await app.services.issueConnectTicket({ accountId: admin.account.id, principal: { kind: 'agent', agentId: admin.agent.id }, origin });
  agentSocket = await connectSocket(`${wsUrl}?ticket=${ticket}`, origin);
  sockets.push(agentSocket);
  agentSocket.send({ action: 'subscribe', topics: ['account'], id: 'feed' });
  await agentSocket.waitFor((f) => f.type === 'subscribed');
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
});

describe('conversations, live', () => {
  it('assigns a new conversation to the online, connected agent and tells the account feed', async () => {
    // Act
    const { conversation, contact } = await customerWrites(admin, 'Anyone there?');
    // Assess
    expect(conversation.assigneeId).toBe(admin.agent.id);
    const event = await agentSocket.waitFor((f) => f.type === 'event' && f.topic === 'account'
      && f.event.conversationId === conversation.id && f.event.conversation?.assigneeId === admin.agent.id);
    expect(event.event.conversation).not.toHaveProperty('accountId');
    expect(event.event.conversation.contact).toEqual({ id: contact.id, name: 'Ada Lovelace', email: contact.email });
    expect(event.event.conversation.lastMessage).toMatchObject({ body: 'Anyone there?', authorType: 'contact' });
  });

  it('pushes replies to the visitor but never notes, and read receipts both ways', async () => {
    // Prepare
    const { conversation, contact, inbox, message: incoming } = await customerWrites(admin, 'Is my order late?');
    const { ticket } = await app.services.issueConnectTicket({ accountId: admin.account.id, principal: { kind: 'visitor', contactId: contact.id, inboxId: inbox.id }, origin });
    const visitor = await connectSocket(`${wsUrl}?ticket=${ticket}`, origin);
    sockets.push(visitor);
    visitor.send({ action: 'subscribe', topics: [`conversation:${conversation.id}`], id: 'v' });
    await visitor.waitFor((f) => f.type === 'subscribed');
    const path = `/api/v1/conversations/${conversation.id}`;
    // Act
    await admin.call('POST', `${path}/messages`, { body: 'Internal: check the warehouse', private: true });
    const reply = await admin.call('POST', `${path}/messages`, { body: 'It ships today.' });
    await admin.call('POST', `${path}/read`);
    await app.services.markConversationRead({ accountId: admin.account.id, conversationId: conversation.id, reader: 'visitor', visitorContactId: contact.id });
    // Assess
    const created = await visitor.waitFor((f) => f.type === 'event' && f.event.type === 'message.created' && f.event.message.id === reply.body.id);
    expect(created.event.message).toMatchObject({ body: 'It ships today.', type: 'outgoing' });
    const ownRead = await visitor.waitFor((f) => f.type === 'event' && f.event.type === 'message.updated' && f.event.message.id === incoming.id);
    expect(ownRead.event.message.status).toBe('read');
    const history = await admin.call('GET', `${path}/messages`);
    expect(history.body.items.find((m: { id: string }) => m.id === reply.body.id)).toMatchObject({ status: 'read' });
    expect(JSON.stringify(visitor.frames)).not.toContain('warehouse');
    expect(JSON.stringify(visitor.frames)).not.toContain('assigneeId');
  });
});
