/**
 * The queue poller plays Lambda's SQS event source mapping with ReportBatchItemFailures against
 * the running fauxqs: successes are deleted, failures come back after the visibility timeout,
 * and a message that keeps failing ends in the DLQ after maxReceiveCount receives.
 */
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createQueueWithDlq } from '../../../infra/local/fauxqs.js';
import { startQueuePoller, type QueuePoller } from '../../../infra/local/queue-poller.js';
import { emulatorClients, eventually, region, uniqueName } from './support.js';

const { sqs } = emulatorClients();
const pollers: QueuePoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});
afterAll(() => sqs.destroy());

/** A queue with a 1 s visibility timeout and a DLQ after `maxReceiveCount` receives. */
async function aQueue(options: { fifo?: boolean; maxReceiveCount?: number } = {}) {
  return createQueueWithDlq(sqs, 'knowledge', {
    name: uniqueName('poller-test'), fifo: options.fifo ?? false, visibilityTimeoutSeconds: 1,
    maxReceiveCount: options.maxReceiveCount ?? 2, retentionDays: 1, urlEnv: 'UNUSED',
  });
}

/** Starts a poller whose handler records every record it sees, then answers with `respond`. */
function poll(queue: { url: string; arn: string }, respond: (event: SQSEvent, delivery: number) => unknown) {
  const seen: SQSRecord[] = [];
  let deliveries = 0;
  const logLines: string[] = [];
  pollers.push(startQueuePoller({
    client: sqs, queueUrl: queue.url, queueArn: queue.arn, region: region(), batchSize: 10, log: (line) => logLines.push(line),
    handler: async (event) => {
      seen.push(...event.Records);
      deliveries += 1;
      return respond(event, deliveries);
    },
  }));
  return { seen, logLines };
}

async function messagesLeft(url: string): Promise<number> {
  const { Attributes: a } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return Number(a?.ApproximateNumberOfMessages ?? 0) + Number(a?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

const bodies = (records: readonly SQSRecord[]) => records.map((r) => r.body);

describe('queue poller', () => {
  it('delivers a Lambda SQS event and deletes every message of a successful batch', async () => {
    // Prepare
    const queue = await aQueue();
    await sqs.send(new SendMessageCommand({
      QueueUrl: queue.url, MessageBody: '{"job":1}',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'reindex' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } },
    }));

    // Act
    const { seen } = poll(queue, () => undefined);
    await eventually(() => seen[0], 5_000, 'the first delivery');

    // Assess
    expect(seen[0]).toMatchObject({
      body: '{"job":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: region(),
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'reindex' },
        blob: { dataType: 'Binary', binaryValue: Buffer.from('hi').toString('base64') },
      },
    });
    expect(seen[0]?.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    await eventually(async () => (await messagesLeft(queue.url)) === 0 || undefined, 5_000, 'the queue to be empty');
  });

  it('redelivers only the failed item of a partial batch response', async () => {
    // Prepare
    const queue = await aQueue({ maxReceiveCount: 5 });
    await sqs.send(new SendMessageBatchCommand({
      QueueUrl: queue.url,
      Entries: ['ok-1', 'fails-once', 'ok-2'].map((body, i) => ({ Id: String(i), MessageBody: body })),
    }));

    // Act
    const { seen } = poll(queue, (event, delivery) => ({
      batchItemFailures: delivery === 1 ? event.Records.filter((r) => r.body === 'fails-once').map((r) => ({ itemIdentifier: r.messageId })) : [],
    }));
    const retried = await eventually(() => seen.find((r) => r.body === 'fails-once' && r.attributes.ApproximateReceiveCount === '2'), 8_000, 'the retry');

    await eventually(async () => (await messagesLeft(queue.url)) === 0 || undefined, 5_000, 'the queue to be empty');

    // Assess
    expect(retried).toBeDefined();
    expect(bodies(seen).sort()).toEqual(['fails-once', 'fails-once', 'ok-1', 'ok-2']);
    expect(await messagesLeft(queue.dlqUrl)).toBe(0);
  });

  it('fails the whole batch when the handler throws or names an unknown record', async () => {
    // Prepare
    const queue = await aQueue({ maxReceiveCount: 5 });
    await sqs.send(new SendMessageBatchCommand({
      QueueUrl: queue.url, Entries: ['a', 'b'].map((body, i) => ({ Id: String(i), MessageBody: body })),
    }));

    // Act
    const { seen, logLines } = poll(queue, (_event, delivery) => {
      if (delivery === 1) throw new Error('downstream unavailable');
      if (delivery === 2) return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };
      return {};
    });
    await eventually(() => (seen.length >= 6 ? true : undefined), 10_000, 'three deliveries of both messages');

    // Assess
    expect(bodies(seen).sort()).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
    expect(logLines.join('\n')).toMatch(/downstream unavailable/);
    expect(logLines.join('\n')).toMatch(/"not-in-this-batch" is not a record of this batch/);
    await eventually(async () => (await messagesLeft(queue.url)) === 0 || undefined, 5_000, 'the queue to be empty');
  });

  it('moves a message that keeps failing to the DLQ after maxReceiveCount receives', async () => {
    // Prepare
    const queue = await aQueue({ maxReceiveCount: 2 });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }));

    // Act
    const { seen } = poll(queue, (event) => ({ batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) }));
    const dead = await eventually(async () => {
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.dlqUrl, WaitTimeSeconds: 1 }));
      return received.Messages?.[0];
    }, 10_000, 'the message in the DLQ');

    // Assess
    expect(dead.Body).toBe('poison');
    expect(bodies(seen)).toEqual(['poison', 'poison']);
  });

  it('delivers FIFO records with their group, deduplication id and sequence number', async () => {
    // Prepare
    const queue = await aQueue({ fifo: true });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'send', MessageGroupId: 'conv-1', MessageDeduplicationId: 'msg-1' }));

    // Act
    const { seen } = poll(queue, () => ({ batchItemFailures: [] }));
    const record = await eventually(() => seen[0], 5_000, 'the FIFO delivery');

    // Assess
    expect(queue.url).toMatch(/\.fifo$/);
    expect(record.attributes).toMatchObject({ MessageGroupId: 'conv-1', MessageDeduplicationId: 'msg-1', SequenceNumber: expect.stringMatching(/^\d+$/) });
  });

  it('stops within about a second while waiting on an empty queue', async () => {
    const queue = await aQueue();
    poll(queue, () => undefined);
    const poller = pollers.pop()!;

    const startedAt = Date.now();
    await poller.stop();

    expect(Date.now() - startedAt).toBeLessThan(1_500);
    expect(poller.health()).toEqual({ ok: false, detail: 'stopped' });
  });
});

describe('fauxqs queues from the manifest', () => {
  it('creates a queue with its DLQ and redrive policy', async () => {
    const queue = await aQueue({ maxReceiveCount: 3 });

    const { Attributes: main } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['All'] }));
    const { Attributes: dlq } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.dlqUrl, AttributeNames: ['All'] }));

    expect(JSON.parse(main?.RedrivePolicy ?? '{}')).toEqual({ deadLetterTargetArn: queue.dlqArn, maxReceiveCount: 3 });
    expect(main?.VisibilityTimeout).toBe('1');
    expect(main?.QueueArn).toBe(queue.arn);
    expect(dlq).toMatchObject({ QueueArn: queue.dlqArn, MessageRetentionPeriod: String(14 * 24 * 60 * 60) });
  });
});
