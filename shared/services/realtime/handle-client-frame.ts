/**
 * Handle a frame from a WebSocket client — layer: services.
 *
 * Primary course:
 *  1. Bound and parse the frame (≤ 32 KB, JSON depth ≤ 32), validate it against the contract.
 *  2. subscribe → authorize each topic for the principal, store the granted ones, answer
 *     `subscribed` with each conversation's current seq (the client's catch-up baseline) and
 *     the refused topics; unsubscribe → forget them; ping → pong.
 *  3. typing → authorize the conversation for the principal (as a subscribe would), then send a
 *     `typing` event with the conversation's current seq to the subscribers of the OTHER
 *     audience (a visitor's typing to the agents' `conversation:<id>`, an agent's to
 *     `public:conversation:<id>`). Not stored; nothing is answered to the sender unless refused.
 *  4. A bad frame is answered with an `error` frame, never a crash or a dropped connection.
 */
import { ClientFrame, maxClientFrameBytes, type ServerFrame } from '../../contracts/websocket.js';
import { parseBoundedJson } from '../../contracts/safe-json.js';
import type { Principal } from '../../domain/entities.js';
import { audienceTopic } from '../../domain/realtime-events.js';
import { formatTopic, parseTopic } from '../../domain/topics.js';
import type { AgentRepository, SubscriptionRepository } from '../../ports/repositories.js';
import type { RealtimePublisher } from '../../ports/realtime.js';
import type { Clock } from '../../ports/system.js';
import type { makeAuthorizeTopic } from './authorize-topic.js';
import { connectionExpiry } from './connection-lifetime.js';

/** Dependencies of {@link makeHandleClientFrame}. */
export interface HandleClientFrameDeps {
  readonly subscriptions: SubscriptionRepository;
  readonly publisher: RealtimePublisher;
  readonly clock: Clock;
  readonly authorizeTopic: ReturnType<typeof makeAuthorizeTopic>;
  /** Names the agent in agents' typing events shown to customers; without it, no name is sent. */
  readonly agents?: Pick<AgentRepository, 'get'>;
}

/** The connection a frame arrived on, as the authorizer established it. */
export interface FrameOrigin {
  readonly accountId: string;
  readonly connectionId: string;
  readonly principal: Principal;
  /** When the connection was opened (ms), for the subscription TTL. */
  readonly connectedAtMs: number;
}

/** Creates the use case run on `$default`. Returns the frame it answered with (none for typing). */
export function makeHandleClientFrame(deps: HandleClientFrameDeps) {
  async function reply(connectionId: string, frame: ServerFrame): Promise<ServerFrame> {
    await deps.publisher.send(connectionId, frame);
    return frame;
  }

  async function relayTyping(origin: FrameOrigin, conversationId: string, typing: boolean, id: { id?: string }): Promise<ServerFrame | undefined> {
    const topic = formatTopic({ kind: 'conversation', id: conversationId });
    const grant = await deps.authorizeTopic(origin.accountId, origin.principal, topic);
    if (!grant) return reply(origin.connectionId, { type: 'error', ...id, code: 'not_found', message: 'conversation not found' });
    const principal = origin.principal;
    let author: { author: 'visitor' } | { author: 'agent'; agentName?: string } = { author: 'visitor' };
    if (principal.kind === 'agent') {
      const agent = await deps.agents?.get(origin.accountId, principal.agentId);
      author = agent ? { author: 'agent', agentName: agent.name } : { author: 'agent' };
    }
    const target = audienceTopic(topic, principal.kind === 'visitor' ? 'agent' : 'visitor');
    const event = { type: 'typing', seq: grant.seq ?? 0, conversationId, ...author, typing };
    const subscribers = await deps.subscriptions.listSubscribers(origin.accountId, target);
    await Promise.all(subscribers
      .filter((connectionId) => connectionId !== origin.connectionId)
      .map((connectionId) => deps.publisher.send(connectionId, { type: 'event', topic, event } satisfies ServerFrame)));
    return undefined;
  }

  return async function handleClientFrame(origin: FrameOrigin, raw: string): Promise<ServerFrame | undefined> {
    const json = parseBoundedJson(raw, maxClientFrameBytes);
    if (!json.ok) return reply(origin.connectionId, { type: 'error', code: json.reason, message: json.message });
    const parsed = ClientFrame.safeParse(json.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return reply(origin.connectionId, { type: 'error', code: 'bad_frame', message: `${where}${issue?.message ?? 'invalid frame'}` });
    }
    const frame = parsed.data;
    const id = frame.id === undefined ? {} : { id: frame.id };
    switch (frame.action) {
      case 'ping':
        return reply(origin.connectionId, { type: 'pong', ...id, at: deps.clock.nowIso() });
      case 'subscribe': {
        const expiresAtEpoch = connectionExpiry(origin.connectedAtMs);
        const granted = [];
        const refused = [];
        for (const requested of new Set(frame.topics)) {
          const grant = await deps.authorizeTopic(origin.accountId, origin.principal, requested);
          if (!grant) {
            refused.push(requested);
            continue;
          }
          await deps.subscriptions.subscribe(origin.accountId, origin.connectionId, grant.stored, expiresAtEpoch);
          granted.push(grant.seq === undefined ? { topic: requested } : { topic: requested, seq: grant.seq });
        }
        return reply(origin.connectionId, { type: 'subscribed', ...id, topics: granted, refused });
      }
      case 'unsubscribe': {
        const audience = origin.principal.kind === 'visitor' ? 'visitor' : 'agent';
        const removed = [];
        for (const requested of new Set(frame.topics)) {
          const topic = parseTopic(requested);
          if (!topic) continue;
          await deps.subscriptions.unsubscribe(origin.accountId, origin.connectionId, audienceTopic(formatTopic(topic), audience));
          removed.push(requested);
        }
        return reply(origin.connectionId, { type: 'unsubscribed', ...id, topics: removed });
      }
      case 'typing':
        return relayTyping(origin, frame.conversationId, frame.typing, id);
    }
  };
}
