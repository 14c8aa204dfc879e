/**
 * Agents' presence — layer: domain.
 *
 * An agent is online while it has at least one open WebSocket connection, and separately says
 * whether it takes new conversations (`availability`). Both are shown live on the dashboard:
 * a change of an agent's connections (the Connection items) or of its availability (the Agent
 * item) becomes an `agent.presence` event on the account's `account` topic. Visitors'
 * connections are not presence. The event names the agent and its state only — never its
 * email, password hash or MFA state (the stream decoder does not even pass them on).
 */
import type { EntityChange } from './changes.js';
import type { AgentAvailability, Connection } from './entities.js';
import { formatTopic } from './topics.js';

/** The `agent.presence` event. Presence is not part of a conversation, so its `seq` is 0. */
export type AgentPresenceEvent = {
  readonly type: 'agent.presence';
  readonly seq: 0;
  readonly agentId: string;
  readonly online: boolean;
  readonly availability: AgentAvailability;
};

/**
 * What a change says about one agent's presence: whose, the availability when the change
 * carries it (an Agent change), and which connection appeared or went (a Connection change).
 */
export interface PresenceChange {
  readonly accountId: string;
  readonly agentId: string;
  readonly availability?: AgentAvailability;
  readonly connection?: { readonly connectionId: string; readonly open: boolean };
}

/**
 * The presence side of a change, or undefined when it has none: an agent's connection opened
 * (INSERT) or closed (REMOVE, also by TTL), or an agent's availability changed. Visitors'
 * connections, new or deleted agents and agent updates that leave availability alone have none.
 *
 * @example
 * presenceChangeOf({ entity: 'Connection', kind: 'INSERT', next: agentConnection })
 * // → { accountId, agentId, connection: { connectionId, open: true } }
 */
export function presenceChangeOf(change: EntityChange): PresenceChange | undefined {
  if (change.entity === 'Connection') {
    if (change.kind === 'MODIFY') return undefined;
    const connection = change.kind === 'INSERT' ? change.next : change.previous;
    if (!connection || connection.principal.kind !== 'agent') return undefined;
    return {
      accountId: connection.accountId,
      agentId: connection.principal.agentId,
      connection: { connectionId: connection.connectionId, open: change.kind === 'INSERT' },
    };
  }
  if (change.entity === 'Agent') {
    const { next, previous } = change;
    if (change.kind !== 'MODIFY' || !next || !previous || next.availability === previous.availability) return undefined;
    return { accountId: next.accountId, agentId: next.agentId, availability: next.availability };
  }
  return undefined;
}

/**
 * Whether the agent is online after the change: it has a connection that has not expired,
 * counting the connection the change opened and not the one it closed (the listing comes from
 * an index that may lag the change behind).
 */
export function isOnlineAfter(listed: readonly Connection[], change: PresenceChange, nowEpochSeconds: number): boolean {
  const open = new Set(listed.filter((c) => c.expiresAtEpoch > nowEpochSeconds).map((c) => c.connectionId));
  if (change.connection?.open === true) open.add(change.connection.connectionId);
  if (change.connection?.open === false) open.delete(change.connection.connectionId);
  return open.size > 0;
}

/** The event, for the subscribers of the agent's account topic. */
export function presenceDelivery(accountId: string, agentId: string, online: boolean, availability: AgentAvailability) {
  const event: AgentPresenceEvent = { type: 'agent.presence', seq: 0, agentId, online, availability };
  return { accountId, topic: formatTopic({ kind: 'account' }), event } as const;
}
