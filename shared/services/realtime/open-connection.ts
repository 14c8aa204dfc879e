/**
 * Open a WebSocket connection — layer: services.
 *
 * Primary course:
 *  1. Record the connection with its principal (from the authorizer, never from the client).
 *  2. An agent is subscribed to its own `agent:<id>` topic (assignments, mentions, revocation).
 */
import type { Principal } from '../../domain/entities.js';
import { formatTopic } from '../../domain/topics.js';
import type { ConnectionRepository, SubscriptionRepository } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';
import { connectionExpiry } from './connection-lifetime.js';

/** Dependencies of {@link makeOpenConnection}. */
export interface OpenConnectionDeps {
  readonly connections: ConnectionRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly clock: Clock;
}

/** Creates the use case run on `$connect`. */
export function makeOpenConnection(deps: OpenConnectionDeps) {
  return async function openConnection(input: { accountId: string; connectionId: string; principal: Principal }): Promise<void> {
    const nowMs = deps.clock.nowMs();
    const expiresAtEpoch = connectionExpiry(nowMs);
    await deps.connections.put({
      accountId: input.accountId,
      connectionId: input.connectionId,
      principal: input.principal,
      connectedAt: new Date(nowMs).toISOString(),
      expiresAtEpoch,
    });
    if (input.principal.kind === 'agent') {
      const own = formatTopic({ kind: 'agent', id: input.principal.agentId });
      await deps.subscriptions.subscribe(input.accountId, input.connectionId, own, expiresAtEpoch);
    }
  };
}

/** Creates the use case run on `$disconnect`: forgets the connection and its subscriptions. */
export function makeCloseConnection(deps: Pick<OpenConnectionDeps, 'connections'>) {
  return async function closeConnection(input: { accountId: string; connectionId: string }): Promise<void> {
    await deps.connections.delete(input.accountId, input.connectionId);
  };
}
