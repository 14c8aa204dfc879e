/**
 * The outbound sender's batch handling: partial batch responses, FIFO stop-at-first-failure,
 * the visibility delay and poison jobs.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { outboundSenderHandler, type OutboundSenderDeps } from '../../../../shared/runtime/queues/outbound-sender.js';
import type { SendOutboundResult } from '../../../../shared/services/channels/send-outbound.js';

const ulid = (n: number) => `01ARZ3NDEKTSV4RRFFQ69G5F${String(n).padStart(2, '0')}`;

function record(n: number, receiveCount = 1, body?: string): SQSRecord {
  return {
    messageId: `m-${n}`, receiptHandle: `rh-${n}`,
    body: body ?? JSON.stringify({ kind: 'outbound-send', accountId: ulid(1), conversationId: ulid(2), messageId: ulid(n) }),
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:switchboard-outbound.fifo', awsRegion: 'eu-west-1',
  };
}

function fakes(results: (SendOutboundResult | Error)[]) {
  const delays: [string, number][] = [];
  const poisoned: string[] = [];
  const calls: number[] = [];
  const deps: OutboundSenderDeps = {
    async sendOutbound(job, attempt) {
      calls.push(attempt);
      const next = results.shift() ?? { kind: 'done', outcome: 'sent' };
      if (next instanceof Error) throw next;
      return next;
    },
    async markPoisonJob(job) { poisoned.push(job.messageId); },
    async delay(handle, seconds) { delays.push([handle, seconds]); },
  };
  return { deps, delays, poisoned, calls };
}

describe('outbound-sender', () => {
  it('acknowledges a batch that was sent', async () => {
    const { deps } = fakes([]);
    const event: SQSEvent = { Records: [record(1), record(2)] };
    expect(await outboundSenderHandler(deps)(event)).toEqual({ batchItemFailures: [] });
  });

  it('stops at the first retry, delays it, and reports every later record (made visible at once)', async () => {
    const { deps, delays, calls } = fakes([{ kind: 'done', outcome: 'sent' }, { kind: 'retry', delaySeconds: 7, reason: 'HTTP 503' }]);
    const result = await outboundSenderHandler(deps)({ Records: [record(1, 2), record(2, 2), record(3), record(4)] });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }, { itemIdentifier: 'm-4' }]);
    expect(delays).toEqual([['rh-2', 7], ['rh-3', 0], ['rh-4', 0]]);
    expect(calls).toEqual([2, 2]);
  });

  it('retries a job that threw within the backoff bound, and marks it poison on its 5th receive', async () => {
    const { deps, delays, poisoned } = fakes([new Error('boom'), new Error('boom')]);
    await outboundSenderHandler(deps)({ Records: [record(1, 3)] });
    await outboundSenderHandler(deps)({ Records: [record(2, 5)] });
    expect(delays[0]![1]).toBeLessThan(16);
    expect(delays[1]).toEqual(['rh-2', 0]);
    expect(poisoned).toEqual([ulid(2)]);
  });

  it('reports a malformed job so it reaches the DLQ', async () => {
    const { deps, calls } = fakes([]);
    const result = await outboundSenderHandler(deps)({ Records: [record(1, 1, '{"kind":"nope"}')] });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(calls).toEqual([]);
  });
});
