/**
 * The knowledge indexer's handler — layer: runtime.
 *
 * Consumes the standard `knowledge` queue with `ReportBatchItemFailures`. Each record is one
 * {@link KnowledgeJob}; records are independent (no ordering: a stale version is recognised by the
 * service), so each is handled on its own and only the ones that threw are reported for retry.
 * The receive count tells the service whether this is the last attempt before the DLQ, so a
 * source whose indexing keeps failing ends `failed` with a reason instead of `indexing` forever.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { queues } from '../../../infra/manifest.js';
import type { KnowledgeJob } from '../../ports/job-queue.js';
import type { IndexSource } from '../../services/knowledge/index-source.js';
import { knowledgeIndexer } from '../containers/knowledge.js';
import { logger } from '../logger.js';

const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));
const jobSchema = z.object({
  kind: z.literal('index-source'),
  accountId: ulid,
  sourceId: ulid,
  version: z.number().check(z.int(), z.positive()),
});

function parseJob(record: SQSRecord): KnowledgeJob | undefined {
  try {
    const parsed = jobSchema.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What the handler stands on (the container's use case in the function; fakes in unit tests). */
export interface KnowledgeIndexerDeps {
  readonly indexSource: IndexSource;
  /** Receives before SQS moves a job to the DLQ. */
  readonly maxReceiveCount: number;
}

/** Handles one record; resolves true when it must be retried. */
async function handleRecord(deps: KnowledgeIndexerDeps, record: SQSRecord): Promise<boolean> {
  const attempt = Math.max(1, Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1);
  const job = parseJob(record);
  if (!job) {
    // Not a job this indexer understands: it cannot succeed, so it goes on to the DLQ for inspection.
    logger().error('malformed knowledge job', { messageId: record.messageId, attempt });
    return true;
  }
  const context = { accountId: job.accountId, sourceId: job.sourceId, version: job.version, attempt };
  try {
    const result = await deps.indexSource(job, { lastAttempt: attempt >= deps.maxReceiveCount });
    if (result.outcome === 'failed') logger().warn('knowledge source failed', { ...context, error: result.error });
    else logger().info('knowledge job done', { ...context, outcome: result.outcome, ...(result.outcome === 'indexed' ? { chunkCount: result.chunkCount } : {}) });
    return false;
  } catch (error) {
    logger().error('knowledge job threw', { ...context, errorName: (error as Error)?.name, errorMessage: (error as Error)?.message });
    return true;
  }
}

/**
 * Creates the Lambda handler of knowledge-indexer.
 *
 * @example
 * export const handler = knowledgeIndexerHandler();
 */
export function knowledgeIndexerHandler(deps?: KnowledgeIndexerDeps) {
  return async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
    const resolved = deps ?? { indexSource: knowledgeIndexer().indexSource, maxReceiveCount: queues.knowledge.maxReceiveCount };
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      if (await handleRecord(resolved, record)) failures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures: failures };
  };
}
