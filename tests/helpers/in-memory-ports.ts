/**
 * In-memory ports for unit tests of services (STYLE.md: services are tested over in-memory
 * ports, never by spying on modules). They keep the tenant-first rule: every map is keyed by
 * account first, so cross-tenant lookups miss exactly as they do in DynamoDB.
 */
import type { ConnectTicket, Connection, Conversation, Inbox } from '../../shared/domain/entities.js';
import type {
  ConnectionRepository, ConversationRepository, InboxRepository, SubscriptionRepository, TicketRepository,
} from '../../shared/ports/repositories.js';
import type { RealtimePublisher, SendResult } from '../../shared/ports/realtime.js';
import type { Clock, Ids } from '../../shared/ports/system.js';

const key = (...parts: string[]) => parts.join('|');

/** A clock that only moves when told to. */
export function fixedClock(startIso = '2026-11-23T10:00:00.000Z') {
  let now = Date.parse(startIso);
  const clock: Clock & { advance(ms: number): void } = {
    nowMs: () => now,
    nowIso: () => new Date(now).toISOString(),
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
}

/** Deterministic ids: ULID-shaped counters and predictable secrets. */
export function sequentialIds(): Ids {
  let n = 0;
  return {
    next: () => `01JTEST${String(++n).padStart(19, '0')}`,
    secretToken: () => `secret-${String(++n).padStart(24, '0')}`,
  };
}

/** Tickets kept in a map; `consume` deletes, as the conditional DeleteItem does. */
export function memoryTickets(): TicketRepository & { size(): number } {
  const items = new Map<string, ConnectTicket>();
  return {
    async create(ticket) {
      items.set(key(ticket.accountId, ticket.tokenHash), ticket);
    },
    async consume(accountId, tokenHash, now) {
      const k = key(accountId, tokenHash);
      const ticket = items.get(k);
      if (!ticket || ticket.expiresAt <= now) return undefined;
      items.delete(k);
      return ticket;
    },
    size: () => items.size,
  };
}

/** Connections and subscriptions sharing one store, like the single table. */
export function memoryConnections() {
  const connections = new Map<string, Connection>();
  const subs = new Map<string, Set<string>>();
  const connectionRepo: ConnectionRepository = {
    async put(c) {
      connections.set(key(c.accountId, c.connectionId), c);
    },
    async get(accountId, connectionId) {
      return connections.get(key(accountId, connectionId));
    },
    async delete(accountId, connectionId) {
      connections.delete(key(accountId, connectionId));
      for (const [topicKey, ids] of subs) if (topicKey.startsWith(`${accountId}|`)) ids.delete(connectionId);
    },
    async listByAgent(accountId, agentId) {
      return [...connections.values()].filter((c) => c.accountId === accountId && c.principal.kind === 'agent' && c.principal.agentId === agentId);
    },
  };
  const subscriptionRepo: SubscriptionRepository = {
    async subscribe(accountId, connectionId, topic) {
      const k = key(accountId, topic);
      subs.set(k, (subs.get(k) ?? new Set()).add(connectionId));
    },
    async unsubscribe(accountId, connectionId, topic) {
      subs.get(key(accountId, topic))?.delete(connectionId);
    },
    async listSubscribers(accountId, topic) {
      return [...(subs.get(key(accountId, topic)) ?? [])];
    },
    async listTopics(accountId, connectionId) {
      return [...subs].filter(([k, ids]) => k.startsWith(`${accountId}|`) && ids.has(connectionId)).map(([k]) => k.split('|')[1]!);
    },
  };
  return { connections: connectionRepo, subscriptions: subscriptionRepo };
}

/** Conversations and inboxes readable by id; only `get` is needed by the realtime services. */
export function memoryCatalog(seed: { conversations?: Conversation[]; inboxes?: Inbox[] }) {
  const unsupported = () => Promise.reject(new Error('not used by the realtime services'));
  const conversations: ConversationRepository = {
    create: unsupported,
    listByStatus: unsupported,
    listByContact: unsupported,
    setStatus: unsupported,
    update: unsupported,
    list: unsupported,
    count: unsupported,
    async get(accountId, id) {
      return seed.conversations?.find((c) => c.accountId === accountId && c.id === id);
    },
  };
  const inboxes: InboxRepository = {
    create: unsupported,
    list: unsupported,
    findByWidgetToken: unsupported,
    ensureWidgetSecret: unsupported,
    setWidgetSettings: unsupported,
    rotateWidgetSecret: unsupported,
    async get(accountId, id) {
      return seed.inboxes?.find((i) => i.accountId === accountId && i.id === id);
    },
  };
  return { conversations, inboxes };
}

/** A publisher that records frames; connections listed in `gone` answer 410. */
export function recordingPublisher(gone: Iterable<string> = []) {
  const goneSet = new Set(gone);
  const sent: { connectionId: string; frame: any }[] = [];
  const publisher: RealtimePublisher & { sent: typeof sent } = {
    sent,
    async send(connectionId, frame): Promise<SendResult> {
      if (goneSet.has(connectionId)) return 'gone';
      sent.push({ connectionId, frame });
      return 'sent';
    },
    async disconnect(connectionId) {
      goneSet.add(connectionId);
    },
  };
  return publisher;
}
