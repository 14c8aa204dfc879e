/**
 * The message stream's bookkeeping — pure, no DOM.
 *
 * Messages reach the dashboard three ways (a page fetch, a catch-up fetch after a reconnect,
 * a WebSocket event), possibly twice and out of order. The stream is therefore always rebuilt
 * as: deduplicated by id, ordered by the conversation sequence number, and a message's status
 * never moves backwards (a late `sent` update must not undo `read`).
 */

/** The fields the stream needs to order and deduplicate a message. */
export interface SequencedMessage {
  readonly id: string;
  readonly seq: number;
  readonly createdAt: string;
  readonly status?: string;
}

const statusRank: Readonly<Record<string, number>> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/** Orders two messages by sequence number, then time, then id (ULIDs sort by time). */
export function compareMessages(a: SequencedMessage, b: SequencedMessage): number {
  if (a.seq !== b.seq) return a.seq - b.seq;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function newer<M extends SequencedMessage>(current: M, incoming: M): M {
  // `failed` is final and always wins; otherwise keep the more advanced delivery status.
  if (incoming.status === 'failed') return incoming;
  const currentRank = statusRank[current.status ?? ''] ?? -1;
  const incomingRank = statusRank[incoming.status ?? ''] ?? -1;
  if (current.status === 'failed' || incomingRank < currentRank) return { ...incoming, status: current.status };
  return incoming;
}

/**
 * Merges new messages into a stream: one entry per id, ordered by `seq`.
 *
 * @example
 * mergeMessages([a1, b2], [b2read, c3]) // → [a1, b2read, c3]
 */
export function mergeMessages<M extends SequencedMessage>(existing: readonly M[], incoming: readonly M[]): M[] {
  if (incoming.length === 0) return existing as M[];
  const byId = new Map<string, M>();
  for (const message of existing) byId.set(message.id, message);
  for (const message of incoming) {
    const current = byId.get(message.id);
    byId.set(message.id, current ? newer(current, message) : message);
  }
  return [...byId.values()].sort(compareMessages);
}

/** The highest sequence number seen in a stream (0 when empty): the `afterSeq` of a catch-up. */
export function lastSeq(messages: readonly SequencedMessage[]): number {
  let highest = 0;
  for (const message of messages) if (message.seq > highest) highest = message.seq;
  return highest;
}
