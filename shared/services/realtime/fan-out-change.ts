/**
 * Fan a change out to subscribed connections — layer: services.
 *
 * Primary course:
 *  1. Work out the deliveries of the change (domain: which topics, which audience's view).
 *  2. For each delivery, list the topic's subscribers (tenant-first key: only this account's).
 *  3. Send each connection an `event` frame — once per change, even if it follows several of
 *     the topics (e.g. a conversation and its inbox).
 *  4. A connection that answers 410 Gone is deleted with its subscriptions.
 * A failure to reach DynamoDB or the management API throws, so the stream record is retried.
 */
import type { EntityChange } from '../../domain/changes.js';
import { clientTopic, deliveriesFor } from '../../domain/realtime-events.js';
import type { ConnectionRepository, SubscriptionRepository } from '../../ports/repositories.js';
import type { RealtimePublisher } from '../../ports/realtime.js';

/** Dependencies of {@link makeFanOutChange}. */
export interface FanOutChangeDeps {
  readonly subscriptions: SubscriptionRepository;
  readonly connections: ConnectionRepository;
  readonly publisher: RealtimePublisher;
}

/** What one fan-out did, for logs and metrics. */
export interface FanOutResult {
  readonly sent: number;
  readonly gone: number;
}

/** Creates the use case run by `realtime-fanout` for each stream record. */
export function makeFanOutChange(deps: FanOutChangeDeps) {
  return async function fanOutChange(change: EntityChange): Promise<FanOutResult> {
    const reached = new Set<string>();
    let sent = 0;
    let gone = 0;
    for (const delivery of deliveriesFor(change)) {
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
