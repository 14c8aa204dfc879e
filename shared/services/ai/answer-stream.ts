/**
 * Streaming an answer's tokens — layer: services.
 *
 * While the model writes, its text goes to the sockets watching the conversation as `ai.delta`
 * events (the visitor's `public:conversation:<id>` and the agents' `conversation:<id>`), so the
 * widget shows the answer growing; the stored message (same id) then replaces it through the
 * ordinary `message.created` event. Deltas are coalesced (at most one frame per `flushMs` per
 * connection) so a fast model does not turn into one Management API call per token. Deltas are
 * not stored: a client that reconnects mid-answer simply gets the final message.
 */
import { audienceTopic } from '../../domain/realtime-events.js';
import { formatTopic } from '../../domain/topics.js';
import type { RealtimePublisher } from '../../ports/realtime.js';
import type { SubscriptionRepository } from '../../ports/repositories.js';

/** The `ai.delta` event (inside the usual `event` frame). */
export interface AiDeltaEvent {
  readonly type: 'ai.delta';
  readonly conversationId: string;
  /** The conversation's sequence when the answer started (deltas do not move it). */
  readonly seq: number;
  /** The id the stored answer will have. */
  readonly messageId: string;
  /** The next piece of the answer's text (append it). */
  readonly text: string;
  /** 0, 1, 2 … per answer, so a client can drop a duplicate or notice a gap. */
  readonly index: number;
}

/** One answer being streamed. */
export interface AnswerStream {
  /** Queues a piece of text. */
  push(text: string): void;
  /** Sends what is queued and waits for every send. */
  close(): Promise<void>;
}

/** Opens answer streams. */
export interface AnswerStreams {
  open(input: { readonly accountId: string; readonly conversationId: string; readonly messageId: string; readonly seq: number }): Promise<AnswerStream>;
}

/** Creates the streams over the subscriptions and the WebSocket publisher. */
export function makeAnswerStreams(deps: {
  readonly subscriptions: Pick<SubscriptionRepository, 'listSubscribers'>;
  readonly publisher: RealtimePublisher;
  /** Coalescing window (default 80 ms; 0 sends every push at once). */
  readonly flushMs?: number;
}): AnswerStreams {
  const flushMs = deps.flushMs ?? 80;
  return {
    async open({ accountId, conversationId, messageId, seq }) {
      const agentTopic = formatTopic({ kind: 'conversation', id: conversationId });
      const targets: { connectionId: string; topic: string }[] = [];
      const seen = new Set<string>();
      for (const [stored, topic] of [[audienceTopic(agentTopic, 'visitor'), agentTopic], [agentTopic, agentTopic]] as const) {
        for (const connectionId of await deps.subscriptions.listSubscribers(accountId, stored)) {
          if (seen.has(connectionId)) continue;
          seen.add(connectionId);
          targets.push({ connectionId, topic });
        }
      }
      const gone = new Set<string>();
      let buffer = '';
      let index = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let sending: Promise<void> = Promise.resolve();

      function flush(): void {
        timer = undefined;
        if (!buffer) return;
        const event: AiDeltaEvent = { type: 'ai.delta', conversationId, seq, messageId, text: buffer, index };
        buffer = '';
        index += 1;
        sending = sending.then(() => Promise.all(targets.filter((t) => !gone.has(t.connectionId)).map(async (t) => {
          try {
            const outcome = await deps.publisher.send(t.connectionId, { type: 'event', topic: t.topic, event });
            if (outcome === 'gone') gone.add(t.connectionId);
          } catch {
            // A failed delta is not worth failing the answer for: the final message follows.
            gone.add(t.connectionId);
          }
        })).then(() => undefined));
      }

      return {
        push(text) {
          if (!text || targets.length === 0) return;
          buffer += text;
          if (flushMs === 0) flush();
          else timer ??= setTimeout(flush, flushMs);
        },
        async close() {
          if (timer) clearTimeout(timer);
          flush();
          await sending;
        },
      };
    },
  };
}
