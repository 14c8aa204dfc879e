/**
 * Local reranker — layer: adapters (the laptop's Reranker; Amazon Rerank's stand-in).
 *
 * Honest about what it is: not a cross-encoder. It scores each document by the cosine of the
 * local embedder's vectors (hashed words and trigrams) with the query's, clamped to 0–1, so the
 * rerank step of retrieval runs on a laptop; it reorders by shared words, nothing deeper.
 */
import type { Reranker, RerankResult } from '../../ports/reranker.js';
import { embedText } from './local-embedder.js';
import { localRerankerModelId } from './model-ids.js';

/** The model id the local reranker reports. */
export { localRerankerModelId };

/** Vector length used for scoring only (never stored). */
const dimensions = 512;

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}

/** The documents' scores against the query, best `topN` first (ties: earlier document first). */
export function rerankLocally(query: string, documents: readonly string[], topN: number): RerankResult[] {
  const queryVector = embedText(query, dimensions);
  return documents
    .map((document, index) => ({ index, relevance: Math.max(0, Math.min(1, cosine(queryVector, embedText(document, dimensions)))) }))
    .sort((a, b) => b.relevance - a.relevance || a.index - b.index)
    .slice(0, Math.max(0, topN));
}

/**
 * Creates the laptop's reranker.
 *
 * @example
 * const [best] = await createLocalReranker().rerank('refund time', ['Shipping is free', 'Refunds take 5 days'], 1);
 * // best.index === 1
 */
export function createLocalReranker(): Reranker {
  return {
    modelId: localRerankerModelId,
    async rerank(query, documents, topN) {
      return rerankLocally(query, documents, topN);
    },
  };
}
