// Orama search index (shared/adapters/orama) — unit specification of the laptop's SearchIndex.
import { describe, expect, it } from 'vitest';
import { createOramaSearchIndex } from '../../../../shared/adapters/orama/orama-search-index.js';
import { SearchIndexInputError } from '../../../../shared/adapters/orama/errors.js';
import { defaultFusionWeights } from '../../../../shared/domain/retrieval.js';
import type { IndexedChunk, SearchQuery } from '../../../../shared/ports/search-index.js';

const dimensions = 4;

/** Axis-aligned test vectors: each "topic" is one dimension, so cosines are easy to reason about. */
const topic = { refunds: [1, 0, 0, 0], shipping: [0, 1, 0, 0], hours: [0, 0, 1, 0], login: [0, 0, 0, 1] } as const;

function chunk(overrides: Partial<IndexedChunk> & Pick<IndexedChunk, 'chunkId'>): IndexedChunk {
  return {
    accountId: 'acc-a',
    sourceId: 'src-1',
    title: 'Refund policy',
    text: 'You can return any item within 30 days for a full refund.',
    visibility: 'public',
    embedding: topic.refunds,
    ...overrides,
  };
}

function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return {
    accountId: 'acc-a',
    text: 'refund',
    embedding: topic.refunds,
    visibility: 'any',
    k: 5,
    weights: defaultFusionWeights,
    minScore: 0,
    ...overrides,
  };
}

describe('createOramaSearchIndex', () => {
  describe('tenant isolation', () => {
    it('never returns another tenant\'s chunk, even when it is the best match', async () => {
      // Prepare
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([
        chunk({ accountId: 'acc-b', chunkId: 'b-1', text: 'refund refund refund: full refund of every refund' }),
        chunk({ accountId: 'acc-a', chunkId: 'a-1', title: 'Returns', text: 'Returns are accepted for a refund.', embedding: [0.6, 0.8, 0, 0] }),
      ]);

      // Act
      const hits = await index.search(query());

      // Assess
      expect(hits.map((hit) => hit.chunkId)).toEqual(['a-1']);
    });

    it('computes top-k within the tenant, so a tenant\'s chunks are found behind many better foreign ones', async () => {
      // Prepare: tenant B has more better matches, by meaning and by words, than each retriever's
      // candidate pool holds; a filter applied after the pool was cut would leave tenant A nothing.
      const index = createOramaSearchIndex({ dimensions, candidatesPerRetriever: 2 });
      await index.upsert([
        ...['b-1', 'b-2', 'b-3', 'b-4', 'b-5'].map((chunkId) =>
          chunk({ accountId: 'acc-b', chunkId, title: 'Refund', text: 'Refund. Refund, refund.' })),
        chunk({
          accountId: 'acc-a', chunkId: 'a-1', title: 'Orders',
          text: 'Orders ship from our warehouse and, if anything goes wrong, we refund within a week.',
          embedding: [0.5, 0.5, 0.5, 0.5],
        }),
      ]);

      // Act
      const hits = await index.search(query({ k: 2 }));

      // Assess
      expect(hits.map((hit) => hit.chunkId)).toEqual(['a-1']);
    });

    it('returns nothing for a tenant with no chunks', async () => {
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([chunk({ accountId: 'acc-b', chunkId: 'b-1' })]);

      expect(await index.search(query({ accountId: 'acc-empty' }))).toEqual([]);
    });

    it('keeps two tenants\' chunks with the same chunk id apart', async () => {
      // Prepare
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([chunk({ accountId: 'acc-a', chunkId: 'c-1', text: 'Tenant A refund rules.' })]);

      // Act
      await index.upsert([chunk({ accountId: 'acc-b', chunkId: 'c-1', text: 'Tenant B refund rules.' })]);

      // Assess
      expect((await index.search(query({ accountId: 'acc-a' })))[0]?.text).toBe('Tenant A refund rules.');
      expect((await index.search(query({ accountId: 'acc-b' })))[0]?.text).toBe('Tenant B refund rules.');
    });
  });

  describe('visibility', () => {
    it('hides internal chunks from a public query and shows them to an any query', async () => {
      // Prepare
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([
        chunk({ chunkId: 'public-1', text: 'Refunds take five days.' }),
        chunk({ chunkId: 'internal-1', visibility: 'internal', text: 'Refund override code for agents: 7731.' }),
      ]);

      // Act
      const customerHits = await index.search(query({ visibility: 'public' }));
      const agentHits = await index.search(query({ visibility: 'any' }));

      // Assess
      expect(customerHits.map((hit) => hit.chunkId)).toEqual(['public-1']);
      expect(agentHits.map((hit) => hit.chunkId).sort()).toEqual(['internal-1', 'public-1']);
    });
  });

  describe('hybrid ranking', () => {
    it('ranks first a chunk that matches both by meaning and by words', async () => {
      // Prepare: one chunk matches only by meaning, one only by words, one by both.
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([
        chunk({ chunkId: 'meaning-only', title: 'Money back', text: 'We give your money back.', embedding: topic.refunds }),
        chunk({ chunkId: 'words-only', title: 'Shipping', text: 'Shipping costs are not refunded.', embedding: topic.shipping }),
        chunk({ chunkId: 'both', title: 'Refunds', text: 'A refund reaches your card in five days.', embedding: [0.9, 0.1, 0, 0] }),
      ]);

      // Act
      const hits = await index.search(query({ text: 'refund' }));

      // Assess
      expect(hits[0]?.chunkId).toBe('both');
      expect(hits[0]?.semanticScore).toBeGreaterThan(0);
      expect(hits[0]?.keywordScore).toBeGreaterThan(0);
      expect(hits.map((hit) => hit.chunkId)).toContain('words-only');
      expect(hits.map((hit) => hit.chunkId)).toContain('meaning-only');
    });

    it('reports a score equal to the weighted sum of its parts, best first', async () => {
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([
        chunk({ chunkId: 'c-1', text: 'Refund rules.' }),
        chunk({ chunkId: 'c-2', text: 'Delivery times.', embedding: [0.7, 0.7, 0.1, 0.1] }),
      ]);

      const hits = await index.search(query({ weights: { semantic: 0.7, keyword: 0.3 } }));

      for (const hit of hits) expect(hit.score).toBeCloseTo(0.7 * hit.semanticScore + 0.3 * hit.keywordScore, 12);
      expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    });

    it('drops hits under the minimum score', async () => {
      // Prepare: c-2 matches by meaning only, weakly (cosine ≈ 0.10 → fused ≈ 0.07; c-1 scores 1).
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([
        chunk({ chunkId: 'c-1', text: 'Refund rules.' }),
        chunk({ chunkId: 'c-2', title: 'Hours', text: 'Opening hours.', embedding: [0.1, 0, 0.7, 0.7] }),
      ]);

      // Act
      const all = await index.search(query({ minScore: 0 }));
      const strong = await index.search(query({ minScore: 0.5 }));

      // Assess
      expect(all.map((hit) => hit.chunkId)).toEqual(['c-1', 'c-2']);
      expect(strong.map((hit) => hit.chunkId)).toEqual(['c-1']);
    });

    it('returns at most k hits', async () => {
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert(['c-1', 'c-2', 'c-3', 'c-4'].map((chunkId) => chunk({ chunkId })));

      expect(await index.search(query({ k: 3 }))).toHaveLength(3);
    });

    it('finds by meaning alone when the question is blank', async () => {
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([chunk({ chunkId: 'c-1' }), chunk({ chunkId: 'c-2', embedding: topic.login, text: 'Reset your password.' })]);

      const hits = await index.search(query({ text: '   ' }));

      expect(hits.map((hit) => [hit.chunkId, hit.keywordScore])).toEqual([['c-1', 0]]);
    });

    it('carries the chunk\'s fields back, heading included when present', async () => {
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([chunk({ chunkId: 'c-1', sourceId: 'src-9', heading: 'Card payments' })]);

      const [hit] = await index.search(query());

      expect(hit).toMatchObject({
        chunkId: 'c-1', sourceId: 'src-9', title: 'Refund policy', heading: 'Card payments',
        text: 'You can return any item within 30 days for a full refund.',
      });
    });
  });

  describe('writes', () => {
    it('replaces a chunk written again with the same chunk id', async () => {
      // Prepare
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([chunk({ chunkId: 'c-1', text: 'Refunds take ten days.' })]);

      // Act
      await index.upsert([chunk({ chunkId: 'c-1', text: 'Refunds take three days.' })]);

      // Assess
      const hits = await index.search(query());
      expect(hits.map((hit) => hit.text)).toEqual(['Refunds take three days.']);
    });

    it('removes every chunk of a source, and only of that source and tenant', async () => {
      // Prepare
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([
        chunk({ chunkId: 'c-1', sourceId: 'src-old' }),
        chunk({ chunkId: 'c-2', sourceId: 'src-old' }),
        chunk({ chunkId: 'c-3', sourceId: 'src-keep' }),
        chunk({ accountId: 'acc-b', chunkId: 'c-4', sourceId: 'src-old' }),
      ]);

      // Act
      await index.deleteBySource('acc-a', 'src-old');

      // Assess
      expect((await index.search(query())).map((hit) => hit.chunkId)).toEqual(['c-3']);
      expect((await index.search(query({ accountId: 'acc-b' }))).map((hit) => hit.chunkId)).toEqual(['c-4']);
    });

    it('leaves the caller\'s chunk objects untouched after a search', async () => {
      const index = createOramaSearchIndex({ dimensions });
      const original = chunk({ chunkId: 'c-1' });
      await index.upsert([original]);

      await index.search(query());

      expect(original.embedding).toEqual(topic.refunds);
    });
  });

  describe('input checks', () => {
    it('refuses an embedding of the wrong length', async () => {
      const index = createOramaSearchIndex({ dimensions });

      await expect(index.upsert([chunk({ chunkId: 'c-1', embedding: [1, 0] })])).rejects.toThrow(SearchIndexInputError);
      await expect(index.search(query({ embedding: [1, 0, 0] }))).rejects.toThrow(/4 dimensions \(got 3\)/);
    });

    it('refuses a query without a tenant', async () => {
      const index = createOramaSearchIndex({ dimensions });

      await expect(index.search(query({ accountId: '' }))).rejects.toThrow(/accountId must not be empty/);
    });

    it('refuses a k that is not a positive integer', async () => {
      const index = createOramaSearchIndex({ dimensions });

      await expect(index.search(query({ k: 0 }))).rejects.toThrow(SearchIndexInputError);
    });
  });
});
