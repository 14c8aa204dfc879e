/**
 * WebSocket frames — layer: contracts (zod schemas for the wire; types come from z.infer).
 *
 * Client → server frames arrive on the `$default` route; server → client frames are sent
 * through the API Gateway Management API. Frames are JSON objects under 32 KB (SECURITY.md §7).
 */
import * as z from 'zod/mini';

/** The largest client frame accepted, in bytes (API Gateway's own limit is 32 KB per frame). */
export const maxClientFrameBytes = 32 * 1024;

const topicList = z.array(z.string().check(z.maxLength(80))).check(z.minLength(1), z.maxLength(20));
const requestId = z.optional(z.string().check(z.maxLength(64)));

/** Subscribe to topics such as `conversation:<id>`, `inbox:<id>`, `agent:<id>`, `account`. */
export const SubscribeFrame = z.object({ action: z.literal('subscribe'), topics: topicList, id: requestId });
/** Stop receiving a topic's events. */
export const UnsubscribeFrame = z.object({ action: z.literal('unsubscribe'), topics: topicList, id: requestId });
/** Heartbeat; answered with `pong`. Clients send one at least every 5 minutes (API Gateway's idle timeout is 10). */
export const PingFrame = z.object({ action: z.literal('ping'), id: requestId });

/**
 * The sender started or stopped typing in a conversation. Relayed to the other audience
 * (visitor → agents, agent → the customer) and never stored.
 */
export const TypingFrame = z.object({
  action: z.literal('typing'),
  conversationId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a conversation id')),
  typing: z.boolean(),
  id: requestId,
});

/** Every frame a client may send. */
export const ClientFrame = z.discriminatedUnion('action', [SubscribeFrame, UnsubscribeFrame, PingFrame, TypingFrame]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** A topic a subscription was accepted for, with the conversation's current sequence when it has one. */
export interface SubscribedTopic {
  readonly topic: string;
  readonly seq?: number;
}

/** Every frame the server sends. */
export type ServerFrame =
  | { readonly type: 'subscribed'; readonly id?: string; readonly topics: readonly SubscribedTopic[]; readonly refused: readonly string[] }
  | { readonly type: 'unsubscribed'; readonly id?: string; readonly topics: readonly string[] }
  | { readonly type: 'pong'; readonly id?: string; readonly at: string }
  | { readonly type: 'event'; readonly topic: string; readonly event: RealtimeEventPayload }
  | { readonly type: 'error'; readonly id?: string; readonly code: string; readonly message: string };

/** The payload of an `event` frame (built by shared/domain/realtime-events.ts). */
export type RealtimeEventPayload = Readonly<Record<string, unknown>> & { readonly type: string; readonly seq: number };
