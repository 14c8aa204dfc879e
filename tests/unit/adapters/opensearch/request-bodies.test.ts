// OpenSearch request bodies (shared/adapters/opensearch/request-bodies.ts) — exact bodies sent.
import { describe, expect, it } from 'vitest';
import {
  bulkDeleteLines,
  bulkIndexLines,
  cosineFromKnnScore,
  hybridMsearchLines,
  indexDefinition,
  keywordSearchBody,
  knnSearchBody,
  supersededSearchBody,
} from '../../../../shared/adapters/opensearch/request-bodies.js';
import type { SearchQuery } from '../../../../shared/ports/search-index.js';

const query: SearchQuery = {
  accountId: 'acc-a',
  text: 'How do I get a refund?',
  embedding: [0.6, 0.8, 0],
  visibility: 'public',
  k: 5,
  weights: { semantic: 0.7, keyword: 0.3 },
  minScore: 0.2,
};

describe('OpenSearch request bodies', () => {
  describe('indexDefinition', () => {
    it('maps a Faiss HNSW inner-product vector of the embedder\'s dimension, keyword filters and English text', () => {
      expect(indexDefinition(1024)).toEqual({
        settings: { index: { knn: true } },
        mappings: {
          dynamic: 'strict',
          properties: {
            accountId: { type: 'keyword' },
            sourceId: { type: 'keyword' },
            chunkId: { type: 'keyword' },
            visibility: { type: 'keyword' },
            generation: { type: 'keyword' },
            title: { type: 'text', analyzer: 'english' },
            heading: { type: 'text', analyzer: 'english' },
            text: { type: 'text', analyzer: 'english' },
            url: { type: 'keyword', index: false },
            embedding: {
              type: 'knn_vector',
              dimension: 1024,
              method: { name: 'hnsw', engine: 'faiss', space_type: 'innerproduct', parameters: { m: 16, ef_construction: 128 } },
            },
          },
        },
      });
    });
  });

  describe('knnSearchBody', () => {
    it('puts the tenant and the public visibility inside the knn clause\'s filter', () => {
      expect(knnSearchBody(query, 50)).toEqual({
        size: 50,
        _source: { excludes: ['embedding'] },
        query: {
          knn: {
            embedding: {
              vector: [0.6, 0.8, 0],
              k: 50,
              filter: { bool: { filter: [{ term: { accountId: 'acc-a' } }, { term: { visibility: 'public' } }] } },
            },
          },
        },
      });
    });

    it('filters by tenant only for agents (visibility any), never by nothing', () => {
      const body = knnSearchBody({ ...query, visibility: 'any' }, 10);

      expect(body.query.knn.embedding.filter).toEqual({ bool: { filter: [{ term: { accountId: 'acc-a' } }] } });
      expect(Object.keys(body.query)).toEqual(['knn']);
    });
  });

  describe('keywordSearchBody', () => {
    it('runs BM25 over title, heading and text with the same tenant filter', () => {
      expect(keywordSearchBody(query, 50)).toEqual({
        size: 50,
        _source: { excludes: ['embedding'] },
        query: {
          bool: {
            must: [{ multi_match: { query: 'How do I get a refund?', fields: ['title^2', 'heading^1.5', 'text'], type: 'best_fields' } }],
            filter: [{ term: { accountId: 'acc-a' } }, { term: { visibility: 'public' } }],
          },
        },
      });
    });
  });

  describe('hybridMsearchLines', () => {
    it('sends the k-NN search then the BM25 search, each under an empty header', () => {
      expect(hybridMsearchLines(query, 50)).toEqual([{}, knnSearchBody(query, 50), {}, keywordSearchBody(query, 50)]);
    });

    it('sends the k-NN search alone for a question without words', () => {
      expect(hybridMsearchLines({ ...query, text: '  ' }, 50)).toEqual([{}, knnSearchBody({ ...query, text: '  ' }, 50)]);
    });
  });

  describe('bulk lines', () => {
    it('indexes chunks without an _id, with their generation and every field', () => {
      const lines = bulkIndexLines('knowledge', [{
        accountId: 'acc-a', sourceId: 'src-1', chunkId: 'c-1', title: 'Returns', heading: 'Refunds', text: 'Within 30 days.',
        visibility: 'internal', url: 'https://shop.example/returns', embedding: [1, 0, 0],
      }], 'gen-1');

      expect(lines).toEqual([
        { index: { _index: 'knowledge' } },
        {
          accountId: 'acc-a', sourceId: 'src-1', chunkId: 'c-1', visibility: 'internal', generation: 'gen-1',
          title: 'Returns', heading: 'Refunds', text: 'Within 30 days.', url: 'https://shop.example/returns', embedding: [1, 0, 0],
        },
      ]);
    });

    it('leaves out absent optional fields', () => {
      const [, document] = bulkIndexLines('knowledge', [{
        accountId: 'acc-a', sourceId: 'src-1', chunkId: 'c-1', title: 'T', text: 'x', visibility: 'public', embedding: [1],
      }], 'gen-1');

      expect(Object.keys(document ?? {})).not.toContain('heading');
      expect(Object.keys(document ?? {})).not.toContain('url');
    });

    it('deletes by _id', () => {
      expect(bulkDeleteLines('knowledge', ['a', 'b'])).toEqual([
        { delete: { _index: 'knowledge', _id: 'a' } },
        { delete: { _index: 'knowledge', _id: 'b' } },
      ]);
    });
  });

  describe('supersededSearchBody', () => {
    it('finds a source\'s documents of other generations within the tenant, ids only', () => {
      expect(supersededSearchBody('acc-a', { sourceId: 'src-1' }, 'gen-2')).toEqual({
        size: 10_000,
        _source: false,
        query: {
          bool: {
            filter: [{ term: { accountId: 'acc-a' } }, { term: { sourceId: 'src-1' } }],
            must_not: [{ term: { generation: 'gen-2' } }],
          },
        },
      });
    });

    it('finds older copies of given chunk ids, or every document of a source when deleting', () => {
      expect(supersededSearchBody('acc-a', { chunkIds: ['c-1', 'c-2'] }, 'gen-2').query.bool.filter).toEqual([
        { term: { accountId: 'acc-a' } }, { terms: { chunkId: ['c-1', 'c-2'] } },
      ]);
      expect(supersededSearchBody('acc-a', { sourceId: 'src-1' }, undefined).query.bool).toEqual({
        filter: [{ term: { accountId: 'acc-a' } }, { term: { sourceId: 'src-1' } }],
      });
    });
  });

  describe('cosineFromKnnScore', () => {
    it('inverts the Faiss inner-product score on both sides of zero', () => {
      // Prepare: scores OpenSearch reports for cos = 0.8, 0, -0.5 (1 + cos above 0, 1 / (1 - cos) below)
      const reported = [1.8, 1, 1 / 1.5];

      // Act
      const cosines = reported.map(cosineFromKnnScore);

      // Assess
      expect(cosines[0]).toBeCloseTo(0.8, 12);
      expect(cosines[1]).toBe(0);
      expect(cosines[2]).toBeCloseTo(-0.5, 12);
    });

    it('treats a missing or nonsensical score as no similarity at all', () => {
      expect(cosineFromKnnScore(0)).toBe(-1);
      expect(cosineFromKnnScore(Number.NaN)).toBe(-1);
    });
  });
});
