/**
 * The AI responder's handler — layer: runtime.
 *
 * Consumes the FIFO `aiJobs` queue (one group per conversation) with `ReportBatchItemFailures`.
 * Each record is one {@link AiJob}: `ai-turn` runs the AI turn, `draft-problem-fix` H5's fix
 * draft. A job that throws is retried by the queue after a short delay (its visibility timeout
 * set to 2ⁿ seconds, n = the attempt); the AI turn treats its third attempt as the last and hands
 * the conversation to people rather than failing again, so a customer never waits on the DLQ.
 * FIFO: processing stops at the first failure and every later record is reported too, so a
 * conversation's jobs never overtake each other. A malformed record cannot succeed: it is
 * logged and dropped (acknowledged).
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import type { AiJob, AiTurnJob, DraftProblemFixJob } from '../../ports/job-queue.js';
import { aiResponder } from '../containers/ai.js';
import { processBase } from '../containers/base.js';
import { visibility } from '../containers/ports.js';
import { logger } from '../logger.js';

const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));
const jobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ai-turn'), accountId: ulid, conversationId: ulid, messageId: ulid }),
  z.object({ kind: z.literal('draft-problem-fix'), accountId: ulid, problemId: ulid }),
]);

/** The attempt from which the AI turn hands off instead of failing. */
export const finalTurnAttempt = 3;

function parseJob(record: SQSRecord): AiJob | undefined {
  try {
    const parsed = jobSchema.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What the handler stands on (the container in the function; fakes in unit tests). */
export interface AiResponderDeps {
  readonly runAiTurn: (job: AiTurnJob, options: { finalAttempt: boolean }) => Promise<unknown>;
  readonly draftProblemFix: (job: DraftProblemFixJob) => Promise<unknown>;
  /** Sets a received record's visibility timeout (ChangeMessageVisibility on the aiJobs queue). */
  readonly delay: (receiptHandle: string, seconds: number) => Promise<void>;
}

const containerDeps: AiResponderDeps = {
  runAiTurn: (job, options) => aiResponder().runAiTurn(job, options),
  draftProblemFix: (job) => aiResponder().draftProblemFix(job),
  delay: (receiptHandle, seconds) => visibility().delay(processBase().config.queueUrls.aiJobs, receiptHandle, seconds),
};

/** Runs one record; resolves true when it is done (or can never succeed), false to retry it. */
async function handleRecord(deps: AiResponderDeps, record: SQSRecord, attempt: number): Promise<boolean> {
  const job = parseJob(record);
  if (!job) {
    logger().error('malformed AI job dropped', { messageId: record.messageId });
    return true;
  }
  try {
    const outcome = job.kind === 'ai-turn'
      ? await deps.runAiTurn(job, { finalAttempt: attempt >= finalTurnAttempt })
      : await deps.draftProblemFix(job);
    logger().info('AI job done', { kind: job.kind, accountId: job.accountId, outcome: String(outcome), attempt });
    return true;
  } catch (error) {
    logger().warn('AI job failed; retried', { kind: job.kind, accountId: job.accountId, attempt, errorName: (error as Error)?.name });
    return false;
  }
}

/** The Lambda handler of `ai-responder`. */
export function aiResponderHandler(deps: AiResponderDeps = containerDeps) {
  return async function handle(event: SQSEvent): Promise<SQSBatchResponse> {
    const failures: { itemIdentifier: string }[] = [];
    let stopped = false;
    for (const record of event.Records) {
      const attempt = Math.max(1, Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1);
      if (!stopped && (await handleRecord(deps, record, attempt))) continue;
      // The failed record waits 2^attempt seconds; the records after it are visible again at once.
      const seconds = stopped ? 0 : 2 ** attempt;
      stopped = true;
      failures.push({ itemIdentifier: record.messageId });
      await deps.delay(record.receiptHandle, seconds).catch(() => undefined);
    }
    return { batchItemFailures: failures };
  };
}
