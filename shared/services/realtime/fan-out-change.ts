/**
 * Fan a change out to subscribed connections — layer: services.
 *
 * Primary course:
 *  1. Work out the deliveries of the change (domain: which topics, which audience's view).
 *  2. For each delivery, list the topic's subscribers (tenant-first key: only this account's).
 *  3. Send each connection an `event` frame — once per change, even if it follows several of
 *     the topics (e.g. a conversation and its inbox).
 *  4. A connection that answers 410 Gone is deleted with its subscriptions.
 * Presence (an agent's connection opened or closed, or its availability changed): read the
 * agent's connections (online = at least one left) and, for a connection change, the agent's
 * availability, then send `agent.presence` to the account topic the same way. A deleted agent
 * gets no event. Visitors' connections have no presence.
 * A failure to reach DynamoDB or the management API throws, so the stream record is retried.
 */
import type { RealtimeEventPayload } from '../../contracts/websocket.js';
import type { EntityChange } from '../../domain/changes.js';
import { isOnlineAfter, presenceChangeOf, presenceDelivery } from '../../domain/presence.js';
import { clientTopic, deliveriesFor, knowledgeSourceDeliveries, notificationDeliveries } from '../../domain/realtime-events.js';
import type { AgentRepository, ConnectionRepository, SubscriptionRepository } from '../../ports/repositories.js';
import type { RealtimePublisher } from '../../ports/realtime.js';
import type { Clock } from '../../ports/system.js';

/** Dependencies of {@link makeFanOutChange}. */
export interface FanOutChangeDeps {
  readonly subscriptions: SubscriptionRepository;
  readonly connections: ConnectionRepository;
  readonly publisher: RealtimePublisher;
  /** Reads an agent's availability for presence events. */
  readonly agents: Pick<AgentRepository, 'get'>;
  /** Tells expired connections (still listed until TTL removes them) from open ones. */
  readonly clock: Clock;
}

/** What one fan-out did, for logs and metrics. */
export interface FanOutResult {
  readonly sent: number;
  readonly gone: number;
}

/** Creates the use case run by `realtime-fanout` for each stream record. */
export function makeFanOutChange(deps: FanOutChangeDeps) {
  interface Outgoing {
    readonly accountId: string;
    readonly topic: string;
    readonly event: RealtimeEventPayload;
  }

  /** The presence delivery of a change, or none (see shared/domain/presence.ts). */
  async function presenceDeliveries(change: EntityChange): Promise<Outgoing[]> {
    const presence = presenceChangeOf(change);
    if (!presence) return [];
    const { accountId, agentId } = presence;
    let availability = presence.availability;
    if (availability === undefined) {
      const agent = await deps.agents.get(accountId, agentId);
      if (!agent) return [];
      availability = agent.availability ?? 'online';
    }
    const listed = await deps.connections.listByAgent(accountId, agentId);
    const online = isOnlineAfter(listed, presence, Math.floor(deps.clock.nowMs() / 1000));
    return [presenceDelivery(accountId, agentId, online, availability)];
  }

  return async function fanOutChange(change: EntityChange): Promise<FanOutResult> {
    const reached = new Set<string>();
    let sent = 0;
    let gone = 0;
    const deliveries: Outgoing[] = [...deliveriesFor(change), ...knowledgeSourceDeliveries(change), ...notificationDeliveries(change), ...await presenceDeliveries(change)];
    for (const delivery of deliveries) {
      const subscribers = await deps.subscriptions.listSubscribers(delivery.accountId, delivery.topic);
      for (const connectionId of subscribers) {
        if (reached.has(connectionId)) continue;
        reached.add(connectionId);
        const outcome = await deps.publisher.send(connectionId, { type: 'event', topic: clientTopic(delivery.topic), event: delivery.event });
        if (outcome === 'gone') {
          gone += 1;
          await deps.connections.delete(delivery.accountId, connectionId);
        } else {
          sent += 1;
        }
      }
    }
    return { sent, gone };
  };
}
