/**
 * Queue, table-stream and schedule triggers — layer: infra (CDK constructs).
 *
 * The cloud half of what the laptop's pollers play locally: both read the same manifest
 * trigger, and both honour `batchItemFailures` (partial batch responses).
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { FunctionSpec, QueueSpec, Trigger } from '../manifest.js';
import type { ManifestFunction } from './manifest-function.js';
import { acknowledge } from './nag.js';

/** Raised when a trigger cannot be deployed as the manifest states it. */
export class InvalidTriggerError extends Error {
  override readonly name = 'InvalidTriggerError';
}

/** AWS guidance for SQS event sources: visibility at least six times the function timeout. */
export const visibilityToTimeoutRatio = 6;

/** Retries of a failing stream batch (halved by bisection) before it goes to the failure queue. */
export const streamRetryAttempts = 5;

type QueueTrigger = Extract<Trigger, { kind: 'queue' }>;
type StreamTrigger = Extract<Trigger, { kind: 'table-stream' }>;

/**
 * Consumes a queue with partial batch responses. Refuses a queue whose visibility timeout is
 * under six times the consumer's timeout (a slow batch would be redelivered while running), and
 * a batching window on a FIFO queue, which Lambda does not support.
 */
export function attachQueueTrigger(fn: ManifestFunction, spec: FunctionSpec, trigger: QueueTrigger, queue: IQueue, queueSpec: QueueSpec): void {
  if (queueSpec.visibilityTimeoutSeconds < visibilityToTimeoutRatio * spec.timeoutSeconds) {
    throw new InvalidTriggerError(
      `Queue "${queueSpec.name}" has a visibility timeout of ${queueSpec.visibilityTimeoutSeconds} s; its consumer "${spec.name}" times out after ${spec.timeoutSeconds} s, so it needs at least ${visibilityToTimeoutRatio * spec.timeoutSeconds} s`,
    );
  }
  if (queueSpec.fifo && trigger.maxBatchingWindowSeconds !== undefined) {
    throw new InvalidTriggerError(`Function "${spec.name}": FIFO queue "${queueSpec.name}" cannot have a batching window`);
  }
  fn.function.addEventSource(
    new SqsEventSource(queue, {
      batchSize: trigger.batchSize,
      reportBatchItemFailures: true,
      ...(trigger.maxBatchingWindowSeconds === undefined ? {} : { maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds) }),
    }),
  );
}

/**
 * Reads the table stream with partial batch responses and bisection; a batch that still fails
 * goes to a failure queue (its shard position and record range, for replay). When the trigger
 * names entities, Lambda filters on the new or old image's `entity`, so other writes cost no invocation.
 */
export function attachTableStreamTrigger(fn: ManifestFunction, spec: FunctionSpec, trigger: StreamTrigger, table: ITable): void {
  const failures = new Queue(fn, 'StreamFailures', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(
    failures,
    'SQS3',
    `This queue is itself the on-failure destination of the ${spec.name} table-stream mapping; it holds batch descriptors for replay and is consumed by operators, not by a function.`,
  );
  // Lambda ORs the filters: the new image matches inserts and updates, the old image matches
  // removals (a REMOVE record has no new image; a closed connection must still reach presence).
  const filters =
    trigger.entities && trigger.entities.length > 0
      ? (['NewImage', 'OldImage'] as const).map((image) =>
        FilterCriteria.filter({ dynamodb: { [image]: { entity: { S: FilterRule.or(...trigger.entities!) } } } }))
      : undefined;
  fn.function.addEventSource(
    new DynamoEventSource(table, {
      // Realtime pushes of hours-old changes help nobody: clients catch up over HTTP by sequence.
      startingPosition: StartingPosition.LATEST,
      batchSize: trigger.batchSize,
      maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds ?? 0),
      bisectBatchOnError: true,
      retryAttempts: streamRetryAttempts,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(failures),
      ...(filters ? { filters } : {}),
    }),
  );
  acknowledge(
    fn,
    'IAM5[Resource::*]',
    'dynamodb:ListStreams has no resource-level permissions (the DynamoDB event source adds it); the stream reads themselves are granted on this table\'s stream ARN only.',
  );
}

/** Invokes a function on an EventBridge `rate(...)` or `cron(...)` expression. */
export function attachSchedule(fn: ManifestFunction, spec: FunctionSpec, expression: string): void {
  if (!/^(rate|cron)\(.+\)$/.test(expression)) {
    throw new InvalidTriggerError(`Function "${spec.name}": schedule "${expression}" is not an EventBridge rate(...) or cron(...) expression`);
  }
  new Rule(fn, 'Schedule', {
    description: `Runs ${spec.name} on ${expression}`,
    schedule: Schedule.expression(expression),
    targets: [new LambdaFunction(fn.function, { retryAttempts: 2 })],
  });
}
