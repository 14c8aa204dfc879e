// The knowledge indexer's queue handler (shared/runtime/queues/knowledge-indexer.ts) — unit specification.
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { KnowledgeJob } from '../../../../shared/ports/job-queue.js';
import type { IndexAttempt, IndexSourceResult } from '../../../../shared/services/knowledge/index-source.js';
import { knowledgeIndexerHandler } from '../../../../shared/runtime/queues/knowledge-indexer.js';

const job: KnowledgeJob = { kind: 'index-source', accountId: '01ACCTAAAAAAAAAAAAAAAAAAAA', sourceId: '01SQVRCEAAAAAAAAAAAAAAAAAA', version: 2 };

function record(messageId: string, body: unknown, receiveCount = 1): SQSRecord {
  return { messageId, body: JSON.stringify(body), attributes: { ApproximateReceiveCount: String(receiveCount) } } as unknown as SQSRecord;
}

describe('knowledgeIndexerHandler', () => {
  it('reports only the records whose indexing threw, and tells the service about the last attempt', async () => {
    // Prepare
    const calls: [KnowledgeJob, IndexAttempt][] = [];
    const handler = knowledgeIndexerHandler({
      maxReceiveCount: 5,
      indexSource: async (j, attempt): Promise<IndexSourceResult> => {
        calls.push([j, attempt]);
        if (j.version === 3) throw new Error('embedder down');
        return { outcome: 'indexed', chunkCount: 4 };
      },
    });
    const event = { Records: [record('a', job), record('b', { ...job, version: 3 }), record('c', job, 5)] } as SQSEvent;

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'b' }] });
    expect(calls.map(([j, a]) => [j.version, a.lastAttempt])).toEqual([[2, false], [3, false], [2, true]]);
  });

  it('sends a malformed job on towards the DLQ without calling the service', async () => {
    let called = false;
    const handler = knowledgeIndexerHandler({ maxReceiveCount: 5, indexSource: async () => { called = true; return { outcome: 'stale' }; } });

    const response = await handler({ Records: [record('x', { kind: 'index-source', accountId: 'not#an-id', sourceId: 'x', version: 1 })] } as SQSEvent);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'x' }]);
    expect(called).toBe(false);
  });
});
