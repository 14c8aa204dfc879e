import { describe, expect, it } from 'vitest';
import type { Agent, Connection } from '../../../../shared/domain/entities.js';
import { makeFanOutChange } from '../../../../shared/services/realtime/fan-out-change.js';
import { aConversation, aMessage, newId } from '../../../helpers/fixtures.js';
import { memoryAgents } from '../../../helpers/in-memory-auth-ports.js';
import { fixedClock, memoryConnections, recordingPublisher } from '../../../helpers/in-memory-ports.js';

function setup(gone: string[] = []) {
  const store = memoryConnections();
  const publisher = recordingPublisher(gone);
  const agents = memoryAgents();
  const fanOut = makeFanOutChange({ ...store, publisher, agents, clock: fixedClock() });
  return { ...store, publisher, agents, fanOut };
}

describe('fanOutChange', () => {
  it('sends a new message once to a connection following both the conversation and its inbox', async () => {
    const { subscriptions, publisher, fanOut } = setup();
    const message = aMessage();
    await subscriptions.subscribe(message.accountId, 'c1', `conversation:${message.conversationId}`, 0);
    await subscriptions.subscribe(message.accountId, 'c1', `inbox:${message.inboxId}`, 0);
    const result = await fanOut({ entity: 'Message', kind: 'INSERT', next: message });
    expect(result).toEqual({ sent: 1, gone: 0 });
    expect(publisher.sent[0]?.frame).toMatchObject({ type: 'event', topic: `conversation:${message.conversationId}`, event: { type: 'message.created', seq: message.seq } });
  });

  it('never sends a private note to the customer', async () => {
    const { subscriptions, publisher, fanOut } = setup();
    const note = aMessage({ type: 'note', authorType: 'agent', body: 'customer seems upset' });
    await subscriptions.subscribe(note.accountId, 'visitor', `public:conversation:${note.conversationId}`, 0);
    await subscriptions.subscribe(note.accountId, 'agent', `conversation:${note.conversationId}`, 0);
    await fanOut({ entity: 'Message', kind: 'INSERT', next: note });
    expect(publisher.sent.map((s) => s.connectionId)).toEqual(['agent']);
  });

  it("gives the customer the public view without the tenant's internal fields", async () => {
    const { subscriptions, publisher, fanOut } = setup();
    const reply = aMessage({ type: 'outgoing', authorType: 'agent', authorId: newId() });
    await subscriptions.subscribe(reply.accountId, 'visitor', `public:conversation:${reply.conversationId}`, 0);
    await fanOut({ entity: 'Message', kind: 'INSERT', next: reply });
    const frame = publisher.sent[0]?.frame;
    expect(frame.topic).toBe(`conversation:${reply.conversationId}`);
    expect(frame.event.message).not.toHaveProperty('authorId');
    expect(frame.event.message).not.toHaveProperty('accountId');
  });

  it('deletes a connection that is gone, with its subscriptions', async () => {
    const { subscriptions, connections, fanOut } = setup(['stale']);
    const message = aMessage();
    const topic = `conversation:${message.conversationId}`;
    await connections.put({ accountId: message.accountId, connectionId: 'stale', principal: { kind: 'agent', agentId: newId() }, connectedAt: '', expiresAtEpoch: 0 });
    await subscriptions.subscribe(message.accountId, 'stale', topic, 0);
    const result = await fanOut({ entity: 'Message', kind: 'INSERT', next: message });
    expect(result).toEqual({ sent: 0, gone: 1 });
    expect(await connections.get(message.accountId, 'stale')).toBeUndefined();
    expect(await subscriptions.listSubscribers(message.accountId, topic)).toEqual([]);
  });

  it("does not reach another tenant's subscribers of the same conversation id", async () => {
    const { subscriptions, publisher, fanOut } = setup();
    const message = aMessage();
    await subscriptions.subscribe(newId(), 'other-tenant', `conversation:${message.conversationId}`, 0);
    await fanOut({ entity: 'Message', kind: 'INSERT', next: message });
    expect(publisher.sent).toEqual([]);
  });

  it('tells the inbox and both assignees about a reassignment', async () => {
    const { subscriptions, publisher, fanOut } = setup();
    const before = aConversation({ assigneeId: newId() });
    const after = { ...before, assigneeId: newId(), seq: before.seq + 1 };
    await subscriptions.subscribe(before.accountId, 'old', `agent:${before.assigneeId}`, 0);
    await subscriptions.subscribe(before.accountId, 'new', `agent:${after.assigneeId}`, 0);
    await subscriptions.subscribe(before.accountId, 'inbox', `inbox:${before.inboxId}`, 0);
    await fanOut({ entity: 'Conversation', kind: 'MODIFY', previous: before, next: after });
    expect(publisher.sent.map((s) => s.connectionId).sort()).toEqual(['inbox', 'new', 'old']);
    expect(publisher.sent[0]?.frame.event).toMatchObject({ type: 'conversation.updated', seq: after.seq });
  });
});

describe('fanOutChange, agents\' presence', () => {
  /** Far beyond the fixed clock's time: not expired. */
  const later = Date.parse('2026-11-24T00:00:00.000Z') / 1000;

  function anAgent(accountId: string, overrides: Partial<Agent> = {}): Agent {
    return {
      accountId, id: newId(), email: `${newId()}@example.com`, name: 'Ada', role: 'agent', passwordHash: '$argon2id$secret-hash',
      disabled: false, availability: 'online', createdAt: '2026-11-23T09:00:00.000Z',
      mfa: { secretCiphertext: 'totp-ciphertext', enabled: true, recoveryCodeHashes: ['recovery-hash'] }, ...overrides,
    };
  }

  function aConnectionOf(agent: Agent): Connection {
    return { accountId: agent.accountId, connectionId: newId(), principal: { kind: 'agent', agentId: agent.id }, connectedAt: '2026-11-23T10:00:00.000Z', expiresAtEpoch: later };
  }

  async function aWatchedAgent() {
    const deps = setup();
    const agent = anAgent(newId(), { availability: 'away' });
    await deps.agents.create(agent);
    await deps.subscriptions.subscribe(agent.accountId, 'watcher', 'account', 0);
    return { ...deps, agent };
  }

  it('tells the account an agent came online when its connection opens, with its availability', async () => {
    // Prepare
    const { connections, publisher, fanOut, agent } = await aWatchedAgent();
    const connection = aConnectionOf(agent);
    await connections.put(connection);

    // Act
    const result = await fanOut({ entity: 'Connection', kind: 'INSERT', next: connection });

    // Assess
    expect(result).toEqual({ sent: 1, gone: 0 });
    expect(publisher.sent).toEqual([{
      connectionId: 'watcher',
      frame: { type: 'event', topic: 'account', event: { type: 'agent.presence', seq: 0, agentId: agent.id, online: true, availability: 'away' } },
    }]);
  });

  it('reports offline only when the last connection closes', async () => {
    // Prepare
    const { connections, publisher, fanOut, agent } = await aWatchedAgent();
    const [first, second] = [aConnectionOf(agent), aConnectionOf(agent)];
    await connections.put(first);
    await connections.put(second);

    // Act
    await connections.delete(agent.accountId, first.connectionId);
    await fanOut({ entity: 'Connection', kind: 'REMOVE', previous: first });
    await connections.delete(agent.accountId, second.connectionId);
    await fanOut({ entity: 'Connection', kind: 'REMOVE', previous: second });

    // Assess
    expect(publisher.sent.map((s) => s.frame.event.online)).toEqual([true, false]);
  });

  it('tells the account about an availability change, without any other field of the agent', async () => {
    // Prepare
    const { connections, publisher, fanOut, agent } = await aWatchedAgent();
    await connections.put(aConnectionOf(agent));
    const facts = { accountId: agent.accountId, agentId: agent.id };

    // Act
    await fanOut({ entity: 'Agent', kind: 'MODIFY', previous: { ...facts, availability: 'away' }, next: { ...facts, availability: 'online' } });

    // Assess
    const event = publisher.sent[0]?.frame.event;
    expect(event).toEqual({ type: 'agent.presence', seq: 0, agentId: agent.id, online: true, availability: 'online' });
    const wire = JSON.stringify(publisher.sent);
    for (const secret of [agent.email, agent.passwordHash, 'totp-ciphertext', 'recovery-hash']) expect(wire).not.toContain(secret);
  });

  it("sends nothing for a visitor's connection", async () => {
    // Prepare
    const { publisher, fanOut, agent } = await aWatchedAgent();
    const visitor: Connection = {
      accountId: agent.accountId, connectionId: newId(), principal: { kind: 'visitor', contactId: newId(), inboxId: newId() },
      connectedAt: '2026-11-23T10:00:00.000Z', expiresAtEpoch: later,
    };

    // Act
    const opened = await fanOut({ entity: 'Connection', kind: 'INSERT', next: visitor });
    const closed = await fanOut({ entity: 'Connection', kind: 'REMOVE', previous: visitor });

    // Assess
    expect([opened, closed]).toEqual([{ sent: 0, gone: 0 }, { sent: 0, gone: 0 }]);
    expect(publisher.sent).toEqual([]);
  });

  it("does not reach another tenant's account topic", async () => {
    // Prepare
    const { subscriptions, connections, publisher, fanOut, agent } = await aWatchedAgent();
    await subscriptions.subscribe(newId(), 'other-tenant', 'account', 0);
    const connection = aConnectionOf(agent);
    await connections.put(connection);

    // Act
    await fanOut({ entity: 'Connection', kind: 'INSERT', next: connection });

    // Assess
    expect(publisher.sent.map((s) => s.connectionId)).toEqual(['watcher']);
  });
});
