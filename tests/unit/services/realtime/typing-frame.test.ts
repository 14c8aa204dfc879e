import { describe, expect, it } from 'vitest';
import { makeAuthorizeTopic } from '../../../../shared/services/realtime/authorize-topic.js';
import { makeHandleClientFrame } from '../../../../shared/services/realtime/handle-client-frame.js';
import { aConversation, anInbox, newId } from '../../../helpers/fixtures.js';
import { fixedClock, memoryCatalog, memoryConnections, recordingPublisher } from '../../../helpers/in-memory-ports.js';

function setup() {
  const accountId = newId();
  const inbox = anInbox({ accountId });
  const conversation = aConversation({ accountId, inboxId: inbox.id, seq: 12 });
  const catalog = memoryCatalog({ conversations: [conversation], inboxes: [inbox] });
  const { subscriptions } = memoryConnections();
  const publisher = recordingPublisher();
  const agentId = newId();
  const agents = { get: async (a: string, id: string) => (a === accountId && id === agentId ? { name: 'Nora Admin' } as never : undefined) };
  const handle = makeHandleClientFrame({ subscriptions, publisher, clock: fixedClock(), authorizeTopic: makeAuthorizeTopic(catalog), agents });
  const agent = { accountId, connectionId: 'conn-agent', principal: { kind: 'agent', agentId }, connectedAtMs: 0 } as const;
  const visitor = { accountId, connectionId: 'conn-visitor', principal: { kind: 'visitor', contactId: conversation.contactId, inboxId: inbox.id }, connectedAtMs: 0 } as const;
  return { accountId, conversation, subscriptions, publisher, handle, agent, visitor };
}

async function subscribeBoth(s: ReturnType<typeof setup>) {
  const topics = [`conversation:${s.conversation.id}`];
  await s.handle(s.agent, JSON.stringify({ action: 'subscribe', topics }));
  await s.handle(s.visitor, JSON.stringify({ action: 'subscribe', topics }));
  s.publisher.sent.length = 0;
}

describe('handleClientFrame: typing', () => {
  it("relays a visitor's typing to the agents only, with the conversation's current seq", async () => {
    const s = setup();
    await subscribeBoth(s);
    const answer = await s.handle(s.visitor, JSON.stringify({ action: 'typing', conversationId: s.conversation.id, typing: true }));
    expect(answer).toBeUndefined();
    expect(s.publisher.sent).toEqual([{
      connectionId: 'conn-agent',
      frame: { type: 'event', topic: `conversation:${s.conversation.id}`, event: { type: 'typing', seq: 12, conversationId: s.conversation.id, author: 'visitor', typing: true } },
    }]);
  });

  it("relays an agent's typing to the customer with the agent's name", async () => {
    const s = setup();
    await subscribeBoth(s);
    await s.handle(s.agent, JSON.stringify({ action: 'typing', conversationId: s.conversation.id, typing: false }));
    expect(s.publisher.sent).toEqual([{
      connectionId: 'conn-visitor',
      frame: { type: 'event', topic: `conversation:${s.conversation.id}`, event: { type: 'typing', seq: 12, conversationId: s.conversation.id, author: 'agent', agentName: 'Nora Admin', typing: false } },
    }]);
  });

  it("refuses typing in a conversation that is not the visitor's own, relaying nothing", async () => {
    const s = setup();
    await subscribeBoth(s);
    const other = aConversation({ accountId: s.accountId });
    const answer = await s.handle(s.visitor, JSON.stringify({ action: 'typing', conversationId: other.id, typing: true }));
    expect(answer).toMatchObject({ type: 'error', code: 'not_found' });
    expect(s.publisher.sent.map((x) => x.connectionId)).toEqual(['conn-visitor']);
  });

  it('answers a malformed typing frame with an error frame', async () => {
    const s = setup();
    const answer = await s.handle(s.visitor, JSON.stringify({ action: 'typing', conversationId: 'nope', typing: 'yes' }));
    expect(answer).toMatchObject({ type: 'error', code: 'bad_frame' });
  });
});
