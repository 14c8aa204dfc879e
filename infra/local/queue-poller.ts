/**
 * Queue poller — layer: infra (local composition root).
 *
 * Plays Lambda's SQS event source mapping with `ReportBatchItemFailures` for one queue:
 * long-polls ReceiveMessage (1 s waits, so `stop()` is quick), hands the batch to the handler
 * as a real `SQSEvent`, then deletes the messages that succeeded. Failed messages are left
 * alone: they reappear after their visibility timeout (which the handler may have changed with
 * ChangeMessageVisibility), and after `maxReceiveCount` receives the queue's redrive policy
 * moves them to the DLQ. A thrown error or a malformed response fails the whole batch. For FIFO
 * queues the handler returns the failed record and every later one of its group (SECURITY.md
 * §3); the poller deletes exactly what the response reports as done, as Lambda does.
 *
 * Differences from Lambda: one batch at a time per queue (Lambda runs several in parallel).
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { batchOutcome, type BatchOutcome } from './batch-response.js';
import { errorMessage, type Log } from './log.js';
import { sqsEvent } from './sqs-event.js';
import { sleep } from './timing.js';

/** Options of {@link startQueuePoller}. */
export interface QueuePollerOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  /** Invokes the consumer; resolves with its result (a batch response) or rejects. */
  readonly handler: (event: SQSEvent) => Promise<unknown>;
  /** Records per invocation (Lambda: at most 10 for FIFO queues). */
  readonly batchSize: number;
  /** For batches above 10: how long to gather messages before invoking (Lambda's batching window). */
  readonly maxBatchingWindowSeconds?: number;
  /** Long-poll wait of each ReceiveMessage; default 1 s. */
  readonly waitTimeSeconds?: number;
  readonly log: Log;
}

/** Counters of one poller. */
export interface QueuePollerStats {
  readonly batches: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly lastError?: string;
}

/** A running poller. */
export interface QueuePoller {
  stats(): QueuePollerStats;
  health(): { ok: boolean; detail: string };
  /** Stops polling and waits for the batch in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Starts polling `queueUrl` and invoking `handler` like Lambda's event source mapping.
 *
 * @example
 * const poller = startQueuePoller({ client, queueUrl, queueArn, region, batchSize: 10, log,
 *   handler: (event) => invoke(fn, event, region) });
 * await poller.stop();
 */
export function startQueuePoller(options: QueuePollerOptions): QueuePoller {
  const { client, queueUrl, queueArn, region, handler, log } = options;
  const perReceive = Math.min(options.batchSize, 10);
  const controller = new AbortController();
  let batches = 0;
  let succeeded = 0;
  let failed = 0;
  let lastError: string | undefined;
  let receiving = true;

  async function receive(max: number, waitTimeSeconds: number): Promise<Message[]> {
    const received = await client.send(new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitTimeSeconds,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }), { abortSignal: controller.signal });
    return received.Messages ?? [];
  }

  async function collect(): Promise<Message[]> {
    const messages = await receive(perReceive, options.waitTimeSeconds ?? 1);
    const windowEnds = Date.now() + (options.maxBatchingWindowSeconds ?? 0) * 1000;
    while (messages.length > 0 && messages.length < options.batchSize && Date.now() < windowEnds && !controller.signal.aborted) {
      messages.push(...await receive(Math.min(10, options.batchSize - messages.length), 0));
    }
    return messages;
  }

  async function deleteDone(done: readonly Message[]): Promise<void> {
    for (let i = 0; i < done.length; i += 10) {
      const chunk = done.slice(i, i + 10);
      const result = await client.send(new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle })),
      }));
      for (const failure of result.Failed ?? []) log(`could not delete a processed message: ${failure.Code} ${failure.Message ?? ''}`);
    }
  }

  async function process(messages: Message[]): Promise<void> {
    const ids = messages.map((m) => m.MessageId ?? '');
    let outcome: BatchOutcome;
    try {
      outcome = batchOutcome(await handler(sqsEvent(messages, queueArn, region)), ids);
    } catch (error) {
      outcome = { kind: 'all-failed', reason: errorMessage(error) };
    }
    const done = outcome.kind === 'all-succeeded' ? messages
      : outcome.kind === 'partial' ? messages.filter((m) => !outcome.failed.has(m.MessageId ?? ''))
      : [];
    batches += 1;
    succeeded += done.length;
    failed += messages.length - done.length;
    if (done.length < messages.length) {
      const why = outcome.kind === 'all-failed' ? `: ${outcome.reason}` : '';
      log(`batch of ${messages.length}: ${done.length} done, ${messages.length - done.length} failed${why} (retried after the visibility timeout)`);
    }
    await deleteDone(done);
  }

  const loop = (async () => {
    while (!controller.signal.aborted) {
      try {
        const messages = await collect();
        if (messages.length > 0) await process(messages);
        if (lastError !== undefined) log('polling again');
        lastError = undefined;
        receiving = true;
      } catch (error) {
        if (controller.signal.aborted) break;
        const message = errorMessage(error);
        if (message !== lastError) log(`polling failed: ${message}`);
        lastError = message;
        receiving = false;
        await sleep(1_000, controller.signal);
      }
    }
  })();

  let stopping: Promise<void> | undefined;
  return {
    stats: () => ({ batches, succeeded, failed, ...(lastError !== undefined ? { lastError } : {}) }),
    health: () => ({
      ok: receiving && !controller.signal.aborted,
      detail: controller.signal.aborted ? 'stopped'
        : lastError !== undefined ? `polling failed: ${lastError}`
        : `${batches} batches, ${succeeded} done, ${failed} failed`,
    }),
    stop() {
      stopping ??= (async () => {
        controller.abort();
        await loop;
      })();
      return stopping;
    },
  };
}
