/**
 * The local reranker (cosine of the local embeddings, not a cross-encoder) and the local
 * embedder's token count: what the laptop uses where AWS runs Amazon Rerank and Titan v2.
 */
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../../../shared/adapters/local-model/local-embedder.js';
import { createLocalReranker, localRerankerModelId } from '../../../../shared/adapters/local-model/local-reranker.js';

describe('createLocalReranker', () => {
  const reranker = createLocalReranker();
  const documents = ['Our stores open at nine.', 'Refunds are paid back to your card within five days.', 'Gift cards never expire.'];

  it('puts the document sharing the query\'s words first, scores within 0–1', async () => {
    // Act
    const results = await reranker.rerank('when is my refund paid', documents, 3);

    // Assess
    expect(reranker.modelId).toBe(localRerankerModelId);
    expect(results[0]?.index).toBe(1);
    expect(results.map((r) => r.index).sort()).toEqual([0, 1, 2]);
    expect(results.every((r) => r.relevance >= 0 && r.relevance <= 1)).toBe(true);
  });

  it('returns at most topN results, none for no documents', async () => {
    expect(await reranker.rerank('refund', documents, 1)).toHaveLength(1);
    expect(await reranker.rerank('refund', [], 5)).toEqual([]);
  });
});

describe('createLocalEmbedder().embedWithUsage', () => {
  it('returns the same vectors as embed with tokens counted as characters / 4, rounded up per text', async () => {
    // Prepare
    const embedder = createLocalEmbedder({ dimensions: 64 });
    const texts = ['refund', 'how do refunds work?'];

    // Act
    const { vectors, inputTokens } = await embedder.embedWithUsage!(texts);

    // Assess
    expect(vectors).toEqual(await embedder.embed(texts));
    expect(inputTokens).toBe(2 + 5);
  });
});
