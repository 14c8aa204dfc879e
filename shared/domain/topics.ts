/**
 * Realtime topics — layer: domain.
 *
 * A topic names a stream of events a WebSocket connection can subscribe to. Topics are always
 * scoped to the connection's account (the account is never part of the topic string a client
 * sends), so a client cannot name another tenant's topic.
 */

/** The topic kinds and the id each carries. */
export const topicKinds = ['conversation', 'inbox', 'agent', 'account'] as const;
export type TopicKind = (typeof topicKinds)[number];

/** A parsed topic. `account` has no id: it is the caller's own account. */
export type Topic =
  | { readonly kind: 'conversation'; readonly id: string }
  | { readonly kind: 'inbox'; readonly id: string }
  | { readonly kind: 'agent'; readonly id: string }
  | { readonly kind: 'account' };

const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Parses `conversation:<ulid>`, `inbox:<ulid>`, `agent:<ulid>` or `account`.
 * Returns undefined for anything else.
 */
export function parseTopic(value: string): Topic | undefined {
  if (value === 'account') return { kind: 'account' };
  const [kind, id, ...rest] = value.split(':');
  if (rest.length > 0 || id === undefined || !ID.test(id)) return undefined;
  if (kind === 'conversation' || kind === 'inbox' || kind === 'agent') return { kind, id };
  return undefined;
}

/** The canonical string of a topic (the inverse of {@link parseTopic}). */
export function formatTopic(topic: Topic): string {
  return topic.kind === 'account' ? 'account' : `${topic.kind}:${topic.id}`;
}
