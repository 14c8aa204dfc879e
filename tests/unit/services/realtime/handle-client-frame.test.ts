import { describe, expect, it } from 'vitest';
import { makeAuthorizeTopic } from '../../../../shared/services/realtime/authorize-topic.js';
import { makeHandleClientFrame } from '../../../../shared/services/realtime/handle-client-frame.js';
import { aConversation, anInbox, newId } from '../../../helpers/fixtures.js';
import { fixedClock, memoryCatalog, memoryConnections, recordingPublisher } from '../../../helpers/in-memory-ports.js';

function setup() {
  const accountId = newId();
  const inbox = anInbox({ accountId });
  const conversation = aConversation({ accountId, inboxId: inbox.id, seq: 7 });
  const foreign = aConversation({ seq: 3 });
  const catalog = memoryCatalog({ conversations: [conversation, foreign], inboxes: [inbox] });
  const { subscriptions } = memoryConnections();
  const publisher = recordingPublisher();
  const handle = makeHandleClientFrame({
    subscriptions, publisher, clock: fixedClock(), authorizeTopic: makeAuthorizeTopic(catalog),
  });
  const agent = { accountId, connectionId: 'conn-a=', principal: { kind: 'agent', agentId: newId() }, connectedAtMs: 0 } as const;
  const visitor = { accountId, connectionId: 'conn-v=', principal: { kind: 'visitor', contactId: conversation.contactId, inboxId: inbox.id }, connectedAtMs: 0 } as const;
  return { accountId, inbox, conversation, foreign, subscriptions, publisher, handle, agent, visitor };
}

describe('handleClientFrame', () => {
  it('subscribes an agent to a conversation of its account and reports its current seq', async () => {
    const { handle, agent, conversation, subscriptions, accountId } = setup();
    const reply = await handle(agent, JSON.stringify({ action: 'subscribe', topics: [`conversation:${conversation.id}`], id: 'r1' }));
    expect(reply).toEqual({ type: 'subscribed', id: 'r1', topics: [{ topic: `conversation:${conversation.id}`, seq: 7 }], refused: [] });
    expect(await subscriptions.listSubscribers(accountId, `conversation:${conversation.id}`)).toEqual(['conn-a=']);
  });

  it("refuses another tenant's conversation as if it did not exist", async () => {
    const { handle, agent, foreign, publisher } = setup();
    const reply = await handle(agent, JSON.stringify({ action: 'subscribe', topics: [`conversation:${foreign.id}`] }));
    expect(reply).toMatchObject({ type: 'subscribed', topics: [], refused: [`conversation:${foreign.id}`] });
    expect(publisher.sent).toHaveLength(1);
  });

  it("stores a visitor's subscription under the customer-facing topic", async () => {
    const { handle, visitor, conversation, subscriptions, accountId } = setup();
    await handle(visitor, JSON.stringify({ action: 'subscribe', topics: [`conversation:${conversation.id}`] }));
    expect(await subscriptions.listSubscribers(accountId, `public:conversation:${conversation.id}`)).toEqual(['conn-v=']);
    expect(await subscriptions.listSubscribers(accountId, `conversation:${conversation.id}`)).toEqual([]);
  });

  it('refuses a visitor the inbox feed and conversations of other contacts', async () => {
    const { handle, visitor, inbox, accountId } = setup();
    const other = aConversation({ accountId, inboxId: inbox.id });
    const reply = await handle(visitor, JSON.stringify({ action: 'subscribe', topics: [`inbox:${inbox.id}`, 'account', `conversation:${other.id}`] }));
    expect(reply).toMatchObject({ topics: [], refused: [`inbox:${inbox.id}`, 'account', `conversation:${other.id}`] });
  });

  it("lets an agent follow only its own agent topic", async () => {
    const { handle, agent } = setup();
    const own = `agent:${agent.principal.agentId}`;
    const reply = await handle(agent, JSON.stringify({ action: 'subscribe', topics: [own, `agent:${newId()}`] }));
    expect(reply).toMatchObject({ topics: [{ topic: own }], refused: [expect.stringMatching(/^agent:/)] });
  });

  it('unsubscribes', async () => {
    const { handle, agent, conversation, subscriptions, accountId } = setup();
    await handle(agent, JSON.stringify({ action: 'subscribe', topics: [`conversation:${conversation.id}`] }));
    const reply = await handle(agent, JSON.stringify({ action: 'unsubscribe', topics: [`conversation:${conversation.id}`] }));
    expect(reply).toEqual({ type: 'unsubscribed', topics: [`conversation:${conversation.id}`] });
    expect(await subscriptions.listSubscribers(accountId, `conversation:${conversation.id}`)).toEqual([]);
  });

  it('answers a ping with a pong carrying the request id', async () => {
    const { handle, agent, publisher } = setup();
    await handle(agent, '{"action":"ping","id":"p"}');
    expect(publisher.sent[0]).toEqual({ connectionId: 'conn-a=', frame: { type: 'pong', id: 'p', at: '2026-11-23T10:00:00.000Z' } });
  });

  it.each([
    ['not json', 'not_json'],
    ['{"action":"dance"}', 'bad_frame'],
    ['{"action":"subscribe","topics":[]}', 'bad_frame'],
    [`{"action":"ping","pad":"${'x'.repeat(33 * 1024)}"}`, 'too_large'],
    [`${'['.repeat(40)}${']'.repeat(40)}`, 'too_deep'],
  ])('answers the bad frame %# with an error frame (%s)', async (raw, code) => {
    const { handle, agent } = setup();
    const reply = await handle(agent, raw);
    expect(reply).toMatchObject({ type: 'error', code, message: expect.any(String) });
  });
});
