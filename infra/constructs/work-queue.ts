/**
 * A work queue and its dead-letter queue — layer: infra (CDK constructs).
 *
 * One per `manifest.queues` entry. FIFO queues keep their DLQ FIFO (SQS requires it) and leave
 * content-based deduplication off: producers set a deduplication id that names the work (for
 * example the inbound message id), which two different payloads for the same work still share.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSpec } from '../manifest.js';

/** SQS's longest retention: time to inspect and redrive poison messages. */
const deadLetterRetention = Duration.days(14);

/** The smallest `maxReceiveCount` SECURITY.md §3 allows. */
export const minimumMaxReceiveCount = 5;

/** Raised when a queue spec breaks a rule of DESIGN.md §5. */
export class InvalidQueueSpecError extends Error {
  override readonly name = 'InvalidQueueSpecError';
}

/** Properties of {@link WorkQueue}. */
export interface WorkQueueProps {
  readonly spec: QueueSpec;
  readonly queueName: string;
  readonly deadLetterQueueName: string;
}

/** A queue with SQS-managed encryption, TLS-only access and a dead-letter queue. */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { spec } = props;
    if (spec.maxReceiveCount < minimumMaxReceiveCount) {
      throw new InvalidQueueSpecError(`Queue "${spec.name}": maxReceiveCount must be at least ${minimumMaxReceiveCount}`);
    }
    // Per-conversation message groups: high-throughput FIFO keeps order within a group only.
    const fifo = spec.fifo
      ? { fifo: true, contentBasedDeduplication: false, deduplicationScope: DeduplicationScope.MESSAGE_GROUP, fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID }
      : {};
    const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, removalPolicy: RemovalPolicy.RETAIN };

    this.deadLetterQueue = new Queue(this, 'DeadLetter', {
      ...common,
      ...(spec.fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
      queueName: props.deadLetterQueueName,
      retentionPeriod: deadLetterRetention,
    });
    this.queue = new Queue(this, 'Queue', {
      ...common,
      ...fifo,
      queueName: props.queueName,
      visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(spec.retentionDays),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
    });
  }
}
