/**
 * In-memory ports of the conversation core, for unit tests of shared/services/conversations.
 * They mirror the DynamoDB adapters' contracts (conditional creates, seq bumps, preconditions,
 * first-claim-wins) and the tenant-first rule: every lookup is keyed by account first.
 */
import { makeKeyRing } from '../../shared/adapters/crypto/key-ring.js';
import { lastMessagePreview, wakeBucket } from '../../shared/domain/conversation-rules.js';
import type { Account, Agent, Contact, ContactIdentity, Conversation, Inbox, Message, Team } from '../../shared/domain/entities.js';
import type { KeyRing } from '../../shared/ports/key-ring.js';
import type {
  AccountRepository, AgentRepository, AssignmentStateRepository, ClientMessageClaim, ClientMessageIdRepository, ContactRepository,
  ConversationFilter, ConversationRepository, InboxRepository, MessageRepository, TeamRepository, WakeUp, WakeUpRepository,
} from '../../shared/ports/repositories.js';
import type { ConversationDeps } from '../../shared/services/conversations/deps.js';
import { fixedClock, memoryConnections, sequentialIds } from './in-memory-ports.js';

const key = (...parts: string[]) => parts.join('|');

/** The real key ring over a fixed test secret (pure crypto, no SDK), so unit tests sign as production does. */
export function memoryKeyRing(secret = 'test-secret'): KeyRing {
  return makeKeyRing(async () => Buffer.from(secret));
}

function matches(c: Conversation, accountId: string, filter: ConversationFilter): boolean {
  if (c.accountId !== accountId || c.status !== filter.status) return false;
  if (filter.assigneeId === null && c.assigneeId !== undefined) return false;
  if (typeof filter.assigneeId === 'string' && c.assigneeId !== filter.assigneeId) return false;
  if (filter.inboxId !== undefined && c.inboxId !== filter.inboxId) return false;
  if (filter.teamId !== undefined && c.teamId !== filter.teamId) return false;
  if (filter.handledBy !== undefined && c.handledBy !== filter.handledBy) return false;
  return true;
}

const activityKey = (c: Conversation) => `${c.lastActivityAt}#${c.id}`;

/** Every port the conversation services use, over shared maps, plus the clock and ids. */
export function memoryConversationPorts() {
  const clock = fixedClock();
  const ids = sequentialIds();
  const accountsMap = new Map<string, Account>();
  const agentsMap = new Map<string, Agent>();
  const inboxesMap = new Map<string, Inbox>();
  const contactsMap = new Map<string, Contact>();
  const identitiesMap = new Map<string, ContactIdentity>();
  const conversationsMap = new Map<string, Conversation>();
  const messagesMap = new Map<string, Message>();
  const teamsMap = new Map<string, Team>();
  const claims = new Map<string, ClientMessageClaim>();
  const pointers = new Map<string, string>();
  const wakeUpsMap = new Map<string, WakeUp>();
  const wakeCursors = new Map<string, string>();

  const accounts: AccountRepository = {
    async create(a) {
      accountsMap.set(a.id, a);
    },
    async get(id) {
      return accountsMap.get(id);
    },
  } as AccountRepository;

  const agents = {
    async create(a: Agent) {
      agentsMap.set(key(a.accountId, a.id), a);
    },
    async get(accountId: string, id: string) {
      return agentsMap.get(key(accountId, id));
    },
    async list(accountId: string) {
      return [...agentsMap.values()].filter((a) => a.accountId === accountId);
    },
    async findByEmail(email: string) {
      return [...agentsMap.values()].find((a) => a.email === email);
    },
  } as unknown as AgentRepository;

  const inboxes = {
    async create(i: Inbox) {
      inboxesMap.set(key(i.accountId, i.id), i);
    },
    async get(accountId: string, id: string) {
      return inboxesMap.get(key(accountId, id));
    },
    async list(accountId: string) {
      return [...inboxesMap.values()].filter((i) => i.accountId === accountId);
    },
  } as unknown as InboxRepository;

  const contacts: ContactRepository = {
    async create(c) {
      contactsMap.set(key(c.accountId, c.id), c);
    },
    async get(accountId, id) {
      return contactsMap.get(key(accountId, id));
    },
    async linkIdentity(identity) {
      const k = key(identity.accountId, identity.channel, identity.externalId);
      const existing = identitiesMap.get(k);
      if (existing) return existing;
      identitiesMap.set(k, identity);
      return identity;
    },
    async findByIdentity(accountId, channel, externalId) {
      return identitiesMap.get(key(accountId, channel, externalId));
    },
    async listIdentities(accountId, contactId) {
      return [...identitiesMap.values()].filter((i) => i.accountId === accountId && i.contactId === contactId);
    },
  };

  function page(items: Conversation[], limit: number, startKey: Record<string, unknown> | undefined) {
    const after = typeof startKey?.sk === 'string' ? startKey.sk : undefined;
    const rest = items.filter((c) => after === undefined || activityKey(c) < after);
    const slice = rest.slice(0, limit);
    const last = slice[slice.length - 1];
    return { items: slice, ...(rest.length > limit && last ? { nextKey: { sk: activityKey(last) } } : {}) };
  }

  const conversations: ConversationRepository = {
    async create(c) {
      const k = key(c.accountId, c.id);
      if (conversationsMap.has(k)) throw Object.assign(new Error('exists'), { name: 'ItemAlreadyExistsError' });
      conversationsMap.set(k, c);
    },
    async get(accountId, id) {
      return conversationsMap.get(key(accountId, id));
    },
    async listByStatus(accountId, status, request) {
      return conversations.list(accountId, { status }, request);
    },
    async listByContact(accountId, contactId, request) {
      const all = [...conversationsMap.values()]
        .filter((c) => c.accountId === accountId && c.contactId === contactId)
        .sort((a, b) => (a.createdAt + a.id < b.createdAt + b.id ? 1 : -1));
      const after = typeof request.startKey?.id === 'string' ? request.startKey.id : undefined;
      const rest = after === undefined ? all : all.slice(all.findIndex((c) => c.id === after) + 1);
      const slice = rest.slice(0, request.limit);
      const last = slice[slice.length - 1];
      return { items: slice, ...(rest.length > request.limit && last ? { nextKey: { id: last.id } } : {}) };
    },
    async setStatus(accountId, id, status, at) {
      return conversations.update(accountId, id, { status }, { at });
    },
    async update(accountId, id, changes, options) {
      const k = key(accountId, id);
      const current = conversationsMap.get(k);
      if (!current) return undefined;
      if (options.ifStatus !== undefined && current.status !== options.ifStatus) return undefined;
      if (options.ifSnoozedUntil !== undefined && current.snoozedUntil !== options.ifSnoozedUntil) return undefined;
      const next: Record<string, unknown> = { ...current, seq: current.seq + 1 };
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (value === null) delete next[field];
        else next[field] = value;
      }
      if (changes.status !== undefined) next.lastActivityAt = options.at;
      conversationsMap.set(k, next as unknown as Conversation);
      return next as unknown as Conversation;
    },
    async list(accountId, filter, request) {
      const all = [...conversationsMap.values()].filter((c) => matches(c, accountId, filter)).sort((a, b) => (activityKey(a) < activityKey(b) ? 1 : -1));
      return page(all, request.limit, request.startKey);
    },
    async count(accountId, filter) {
      return [...conversationsMap.values()].filter((c) => matches(c, accountId, filter)).length;
    },
  };

  const messages: MessageRepository = {
    async append(message) {
      const k = key(message.accountId, message.conversationId, message.id);
      const existing = messagesMap.get(k);
      const ck = key(message.accountId, message.conversationId);
      const conversation = conversationsMap.get(ck);
      if (!conversation) throw Object.assign(new Error('Conversation not found'), { name: 'ConversationNotFoundError' });
      const preview = lastMessagePreview(message);
      const bumped: Conversation = {
        ...conversation,
        seq: conversation.seq + 1,
        lastActivityAt: message.createdAt,
        unreadCount: conversation.unreadCount + (message.type === 'incoming' ? 1 : 0),
        ...(preview ? { lastMessage: preview } : {}),
      };
      conversationsMap.set(ck, bumped);
      if (existing) return existing;
      const stored: Message = { ...message, seq: bumped.seq };
      messagesMap.set(k, stored);
      return stored;
    },
    async get(accountId, conversationId, id) {
      return messagesMap.get(key(accountId, conversationId, id));
    },
    async list(accountId, conversationId, options) {
      const { afterId, beforeId } = options;
      const newestFirst = options.newestFirst ?? (beforeId !== undefined && afterId === undefined);
      const all = [...messagesMap.values()]
        .filter((m) => m.accountId === accountId && m.conversationId === conversationId)
        .filter((m) => (afterId === undefined || m.id > afterId) && (beforeId === undefined || m.id < beforeId))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      if (newestFirst) all.reverse();
      return all.slice(0, options.limit);
    },
    async markRead(accountId, conversationId, id, at) {
      const k = key(accountId, conversationId, id);
      const current = messagesMap.get(k);
      if (!current || current.status === 'read') return undefined;
      const next: Message = { ...current, status: 'read', readAt: at };
      messagesMap.set(k, next);
      return next;
    },
  };

  const teams: TeamRepository = {
    async create(t) {
      teamsMap.set(key(t.accountId, t.id), t);
    },
    async get(accountId, id) {
      return teamsMap.get(key(accountId, id));
    },
    async list(accountId) {
      return [...teamsMap.values()].filter((t) => t.accountId === accountId);
    },
  };

  const clientMessageIds: ClientMessageIdRepository = {
    async claim(accountId, scope, clientMessageId, claim) {
      const k = key(accountId, scope, clientMessageId);
      const existing = claims.get(k);
      if (existing) return { claimed: false, claim: existing };
      claims.set(k, claim);
      return { claimed: true, claim };
    },
  };

  const assignmentState: AssignmentStateRepository = {
    async lastAssigned(accountId) {
      return pointers.get(accountId);
    },
    async recordAssigned(accountId, agentId) {
      pointers.set(accountId, agentId);
    },
  };

  const wakeKey = (w: WakeUp) => key(wakeBucket(w.at), w.at, w.accountId, w.conversationId);
  const wakeUps: WakeUpRepository = {
    async schedule(w) {
      wakeUpsMap.set(wakeKey(w), w);
    },
    async listDue(bucket, now) {
      return [...wakeUpsMap.values()].filter((w) => wakeBucket(w.at) === bucket && w.at <= now);
    },
    async remove(w) {
      wakeUpsMap.delete(wakeKey(w));
    },
    async cursor(name) {
      return wakeCursors.get(name);
    },
    async setCursor(name, bucket) {
      const current = wakeCursors.get(name);
      if (current === undefined || current < bucket) wakeCursors.set(name, bucket);
    },
  };

  const { connections } = memoryConnections();
  const deps: ConversationDeps = {
    accounts, agents, inboxes, contacts, conversations, messages, connections, teams, clientMessageIds, assignmentState, wakeUps,
    clock, ids, keys: memoryKeyRing(),
  };
  return { deps, clock, ids, pending: () => [...wakeUpsMap.values()] };
}
