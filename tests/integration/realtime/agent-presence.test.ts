/**
 * Agents' presence live, end to end: a WebSocket opened or closed by an agent (its Connection
 * item) and `PUT /api/v1/agents/me/availability` (its Agent item) reach the table stream, and
 * `realtime-fanout` pushes `agent.presence` to the `account` topic of that account only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/runtime/config.js';
import { buildContainer } from '../../../shared/runtime/container.js';
import { newId } from '../data/builders.js';
import { caller, newSignUpDetails, request, sessionCookieOf, signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { connectSocket, type TestSocket } from '../../helpers/websocket-client.js';

let baseUrl: string;
let origin: string;
const sockets: TestSocket[] = [];

beforeAll(() => {
  baseUrl = process.env.SWITCHBOARD_WS_ENDPOINT!;
  origin = process.env.SWITCHBOARD_ALLOWED_ORIGINS!.split(',')[0]!.trim();
});
afterAll(() => {
  for (const socket of sockets) socket.terminate();
});

/** Invites a person into the admin's account as an agent and accepts the invitation. */
async function invite(admin: SignedInAgent): Promise<SignedInAgent> {
  const details = newSignUpDetails();
  const invited = await admin.call('POST', '/api/v1/agents/invitations', { email: details.email, name: details.name, role: 'agent' });
  expect(invited.status).toBe(201);
  const accepted = await request(baseUrl, 'POST', '/api/v1/auth/invitations/accept', { token: invited.body.token, name: details.name, password: details.password });
  expect(accepted.status).toBe(201);
  const cookie = sessionCookieOf(accepted.setCookies)!;
  return { cookie, account: accepted.body.account, agent: accepted.body.agent, email: details.email, password: details.password, call: caller(baseUrl, cookie) };
}

/** Opens the agent's WebSocket with a ticket from `POST /api/v1/realtime/ticket`. */
async function connect(agent: SignedInAgent): Promise<TestSocket> {
  const ticket = await agent.call('POST', '/api/v1/realtime/ticket', undefined, { origin });
  expect(ticket.status).toBe(201);
  const socket = await connectSocket(`${ticket.body.url}?ticket=${encodeURIComponent(ticket.body.ticket)}`, origin);
  sockets.push(socket);
  return socket;
}

/** Opens the agent's WebSocket and follows the account topic. */
async function watchAccount(agent: SignedInAgent): Promise<TestSocket> {
  const socket = await connect(agent);
  socket.send({ action: 'subscribe', topics: ['account'], id: 'acc' });
  const subscribed = await socket.waitFor((f) => f.type === 'subscribed' && f.id === 'acc');
  expect(subscribed.topics).toEqual([{ topic: 'account' }]);
  return socket;
}

const presenceOf = (agentId: string) => (f: any) => f.type === 'event' && f.event.type === 'agent.presence' && f.event.agentId === agentId;

describe('agents\' presence, live', () => {
  it('tells the agents of the account when a colleague connects, changes availability and disconnects — and no one else', async () => {
    // Prepare
    const admin = await signUp(baseUrl);
    const colleague = await invite(admin);
    const stranger = await signUp(baseUrl);
    const watcher = await watchAccount(admin);
    const outsider = await watchAccount(stranger);
    const isColleague = presenceOf(colleague.agent.id);

    // Act 1: the colleague connects.
    const colleagueSocket = await connect(colleague);

    // Assess 1
    const online = await watcher.waitFor(isColleague, 10_000);
    expect(online).toEqual({
      type: 'event', topic: 'account',
      event: { type: 'agent.presence', seq: 0, agentId: colleague.agent.id, online: true, availability: 'online' },
    });

    // Act 2: the colleague steps away.
    const away = await colleague.call('PUT', '/api/v1/agents/me/availability', { availability: 'away' });

    // Assess 2
    expect(away.status).toBe(200);
    const stepped = await watcher.waitFor((f) => isColleague(f) && f.event.availability === 'away', 10_000);
    expect(stepped.event).toEqual({ type: 'agent.presence', seq: 0, agentId: colleague.agent.id, online: true, availability: 'away' });

    // Act 3: the colleague closes its last WebSocket.
    await colleagueSocket.close();

    // Assess 3
    const offline = await watcher.waitFor((f) => isColleague(f) && f.event.online === false, 10_000);
    expect(offline.event).toEqual({ type: 'agent.presence', seq: 0, agentId: colleague.agent.id, online: false, availability: 'away' });
    // Nothing but presence facts: no email, no password hash, no MFA state.
    for (const frame of watcher.frames.filter(isColleague)) {
      expect(Object.keys(frame.event).sort()).toEqual(['agentId', 'availability', 'online', 'seq', 'type']);
      expect(JSON.stringify(frame)).not.toContain(colleague.email);
    }
    // The other tenant heard nothing of this account: once its own later change has reached it
    // (the stream delivers in order), nothing of the first account is there.
    await stranger.call('PUT', '/api/v1/agents/me/availability', { availability: 'away' });
    await outsider.waitFor((f) => presenceOf(stranger.agent.id)(f) && f.event.availability === 'away', 10_000);
    const leaked = outsider.frames.filter((f) => f.type === 'event' && [admin.agent.id, colleague.agent.id].includes(f.event?.agentId));
    expect(leaked).toEqual([]);
    expect(JSON.stringify(outsider.frames)).not.toContain(colleague.agent.id);
  });

  it("sends nothing when a visitor's WebSocket opens or closes", async () => {
    // Prepare
    const admin = await signUp(baseUrl);
    const watcher = await watchAccount(admin);
    const app = buildContainer(loadConfig(process.env));
    const inboxId = String((await admin.call('GET', '/api/v1/inboxes')).body?.items?.[0]?.id ?? newId());
    const { ticket } = await app.services.issueConnectTicket({
      accountId: admin.account.id, principal: { kind: 'visitor', contactId: newId(), inboxId }, origin,
    });

    // Act
    const visitor = await connectSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?ticket=${ticket}`, origin);
    await visitor.close();
    // A later change of the admin's own availability reaches the watcher after the visitor's records.
    await admin.call('PUT', '/api/v1/agents/me/availability', { availability: 'away' });
    await watcher.waitFor((f) => presenceOf(admin.agent.id)(f) && f.event.availability === 'away', 10_000);

    // Assess
    const presence = watcher.frames.filter((f) => f.type === 'event' && f.event.type === 'agent.presence');
    expect(presence.every((f) => f.event.agentId === admin.agent.id)).toBe(true);
  });
});
