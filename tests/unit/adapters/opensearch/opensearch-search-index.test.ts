// OpenSearch search index (shared/adapters/opensearch) — requests sent and answers interpreted.
import { describe, expect, it } from 'vitest';
import { OpenSearchInputError, OpenSearchRequestError } from '../../../../shared/adapters/opensearch/errors.js';
import {
  createOpenSearchSearchIndex,
  type OpenSearchRequest,
  type OpenSearchTransport,
} from '../../../../shared/adapters/opensearch/opensearch-search-index.js';
import { indexDefinition, knnSearchBody, keywordSearchBody, supersededSearchBody } from '../../../../shared/adapters/opensearch/request-bodies.js';
import type { IndexedChunk, SearchQuery } from '../../../../shared/ports/search-index.js';

type Reply = { statusCode: number; body?: unknown };

/** A transport that records every request and answers from a handler (200 {} by default). */
function fakeTransport(handler: (request: OpenSearchRequest) => Reply | undefined = () => undefined) {
  const requests: OpenSearchRequest[] = [];
  const transport: OpenSearchTransport = {
    async request(request) {
      requests.push(request);
      const reply = handler(request) ?? { statusCode: 200, body: {} };
      return { statusCode: reply.statusCode, body: reply.body ?? {} };
    },
  };
  return { transport, requests };
}

const dimensions = 3;

function chunk(overrides: Partial<IndexedChunk> & Pick<IndexedChunk, 'chunkId'>): IndexedChunk {
  return { accountId: 'acc-a', sourceId: 'src-1', title: 'Returns', text: 'Refund within 30 days.', visibility: 'public', embedding: [1, 0, 0], ...overrides };
}

const query: SearchQuery = {
  accountId: 'acc-a', text: 'refund', embedding: [1, 0, 0], visibility: 'public', k: 3, weights: { semantic: 0.7, keyword: 0.3 }, minScore: 0,
};

function hit(id: string, score: number, source: Record<string, unknown>) {
  return { _id: id, _score: score, _source: { accountId: 'acc-a', sourceId: 'src-1', title: 'Returns', text: `text of ${String(source.chunkId)}`, visibility: 'public', ...source } };
}

describe('createOpenSearchSearchIndex', () => {
  describe('search', () => {
    it('sends one _msearch with the k-NN and BM25 bodies and fuses the answers', async () => {
      // Prepare: k-NN finds a (cos 0.9) and b (cos 0.45); BM25 finds b (score 8) and c (score 4)
      const { transport, requests } = fakeTransport((request) => request.path.endsWith('/_msearch')
        ? {
            statusCode: 200,
            body: {
              responses: [
                { status: 200, hits: { hits: [hit('1', 1.9, { chunkId: 'a', url: 'https://shop.example/a' }), hit('2', 1.45, { chunkId: 'b', heading: 'Cards' })] } },
                { status: 200, hits: { hits: [hit('2', 8, { chunkId: 'b', heading: 'Cards' }), hit('3', 4, { chunkId: 'c' })] } },
              ],
            },
          }
        : undefined);
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions, candidatesPerRetriever: 20 });

      // Act
      const hits = await index.search(query);

      // Assess
      expect(requests).toEqual([{ method: 'POST', path: '/knowledge/_msearch', ndjson: [{}, knnSearchBody(query, 20), {}, keywordSearchBody(query, 20)] }]);
      expect(hits.map((h) => h.chunkId)).toEqual(['a', 'b', 'c']);
      const [a, b, c] = hits;
      expect(a).toMatchObject({ sourceId: 'src-1', title: 'Returns', text: 'text of a', url: 'https://shop.example/a', semanticScore: 1, keywordScore: 0 });
      expect(a?.similarity).toBeCloseTo(0.9, 12);
      expect(a?.score).toBeCloseTo(0.7, 12);
      expect(b?.similarity).toBeCloseTo(0.45, 12);
      expect(b?.heading).toBe('Cards');
      expect(b?.score).toBeCloseTo(0.7 * 0.5 + 0.3 * 1, 12);
      expect(c).toMatchObject({ similarity: 0, semanticScore: 0, keywordScore: 0.5 });
      expect(a).not.toHaveProperty('embedding');
    });

    it('answers nothing when the index does not exist yet', async () => {
      const { transport } = fakeTransport(() => ({
        statusCode: 200,
        body: { responses: [{ status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [knowledge]' } }] },
      }));
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions });

      expect(await index.search(query)).toEqual([]);
    });

    it('raises a retryable error when a retriever is throttled', async () => {
      const { transport } = fakeTransport(() => ({
        statusCode: 200,
        body: { responses: [{ status: 429, error: { type: 'rejected_execution_exception', reason: 'busy' } }, { status: 200, hits: { hits: [] } }] },
      }));
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions });

      const error = await index.search(query).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(OpenSearchRequestError);
      expect(error).toMatchObject({ statusCode: 429, retryable: true });
    });

    it('refuses a query embedding of the wrong length before sending anything', async () => {
      const { transport, requests } = fakeTransport();
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions });

      await expect(index.search({ ...query, embedding: [1, 0] })).rejects.toThrow(OpenSearchInputError);
      expect(requests).toEqual([]);
    });
  });

  describe('writes', () => {
    it('creates the index once when missing, indexes the new generation, then deletes what it superseded', async () => {
      // Prepare: the index is missing; the superseded search finds one older copy
      const { transport, requests } = fakeTransport((request) => {
        if (request.method === 'HEAD') return { statusCode: 404 };
        if (request.path === '/knowledge/_search') return { statusCode: 200, body: { hits: { hits: [{ _id: 'old-1', _score: 0 }] } } };
        return undefined;
      });
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions, newGeneration: () => 'gen-1' });

      // Act
      await index.upsert([chunk({ chunkId: 'c-1' })]);
      await index.upsert([chunk({ chunkId: 'c-2' })]);

      // Assess
      expect(requests.slice(0, 5)).toEqual([
        { method: 'HEAD', path: '/knowledge' },
        { method: 'PUT', path: '/knowledge', body: indexDefinition(dimensions) },
        { method: 'POST', path: '/_bulk', ndjson: [{ index: { _index: 'knowledge' } }, expect.objectContaining({ chunkId: 'c-1', generation: 'gen-1' })] },
        { method: 'POST', path: '/knowledge/_search', body: supersededSearchBody('acc-a', { chunkIds: ['c-1'] }, 'gen-1') },
        { method: 'POST', path: '/_bulk', ndjson: [{ delete: { _index: 'knowledge', _id: 'old-1' } }] },
      ]);
      expect(requests.filter((r) => r.method === 'HEAD' || r.method === 'PUT')).toHaveLength(2);
    });

    it('accepts an index another function created at the same moment', async () => {
      const { transport } = fakeTransport((request) => {
        if (request.method === 'HEAD') return { statusCode: 404 };
        if (request.method === 'PUT') return { statusCode: 400, body: { error: { type: 'resource_already_exists_exception', reason: 'exists' } } };
        return undefined;
      });
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions });

      await expect(index.upsert([chunk({ chunkId: 'c-1' })])).resolves.toBeUndefined();
    });

    it('replaces a source: new chunks first, then every other document of the source', async () => {
      const { transport, requests } = fakeTransport((request) => {
        if (request.path === '/knowledge/_search') return { statusCode: 200, body: { hits: { hits: [{ _id: 'x1' }, { _id: 'x2' }] } } };
        return undefined;
      });
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions, newGeneration: () => 'gen-7' });

      await index.replaceSource('acc-a', 'src-1', [chunk({ chunkId: 'c-1' }), chunk({ chunkId: 'c-2' })]);

      const writes = requests.filter((r) => r.method === 'POST');
      expect(writes.map((r) => r.path)).toEqual(['/_bulk', '/knowledge/_search', '/_bulk']);
      expect(writes[0]?.ndjson).toHaveLength(4);
      expect(writes[1]?.body).toEqual(supersededSearchBody('acc-a', { sourceId: 'src-1' }, 'gen-7'));
      expect(writes[2]?.ndjson).toEqual([{ delete: { _index: 'knowledge', _id: 'x1' } }, { delete: { _index: 'knowledge', _id: 'x2' } }]);
    });

    it('refuses to replace a source with another tenant\'s chunk, sending nothing', async () => {
      const { transport, requests } = fakeTransport();
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions });

      await expect(index.replaceSource('acc-a', 'src-1', [chunk({ chunkId: 'c-1', accountId: 'acc-b' })])).rejects.toThrow(OpenSearchInputError);
      expect(requests).toEqual([]);
    });

    it('deletes every document of a source of the tenant, and treats already-gone ones as deleted', async () => {
      const { transport, requests } = fakeTransport((request) => {
        if (request.path === '/knowledge/_search') return { statusCode: 200, body: { hits: { hits: [{ _id: 'd1' }] } } };
        if (request.path === '/_bulk') return { statusCode: 200, body: { errors: true, items: [{ delete: { status: 404, result: 'not_found' } }] } };
        return undefined;
      });
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions });

      await index.deleteBySource('acc-a', 'src-1');

      expect(requests[0]?.body).toEqual(supersededSearchBody('acc-a', { sourceId: 'src-1' }, undefined));
      expect(requests[1]?.ndjson).toEqual([{ delete: { _index: 'knowledge', _id: 'd1' } }]);
    });

    it('raises the first failed item of a bulk write', async () => {
      const { transport } = fakeTransport((request) => request.path === '/_bulk'
        ? { statusCode: 200, body: { errors: true, items: [{ index: { status: 201 } }, { index: { status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad vector' } } }] } }
        : undefined);
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions });

      await expect(index.upsert([chunk({ chunkId: 'c-1' }), chunk({ chunkId: 'c-2' })])).rejects.toThrow(/400: mapper_parsing_exception: bad vector/);
    });

    it('splits large writes into bulk requests of the configured size', async () => {
      const { transport, requests } = fakeTransport();
      const index = createOpenSearchSearchIndex({ transport, index: 'knowledge', dimensions, bulkBatchSize: 2 });

      await index.replaceSource('acc-a', 'src-1', ['1', '2', '3', '4', '5'].map((id) => chunk({ chunkId: id })));

      const bulks = requests.filter((r) => r.path === '/_bulk');
      expect(bulks.map((r) => (r.ndjson?.length ?? 0) / 2)).toEqual([2, 2, 1]);
    });
  });
});
