/**
 * The job queues over SQS — layer: adapters.
 *
 * Both queues are FIFO: the message group is the conversation (its jobs run in order, other
 * conversations in parallel) and the deduplication id is the message id, so a job enqueued
 * again within SQS's 5-minute window (a provider's redelivery, a retried request) is dropped
 * by SQS itself. Also changes a received job's visibility for the outbound sender's backoff.
 */
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue } from '../../ports/job-queue.js';
import { awsClientOptions } from '../aws-client-options.js';

/** Where the queues are. */
export interface SqsJobQueueOptions {
  readonly region: string;
  readonly local: boolean;
  readonly endpoint?: string;
  readonly aiQueueUrl: string;
  readonly outboundQueueUrl: string;
  /** The standard (not FIFO) knowledge-indexing queue. */
  readonly knowledgeQueueUrl: string;
}

/** Changes the visibility timeout of a received message (SECURITY.md §3 backoff). */
export interface VisibilityChanger {
  delay(queueUrl: string, receiptHandle: string, seconds: number): Promise<void>;
}

/** An SQS client for these options (one per container). */
export function makeSqsClient(options: Pick<SqsJobQueueOptions, 'region' | 'local' | 'endpoint'>): SQSClient {
  return new SQSClient(awsClientOptions({ region: options.region, local: options.local }, options.endpoint));
}

/** The {@link JobQueue} over SQS FIFO queues. */
export function makeSqsJobQueue(client: SQSClient, options: SqsJobQueueOptions): JobQueue {
  async function send(queueUrl: string, job: { conversationId: string; messageId: string; kind: string; requeuedAt?: string }): Promise<void> {
    await client.send(new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(job),
      MessageGroupId: job.conversationId,
      MessageDeduplicationId: `${job.kind}-${job.messageId}${job.requeuedAt ? `-${job.requeuedAt.replace(/[^0-9]/g, '')}` : ''}`.slice(0, 128),
    }));
  }
  return {
    // A problem's fix draft has no conversation: its group and deduplication key are the problem.
    enqueueAiJob: (job) => send(options.aiQueueUrl, job.kind === 'ai-turn' ? job : { ...job, conversationId: `problem-${job.problemId}`, messageId: job.problemId }),
    enqueueOutbound: (job) => send(options.outboundQueueUrl, job),
    async enqueueKnowledgeJob(job) {
      // Standard queue: no group or deduplication id; a duplicate job finds its version indexed or stale.
      await client.send(new SendMessageCommand({ QueueUrl: options.knowledgeQueueUrl, MessageBody: JSON.stringify(job) }));
    },
  };
}

/** The {@link VisibilityChanger} over SQS. */
export function makeSqsVisibilityChanger(client: SQSClient): VisibilityChanger {
  return {
    async delay(queueUrl, receiptHandle, seconds) {
      await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: Math.max(0, Math.min(43_200, Math.round(seconds))) }));
    },
  };
}
