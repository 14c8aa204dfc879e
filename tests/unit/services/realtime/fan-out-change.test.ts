import { describe, expect, it } from 'vitest';
import { makeFanOutChange } from '../../../../shared/services/realtime/fan-out-change.js';
import { aConversation, aMessage, newId } from '../../../helpers/fixtures.js';
import { memoryConnections, recordingPublisher } from '../../../helpers/in-memory-ports.js';

function setup(gone: string[] = []) {
  const store = memoryConnections();
  const publisher = recordingPublisher(gone);
  const fanOut = makeFanOutChange({ ...store, publisher });
  return { ...store, publisher, fanOut };
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
