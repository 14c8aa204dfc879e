/**
 * The AI's streamed answers, as pure functions (used by the chat window and the dashboard).
 *
 * While the bot writes, the server pushes `ai.delta` events `{ type: 'ai.delta', conversationId,
 * seq, messageId, text, index }` — `messageId` is the id the final answer will have, `text` the
 * next piece, `index` its place (0, 1, 2 … per answer; `seq` is the conversation's and stays the
 * same). The pieces build a "being written" bubble; the final `message.created` with the same id
 * replaces it. Events can arrive twice or out of order: pieces are kept in `index` order and a
 * repeated index is dropped (pieces without an index are appended as they come).
 */

/** One streamed answer being written. */
export interface AnswerStream {
  readonly messageId: string;
  readonly conversationId: string;
  readonly parts: readonly { readonly index: number; readonly text: string }[];
  /** When the last piece arrived (ms since epoch): streams that stall are dropped. */
  readonly updatedAt: number;
}

/** The fields of an `ai.delta` event this module reads. */
export interface AiDelta {
  readonly conversationId: string;
  readonly messageId: string;
  /** The piece's place in the answer (0, 1, 2 …). */
  readonly index?: number;
  readonly text: string;
}

/** Narrows a realtime event to an `ai.delta` with the fields it must have. */
export function aiDeltaOf(event: { readonly type: string; readonly [key: string]: unknown }): AiDelta | undefined {
  if (event.type !== 'ai.delta') return undefined;
  const { conversationId, messageId, index, text } = event;
  if (typeof conversationId !== 'string' || typeof messageId !== 'string' || typeof text !== 'string') return undefined;
  return { conversationId, messageId, text, ...(typeof index === 'number' && Number.isInteger(index) && index >= 0 ? { index } : {}) };
}

/**
 * Adds a piece to its stream (a new stream for a new message id). Streams whose final message is
 * already known (`finished`) are not started again by a late piece.
 *
 * @example
 * applyDelta([], { conversationId: 'c', messageId: 'm', index: 0, text: 'Hel' }, new Set(), 0)
 * // → [{ messageId: 'm', conversationId: 'c', parts: [{ index: 0, text: 'Hel' }], updatedAt: 0 }]
 */
export function applyDelta(streams: readonly AnswerStream[], delta: AiDelta, finished: ReadonlySet<string>, now: number): AnswerStream[] {
  if (finished.has(delta.messageId) || !delta.text) return streams as AnswerStream[];
  const index = delta.index ?? Number.MAX_SAFE_INTEGER;
  const current = streams.find((s) => s.messageId === delta.messageId);
  if (!current) return [...streams, { messageId: delta.messageId, conversationId: delta.conversationId, parts: [{ index, text: delta.text }], updatedAt: now }];
  if (delta.index !== undefined && current.parts.some((p) => p.index === index)) return streams as AnswerStream[];
  const parts = [...current.parts];
  let at = parts.length;
  while (at > 0 && parts[at - 1]!.index > index) at--;
  parts.splice(at, 0, { index, text: delta.text });
  return streams.map((s) => (s === current ? { ...s, parts, updatedAt: now } : s));
}

/** The text written so far. */
export function streamText(stream: AnswerStream): string {
  return stream.parts.map((p) => p.text).join('');
}

/**
 * The streams still worth showing: not yet replaced by their final message and not stalled for
 * longer than `staleMs` (a hand-off or a failed model call ends a stream without a message).
 */
export function liveStreams(streams: readonly AnswerStream[], messageIds: ReadonlySet<string>, now: number, staleMs = 30_000): AnswerStream[] {
  const kept = streams.filter((s) => !messageIds.has(s.messageId) && now - s.updatedAt < staleMs);
  return kept.length === streams.length ? (streams as AnswerStream[]) : kept;
}

/** A citation as the public message view gives it (`citations` of a bot message). */
export interface CitationLink {
  readonly title: string;
  readonly url?: string;
}

/** The citations of a message worth showing: titled, de-duplicated, links only when `http(s)`. */
export function citationsOf(message: { readonly citations?: unknown }): CitationLink[] {
  if (!Array.isArray(message.citations)) return [];
  const seen = new Set<string>();
  const out: CitationLink[] = [];
  for (const item of message.citations as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { title, url } = item as { title?: unknown; url?: unknown };
    if (typeof title !== 'string' || !title.trim()) continue;
    const safeUrl = typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
    const key = `${title}\n${safeUrl ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(safeUrl ? { title: title.trim(), url: safeUrl } : { title: title.trim() });
  }
  return out;
}
