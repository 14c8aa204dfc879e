/**
 * The chat window's message list, as pure functions: merge what arrives from HTTP pages,
 * catch-up fetches and realtime events into one list, without duplicates, ordered by the
 * conversation's sequence number.
 */

/** A message as the widget API and the realtime events give it (the public view). */
export interface ChatMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly type: string;
  readonly status: string;
  readonly authorType: string;
  readonly authorName?: string;
  /** The visitor's own messages echo the id the widget sent them with. */
  readonly clientMessageId?: string;
  readonly body: string;
  readonly attachments?: readonly { readonly id: string; readonly fileName: string; readonly contentType: string; readonly size: number; readonly url?: string }[];
  /** The knowledge an AI answer relied on (bot messages only). */
  readonly citations?: readonly { readonly title: string; readonly url?: string }[];
  readonly createdAt: string;
}

/** A message the visitor sent that the server has not acknowledged yet (or refused). */
export interface PendingMessage {
  readonly clientMessageId: string;
  readonly body: string;
  readonly attachmentNames: readonly string[];
  readonly state: 'sending' | 'failed';
  readonly error?: string;
  readonly attachmentIds?: readonly string[];
}

const statusRank: Readonly<Record<string, number>> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

function newer(existing: ChatMessage, incoming: ChatMessage): ChatMessage {
  // A stale page (fetched before a read receipt) must not move a status back.
  const rank = (m: ChatMessage) => statusRank[m.status] ?? 0;
  const status = rank(incoming) >= rank(existing) ? incoming.status : existing.status;
  // Realtime events carry no download links; keep the ones an HTTP answer gave.
  const signed = (m: ChatMessage) => m.attachments?.some((a) => a.url) === true;
  const attachments = !signed(incoming) && signed(existing) ? existing.attachments : incoming.attachments;
  return { ...incoming, status, ...(attachments ? { attachments } : {}) };
}

/**
 * Merges messages into the list: one entry per id (the most advanced status wins), ordered by
 * seq (ties by id, which is time-ordered).
 *
 * @example
 * mergeMessages([m2], [m1, m2]) // → [m1, m2]
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) {
    const existing = byId.get(message.id);
    byId.set(message.id, existing ? newer(existing, message) : message);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The highest seq seen (0 when none): the catch-up baseline after a reconnect. */
export function lastSeq(messages: readonly ChatMessage[], floor = 0): number {
  return messages.reduce((max, m) => Math.max(max, m.seq), floor);
}

/** Who wrote a message, as the chat window groups it. */
export function authorOf(message: ChatMessage): 'contact' | 'agent' | 'bot' | 'system' {
  if (message.type === 'activity' || message.authorType === 'system') return 'system';
  if (message.authorType === 'contact') return 'contact';
  return message.authorType === 'bot' ? 'bot' : 'agent';
}

/** Replies from the team the visitor has not read yet. */
export function unreadReplies(messages: readonly ChatMessage[]): number {
  return messages.filter((m) => (authorOf(m) === 'agent' || authorOf(m) === 'bot') && m.status !== 'read').length;
}

/** The id of the visitor's last message, when the team has read it (the "Read" marker). */
export function readMarkerId(messages: readonly ChatMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (authorOf(m) === 'contact') return m.status === 'read' ? m.id : undefined;
  }
  return undefined;
}

/**
 * Drops pending messages the server has now confirmed, whether the acknowledgement or the
 * realtime echo arrives first: matched by client message id (by body, oldest first, for a
 * message that carries none).
 */
export function withoutConfirmed(pending: readonly PendingMessage[], confirmed: readonly ChatMessage[], seenIds: ReadonlySet<string>): PendingMessage[] {
  const left = [...pending];
  for (const message of confirmed) {
    if (authorOf(message) !== 'contact') continue;
    let index = message.clientMessageId ? left.findIndex((p) => p.clientMessageId === message.clientMessageId) : -1;
    if (index < 0 && !message.clientMessageId && !seenIds.has(message.id)) index = left.findIndex((p) => p.state === 'sending' && p.body === message.body);
    if (index >= 0) left.splice(index, 1);
  }
  return left;
}

/** A client message id: time-ordered, random enough to never collide for one visitor. */
export function newClientMessageId(now = Date.now(), random = Math.random): string {
  return `c${now.toString(36)}${Math.floor(random() * 2 ** 40).toString(36)}`;
}

/**
 * Delay before the n-th reconnect attempt (0-based): exponential from 1 s, capped at 8 s (a chat
 * must come back quickly once the network does), with jitter so clients do not reconnect in step.
 */
export function reconnectDelay(attempt: number, random = Math.random): number {
  const base = Math.min(8_000, 1000 * 2 ** Math.min(attempt, 10));
  return Math.round(base / 2 + (random() * base) / 2);
}
