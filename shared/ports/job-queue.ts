/**
 * Job queues — layer: ports. The SQS FIFO queues of the manifest, in domain terms.
 *
 * Both queues are FIFO with one message group per conversation, so a conversation's jobs run in
 * order while different conversations run in parallel. The deduplication id makes a repeated
 * enqueue of the same job within SQS's 5-minute window a no-op.
 */

/** Answer a conversation's new customer messages (one answer per burst). */
export interface AiTurnJob {
  readonly kind: 'ai-turn';
  readonly accountId: string;
  readonly conversationId: string;
  /** The customer message that triggered the job (the burst's latest when several arrive). */
  readonly messageId: string;
}

/** Draft a knowledge fix (an FAQ entry) for an unresolved problem (H5's problems workflow). */
export interface DraftProblemFixJob {
  readonly kind: 'draft-problem-fix';
  readonly accountId: string;
  readonly problemId: string;
}

/** The jobs of the `aiJobs` queue, consumed by ai-responder. */
export type AiJob = AiTurnJob | DraftProblemFixJob;

/** Deliver one outgoing message through its channel's provider. */
export interface OutboundJob {
  readonly kind: 'outbound-send';
  readonly accountId: string;
  readonly conversationId: string;
  readonly messageId: string;
  /** Set by an agent's retry of a failed send, so the queue does not drop it as a duplicate of the first job. */
  readonly requeuedAt?: string;
}

/**
 * Index one version of a knowledge source (the standard `knowledge` queue: no ordering needed,
 * a job for a version older than the source's is stale and does nothing).
 */
export interface KnowledgeJob {
  readonly kind: 'index-source';
  readonly accountId: string;
  readonly sourceId: string;
  readonly version: number;
}

export interface JobQueue {
  enqueueAiJob(job: AiJob): Promise<void>;
  enqueueOutbound(job: OutboundJob): Promise<void>;
  enqueueKnowledgeJob(job: KnowledgeJob): Promise<void>;
}
