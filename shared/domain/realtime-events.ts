/**
 * Realtime events — layer: domain.
 *
 * Turns an entity change into the events pushed to subscribed connections, and decides which
 * audience sees what. Two audiences share a conversation: agents see everything; the customer
 * (the `public:` topic a visitor's subscription is stored under) never sees private notes,
 * assignment, priority or other internal fields. Every event carries the conversation's
 * sequence number so a client can order events and detect that it missed some.
 */
import type { EntityChange } from './changes.js';
import type { AiAnswerMeta, Conversation, Message } from './entities.js';
import { nanoUsdToUsd } from './cost.js';
import { conversationView, type ConversationView } from './conversation-rules.js';
import { formatTopic } from './topics.js';
import { knowledgeSourceView } from './knowledge.js';

/** Prefix of the stored topic for the customer-facing audience of a conversation. */
export const publicTopicPrefix = 'public:';

/** The stored topic a subscription uses for a given audience. */
export function audienceTopic(topic: string, audience: 'agent' | 'visitor'): string {
  return audience === 'visitor' ? `${publicTopicPrefix}${topic}` : topic;
}

/** The topic name a client knows a stored topic by (the audience prefix removed). */
export function clientTopic(stored: string): string {
  return stored.startsWith(publicTopicPrefix) ? stored.slice(publicTopicPrefix.length) : stored;
}

/** One event for the subscribers of one stored topic of one account. */
export interface Delivery {
  readonly accountId: string;
  /** The stored topic (`conversation:<id>`, `public:conversation:<id>`, `inbox:<id>`, …). */
  readonly topic: string;
  readonly event: { readonly type: string; readonly seq: number; readonly conversationId: string } & Readonly<Record<string, unknown>>;
}

/** What agents see of an AI answer's meta: the cost in dollars (`costUsd`) instead of nano-dollars. */
export type AgentAiView = Omit<AiAnswerMeta, 'costNanoUsd'> & { readonly costUsd: number };

/** The agents' view of a message (everything but the tenant key; AI cost in dollars). */
export function agentMessageView(message: Message): Omit<Message, 'accountId' | 'ai'> & { readonly ai?: AgentAiView } {
  const { accountId: _accountId, ai, ...view } = message;
  if (!ai) return view;
  const { costNanoUsd, ...meta } = ai;
  return { ...view, ai: { ...meta, costUsd: nanoUsdToUsd(costNanoUsd) } };
}

/**
 * Whether the customer sees a message at all: their own and the replies they got, never private
 * notes or activity lines (assignment, status changes are the agents' business).
 */
export function isVisibleToCustomer(message: Pick<Message, 'type'>): boolean {
  return message.type === 'incoming' || message.type === 'outgoing';
}

/** What the customer may see of a message. */
export function publicMessageView(message: Message) {
  return {
    id: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    type: message.type,
    status: message.status,
    authorType: message.authorType,
    body: message.body,
    // Attachments without their storage key: the widget fetches files through the API.
    ...(message.attachments
      ? { attachments: message.attachments.map(({ id, fileName, contentType, size, url }) => ({ id, fileName, contentType, size, ...(url !== undefined ? { url } : {}) })) }
      : {}),
    ...(message.clientMessageId !== undefined && message.type === 'incoming' ? { clientMessageId: message.clientMessageId } : {}),
    ...(message.readAt !== undefined ? { readAt: message.readAt } : {}),
    // Bot answers: the sources it relied on (title and public link only; never the rest of `ai`).
    ...(message.authorType === 'bot' && message.ai ? { citations: message.ai.citations.map(({ title, url }) => ({ title, ...(url !== undefined ? { url } : {}) })) } : {}),
    createdAt: message.createdAt,
  } as const;
}

/**
 * The agents' view of a conversation: the same `ConversationView` the agents' API lists
 * (contact and last message included), so a dashboard replaces a list row with the event as is.
 */
export function agentConversationView(conversation: Conversation): ConversationView {
  return conversationView(conversation);
}

function conversationTopic(id: string): string {
  return formatTopic({ kind: 'conversation', id });
}

function messageDeliveries(kind: 'INSERT' | 'MODIFY', message: Message): Delivery[] {
  const type = kind === 'INSERT' ? 'message.created' : 'message.updated';
  const base = { accountId: message.accountId } as const;
  const agentEvent = { type, seq: message.seq, conversationId: message.conversationId, message: agentMessageView(message) };
  const deliveries: Delivery[] = [
    { ...base, topic: conversationTopic(message.conversationId), event: agentEvent },
    { ...base, topic: formatTopic({ kind: 'inbox', id: message.inboxId }), event: agentEvent },
  ];
  if (isVisibleToCustomer(message)) {
    deliveries.push({
      ...base,
      topic: audienceTopic(conversationTopic(message.conversationId), 'visitor'),
      event: { type, seq: message.seq, conversationId: message.conversationId, message: publicMessageView(message) },
    });
  }
  return deliveries;
}

function conversationDeliveries(conversation: Conversation, previous: Conversation | undefined): Delivery[] {
  const base = { accountId: conversation.accountId } as const;
  const agentEvent = {
    type: previous ? 'conversation.updated' : 'conversation.created',
    seq: conversation.seq,
    conversationId: conversation.id,
    conversation: agentConversationView(conversation),
  };
  const topics = new Set([
    conversationTopic(conversation.id),
    formatTopic({ kind: 'inbox', id: conversation.inboxId }),
    formatTopic({ kind: 'account' }),
  ]);
  for (const assignee of [conversation.assigneeId, previous?.assigneeId]) {
    if (assignee) topics.add(formatTopic({ kind: 'agent', id: assignee }));
  }
  const deliveries: Delivery[] = [...topics].map((topic) => ({ ...base, topic, event: agentEvent }));
  if (!previous || previous.status !== conversation.status) {
    deliveries.push({
      ...base,
      topic: audienceTopic(conversationTopic(conversation.id), 'visitor'),
      event: { type: 'conversation.status', seq: conversation.seq, conversationId: conversation.id, status: conversation.status },
    });
  }
  return deliveries;
}

/**
 * The deliveries one change causes. Removals and message writes that only bump the
 * conversation counter without visible change produce none.
 *
 * @example
 * deliveriesFor({ entity: 'Message', kind: 'INSERT', next: message })
 * // → message.created on conversation:<id>, inbox:<inboxId> and (unless a note) public:conversation:<id>
 */
export function deliveriesFor(change: EntityChange): Delivery[] {
  // Agent and Connection changes are presence, which needs a read (see presence.ts).
  if (change.entity === 'Agent' || change.entity === 'Connection') return [];
  // Knowledge sources are not conversation events: see knowledgeSourceDeliveries.
  if (change.entity === 'KnowledgeSource') return [];
  // Notifications are not conversation events: see notificationDeliveries.
  if (change.entity === 'Notification') return [];
  if (change.kind === 'REMOVE' || !change.next) return [];
  if (change.entity === 'Message') return messageDeliveries(change.kind, change.next);
  const { next, previous } = change;
  if (previous && !conversationVisiblyChanged(previous, next)) return [];
  return conversationDeliveries(next, previous);
}

/**
 * Appending a message bumps the conversation's seq, lastActivityAt and unread count; those
 * conversation updates still matter to the inbox list, so only a change to nothing but `seq`
 * is invisible.
 */
function conversationVisiblyChanged(previous: Conversation, next: Conversation): boolean {
  const keys = Object.keys({ ...previous, ...next }) as (keyof Conversation)[];
  return keys.some((key) => key !== 'seq' && previous[key] !== next[key]);
}

// --- KNOWLEDGE (H3) ---

/**
 * A knowledge source's change for the agents' dashboard, on the account topic: `knowledge.source`
 * `{ source }` (the agents' view: no tenant id, no storage key) when it is written — status and
 * indexing progress live — and `knowledge.source.deleted` `{ sourceId }` when it is deleted. Not
 * conversation events, so `seq` is 0 (like `agent.presence`).
 */
export function knowledgeSourceDeliveries(change: EntityChange): { readonly accountId: string; readonly topic: string; readonly event: { readonly type: string; readonly seq: 0 } & Readonly<Record<string, unknown>> }[] {
  if (change.entity !== 'KnowledgeSource') return [];
  const topic = formatTopic({ kind: 'account' });
  if (change.kind === 'REMOVE' || !change.next) {
    const gone = change.previous;
    return gone ? [{ accountId: gone.accountId, topic, event: { type: 'knowledge.source.deleted', seq: 0, sourceId: gone.id } }] : [];
  }
  return [{ accountId: change.next.accountId, topic, event: { type: 'knowledge.source', seq: 0, source: knowledgeSourceView(change.next) } }];
}

// --- NOTIFICATIONS (H5) ---

/**
 * A new notification for the agents' dashboard, on the account topic: `notification.created`
 * `{ notification }` (without the tenant id). Marking one read sends nothing. Not a conversation
 * event, so `seq` is 0 (like `agent.presence`).
 */
export function notificationDeliveries(change: EntityChange): { readonly accountId: string; readonly topic: string; readonly event: { readonly type: string; readonly seq: 0 } & Readonly<Record<string, unknown>> }[] {
  if (change.entity !== 'Notification' || change.kind !== 'INSERT' || !change.next) return [];
  const { accountId, ...notification } = change.next;
  return [{ accountId, topic: formatTopic({ kind: 'account' }), event: { type: 'notification.created', seq: 0, notification } }];
}
