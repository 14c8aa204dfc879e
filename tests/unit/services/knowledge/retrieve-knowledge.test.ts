// Knowledge retrieval (shared/services/knowledge/retrieve-knowledge.ts) — unit specification.
import { describe, expect, it } from 'vitest';
import { createOramaSearchIndex } from '../../../../shared/adapters/orama/orama-search-index.js';
import { defaultAiSettings, type AiSettings } from '../../../../shared/domain/ai-settings.js';
import type { Embedder } from '../../../../shared/ports/embedder.js';
import type { Reranker } from '../../../../shared/ports/reranker.js';
import type { IndexedChunk, SearchIndex } from '../../../../shared/ports/search-index.js';
import { makeRetrieveKnowledge, maxQueryChars } from '../../../../shared/services/knowledge/retrieve-knowledge.js';

const dimensions = 4;

/** A test embedder over four topics: each keyword present adds its axis (then unit length). */
const topics = ['refund', 'shipping', 'hours', 'login'] as const;
function vectorOf(text: string): number[] {
  const lower = text.toLowerCase();
  const raw = topics.map((word) => (lower.includes(word) ? 1 : 0));
  const norm = Math.hypot(...raw);
  return raw.map((value) => (norm === 0 ? 0 : value / norm));
}
function recordingEmbedder(): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return { dimensions, modelId: 'test-embedder', calls, embed: async (texts) => { calls.push([...texts]); return texts.map(vectorOf); } };
}

function chunk(overrides: Partial<IndexedChunk> & Pick<IndexedChunk, 'chunkId' | 'text'>): IndexedChunk {
  return { accountId: 'acc-a', sourceId: 'src-1', title: 'Help', visibility: 'public', embedding: vectorOf(overrides.text), ...overrides };
}

async function seededIndex(chunks: IndexedChunk[]): Promise<SearchIndex> {
  const index = createOramaSearchIndex({ dimensions });
  await index.upsert(chunks);
  return index;
}

const settings = (overrides: Partial<AiSettings> = {}): AiSettings => ({ ...defaultAiSettings, minScore: 0, ...overrides });

describe('makeRetrieveKnowledge', () => {
  it('returns the tenant\'s hits best first, with one citation per source and the source url', async () => {
    // Prepare
    const searchIndex = await seededIndex([
      chunk({ chunkId: 'r-1', sourceId: 'returns', title: 'Returns', heading: 'Refunds', text: 'Refund within 30 days', url: 'https://shop.example/returns' }),
      chunk({ chunkId: 'r-2', sourceId: 'returns', title: 'Returns', text: 'Refund to the original card after shipping back' }),
      chunk({ chunkId: 's-1', sourceId: 'shipping', title: 'Shipping', text: 'Shipping takes 3 days' }),
      chunk({ chunkId: 'b-1', accountId: 'acc-b', sourceId: 'foreign', text: 'Refund refund refund' }),
    ]);
    const retrieve = makeRetrieveKnowledge({ embedder: recordingEmbedder(), searchIndex });

    // Act
    const result = await retrieve({ accountId: 'acc-a', query: 'refund?', visibility: 'public', settings: settings() });

    // Assess
    expect(result.hits[0]?.chunkId).toBe('r-1');
    expect(result.hits.map((hit) => hit.sourceId)).not.toContain('foreign');
    expect(result.citations[0]).toEqual({
      sourceId: 'returns', chunkId: 'r-1', title: 'Returns', heading: 'Refunds', url: 'https://shop.example/returns', score: result.hits[0]?.score,
    });
    expect(new Set(result.citations.map((citation) => citation.sourceId)).size).toBe(result.citations.length);
    expect(result.embeddingTokens).toBe(0);
    expect(result.reranked).toBe(false);
  });

  it('is confident and answerable when the best hit is close to the question by meaning', async () => {
    const searchIndex = await seededIndex([chunk({ chunkId: 'r-1', text: 'Refund within 30 days' })]);
    const retrieve = makeRetrieveKnowledge({ embedder: recordingEmbedder(), searchIndex });

    const result = await retrieve({ accountId: 'acc-a', query: 'refund', visibility: 'public', settings: settings({ minConfidence: 0.9 }) });

    expect(result.confidence).toBeCloseTo(1, 6);
    expect(result.answerable).toBe(true);
  });

  it('is not answerable when the best hit is far from the question, however it ranks', async () => {
    // Prepare: the only chunk shares one of the question's two topics (cosine ≈ 0.71)
    const searchIndex = await seededIndex([chunk({ chunkId: 'r-1', text: 'Refund within 30 days' })]);
    const retrieve = makeRetrieveKnowledge({ embedder: recordingEmbedder(), searchIndex });

    // Act
    const result = await retrieve({ accountId: 'acc-a', query: 'refund after login', visibility: 'public', settings: settings({ minConfidence: 0.8 }) });

    // Assess
    expect(result.hits[0]?.score).toBe(1);
    expect(result.confidence).toBeCloseTo(Math.SQRT1_2, 6);
    expect(result.answerable).toBe(false);
  });

  it('hides internal chunks from a public retrieval and shows them to agents', async () => {
    const searchIndex = await seededIndex([chunk({ chunkId: 'i-1', text: 'Refund override codes', visibility: 'internal' })]);
    const retrieve = makeRetrieveKnowledge({ embedder: recordingEmbedder(), searchIndex });

    const forCustomers = await retrieve({ accountId: 'acc-a', query: 'refund', visibility: 'public', settings: settings() });
    const forAgents = await retrieve({ accountId: 'acc-a', query: 'refund', visibility: 'any', settings: settings() });

    expect(forCustomers).toMatchObject({ hits: [], citations: [], confidence: 0, answerable: false });
    expect(forAgents.hits.map((hit) => hit.chunkId)).toEqual(['i-1']);
  });

  it('answers a blank question with nothing, without calling the embedder', async () => {
    const embedder = recordingEmbedder();
    const retrieve = makeRetrieveKnowledge({ embedder, searchIndex: await seededIndex([chunk({ chunkId: 'r-1', text: 'Refund' })]) });

    const result = await retrieve({ accountId: 'acc-a', query: '   ', visibility: 'public', settings: settings() });

    expect(result).toEqual({ hits: [], citations: [], confidence: 0, answerable: false, embeddingTokens: 0, queryEmbedding: [], reranked: false });
    expect(embedder.calls).toEqual([]);
  });

  it('embeds at most maxQueryChars of the question, trimmed', async () => {
    const embedder = recordingEmbedder();
    const retrieve = makeRetrieveKnowledge({ embedder, searchIndex: await seededIndex([]) });

    await retrieve({ accountId: 'acc-a', query: `  ${'x'.repeat(maxQueryChars + 500)}`, visibility: 'public', settings: settings() });

    expect(embedder.calls[0]?.[0]).toHaveLength(maxQueryChars);
  });

  it('uses the tenant\'s fusion weights and minimum score, and clamps k', async () => {
    // Prepare
    const calls: unknown[] = [];
    const searchIndex: SearchIndex = {
      upsert: async () => undefined,
      deleteBySource: async () => undefined,
      replaceSource: async () => undefined,
      search: async (q) => { calls.push(q); return []; },
    };
    const retrieve = makeRetrieveKnowledge({ embedder: recordingEmbedder(), searchIndex });

    // Act
    await retrieve({ accountId: 'acc-a', query: 'refund', visibility: 'any', k: 500, settings: settings({ fusionWeights: { semantic: 0, keyword: 1 }, minScore: 0.4 }) });

    // Assess
    expect(calls).toEqual([{ accountId: 'acc-a', text: 'refund', embedding: [1, 0, 0, 0], visibility: 'any', k: 50, weights: { semantic: 0, keyword: 1 }, minScore: 0.4 }]);
  });

  it('counts the embedding tokens when the embedder reports them', async () => {
    const embedder = Object.assign(recordingEmbedder(), {
      embedWithUsage: async (texts: readonly string[]) => ({ vectors: texts.map(vectorOf), inputTokens: 7 }),
    });
    const retrieve = makeRetrieveKnowledge({ embedder, searchIndex: await seededIndex([chunk({ chunkId: 'r-1', text: 'Refund' })]) });

    const result = await retrieve({ accountId: 'acc-a', query: 'refund', visibility: 'public', settings: settings() });

    expect(result.embeddingTokens).toBe(7);
  });

  describe('reranking', () => {
    const chunks = [
      chunk({ chunkId: 'a', sourceId: 's-a', text: 'Refund refund policy' }),
      chunk({ chunkId: 'b', sourceId: 's-b', text: 'Refund and shipping' }),
      chunk({ chunkId: 'c', sourceId: 's-c', text: 'Refund, shipping, hours' }),
    ];
    function reversingReranker(): Reranker & { calls: { query: string; documents: readonly string[]; topN: number }[] } {
      const calls: { query: string; documents: readonly string[]; topN: number }[] = [];
      return {
        modelId: 'test-reranker',
        calls,
        rerank: async (query, documents, topN) => {
          calls.push({ query, documents, topN });
          return documents.map((_, index) => ({ index, relevance: (index + 1) / documents.length })).reverse().slice(0, topN);
        },
      };
    }

    it('reorders the hits by the reranker when the tenant turned it on', async () => {
      const reranker = reversingReranker();
      const retrieve = makeRetrieveKnowledge({ embedder: recordingEmbedder(), searchIndex: await seededIndex(chunks), reranker });

      const result = await retrieve({ accountId: 'acc-a', query: 'refund', visibility: 'public', k: 2, settings: settings({ rerank: true }) });

      expect(result.reranked).toBe(true);
      expect(result.hits.map((hit) => hit.chunkId)).toEqual(['c', 'b']);
      expect(result.citations.map((citation) => citation.sourceId)).toEqual(['s-c', 's-b']);
      expect(reranker.calls).toHaveLength(1);
      expect(reranker.calls[0]?.documents).toHaveLength(3);
      expect(reranker.calls[0]?.topN).toBe(2);
    });

    it('does not call the reranker when the tenant left it off', async () => {
      const reranker = reversingReranker();
      const retrieve = makeRetrieveKnowledge({ embedder: recordingEmbedder(), searchIndex: await seededIndex(chunks), reranker });

      const result = await retrieve({ accountId: 'acc-a', query: 'refund', visibility: 'public', k: 2, settings: settings() });

      expect(result.reranked).toBe(false);
      expect(result.hits.map((hit) => hit.chunkId)).toEqual(['a', 'b']);
      expect(reranker.calls).toEqual([]);
    });

    it('ignores positions the reranker made up', async () => {
      const reranker: Reranker = { modelId: 'bad', rerank: async () => [{ index: 9, relevance: 1 }, { index: 1, relevance: 0.5 }] };
      const retrieve = makeRetrieveKnowledge({ embedder: recordingEmbedder(), searchIndex: await seededIndex(chunks), reranker });

      const result = await retrieve({ accountId: 'acc-a', query: 'refund', visibility: 'public', settings: settings({ rerank: true }) });

      expect(result.hits.map((hit) => hit.chunkId)).toEqual(['b']);
    });
  });
});
