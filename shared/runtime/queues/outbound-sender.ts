/**
 * The outbound sender's handler — layer: runtime.
 *
 * Consumes the FIFO `outbound` queue with `ReportBatchItemFailures`. Each record is one
 * {@link OutboundJob}; `sendOutbound` decides to acknowledge it or retry it. A retry changes the
 * record's visibility timeout to the backoff delay (full jitter, at least Retry-After:
 * SECURITY.md §3) and reports the record failed, so SQS redelivers it after the delay; the
 * receive count is the attempt number, and after 5 receives SQS moves the job to the DLQ (the
 * 5th attempt has marked its message failed). FIFO: processing stops at the first failure and
 * every later record is reported too, so a conversation's messages never overtake each other.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { backoffSeconds, maxSendAttempts } from '../../domain/channel-rules.js';
import type { OutboundJob } from '../../ports/job-queue.js';
import type { SendOutboundResult } from '../../services/channels/send-outbound.js';
import { processBase } from '../containers/base.js';
import { channelSend } from '../containers/channels.js';
import { visibility } from '../containers/ports.js';
import { logger } from '../logger.js';

const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));
const jobSchema = z.object({
  kind: z.literal('outbound-send'),
  accountId: ulid,
  conversationId: ulid,
  messageId: ulid,
  requeuedAt: z.optional(z.string().check(z.maxLength(40))),
});

function parseJob(record: SQSRecord): OutboundJob | undefined {
  try {
    const parsed = jobSchema.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What the handler stands on (the container's services and queue in the function; fakes in unit tests). */
export interface OutboundSenderDeps {
  readonly sendOutbound: (job: OutboundJob, attempt: number) => Promise<SendOutboundResult>;
  readonly markPoisonJob: (job: OutboundJob, reason: string) => Promise<void>;
  /** Sets a received record's visibility timeout (ChangeMessageVisibility on the outbound queue). */
  readonly delay: (receiptHandle: string, seconds: number) => Promise<void>;
}

const containerDeps: OutboundSenderDeps = {
  sendOutbound: (job, attempt) => channelSend().sendOutbound(job, attempt),
  markPoisonJob: (job, reason) => channelSend().markPoisonJob(job, reason),
  delay: (receiptHandle, seconds) => visibility().delay(processBase().config.queueUrls.outbound, receiptHandle, seconds),
};

/** Handles one record; resolves the delay (seconds) when it must be retried, or undefined when done. */
async function handleRecord(services: OutboundSenderDeps, record: SQSRecord): Promise<number | undefined> {
  const attempt = Math.max(1, Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1);
  const job = parseJob(record);
  if (!job) {
    // Not a job this sender understands: it cannot succeed, so it goes on to the DLQ for inspection.
    logger().error('malformed outbound job', { messageId: record.messageId, attempt });
    return 0;
  }
  try {
    const result = await services.sendOutbound(job, attempt);
    if (result.kind === 'done') {
      logger().info('outbound job done', { accountId: job.accountId, messageId: job.messageId, outcome: result.outcome, attempt });
      return undefined;
    }
    logger().warn('outbound send retried', { accountId: job.accountId, messageId: job.messageId, attempt, delaySeconds: result.delaySeconds, reason: result.reason });
    return result.delaySeconds;
  } catch (error) {
    logger().error('outbound job threw', { accountId: job.accountId, messageId: job.messageId, attempt, errorName: (error as Error)?.name, errorMessage: (error as Error)?.message });
    if (attempt >= maxSendAttempts) {
      await services.markPoisonJob(job, `${(error as Error)?.name ?? 'Error'} on every attempt`).catch(() => undefined);
      return 0;
    }
    return backoffSeconds(attempt, Math.random());
  }
}

/** The Lambda handler of `outbound-sender`. */
export function outboundSenderHandler(deps: OutboundSenderDeps = containerDeps) {
  return async function handle(event: SQSEvent): Promise<SQSBatchResponse> {
    const failures: { itemIdentifier: string }[] = [];
    let stopped = false;
    for (const record of event.Records) {
      if (stopped) {
        failures.push({ itemIdentifier: record.messageId });
        // Not attempted: visible again at once (its own group is not the one that failed, or
        // it stays behind the delayed record of its group anyway).
        await deps.delay(record.receiptHandle, 0).catch(() => undefined);
        continue;
      }
      const delay = await handleRecord(deps, record);
      if (delay === undefined) continue;
      stopped = true;
      failures.push({ itemIdentifier: record.messageId });
      try {
        await deps.delay(record.receiptHandle, delay);
      } catch (error) {
        logger().warn('could not delay the outbound job; it reappears after the queue\'s visibility timeout', { errorName: (error as Error)?.name });
      }
    }
    return { batchItemFailures: failures };
  };
}
