/**
 * Hybrid retrieval fusion — layer: domain (pure functions; no SDK, no clock).
 *
 * A knowledge search runs two retrievers over the same tenant's chunks: a semantic one (cosine
 * similarity of embeddings) and a keyword one (BM25). Their raw scores live on different scales,
 * so each list is normalised per query before a weighted sum ranks the union. Every search-index
 * adapter (Orama on the laptop, OpenSearch in AWS) fuses with these functions, so ranking is the
 * same wherever the system runs.
 *
 * Normalisation is by the list's maximum (`score / max`), not min-max: min-max maps the weakest
 * candidate fetched to 0 (so a score would depend on how deep each retriever was read) and is
 * undefined for a single hit; dividing by the maximum keeps the ratios between candidates and
 * does not depend on the candidate pool's depth, because the best candidate is always fetched.
 * Consequence worth knowing: scores are relative to the query, so `minScore` trims the weak tail
 * of a result list; it cannot tell on its own that nothing in the knowledge base is relevant.
 */

/** Who may see a knowledge chunk: `public` chunks may reach customers; `internal` only agents. */
export const knowledgeVisibilities = ['public', 'internal'] as const;
export type KnowledgeVisibility = (typeof knowledgeVisibilities)[number];

/** The weight of each retriever in the fused score. Negative weights are refused. */
export interface FusionWeights {
  readonly semantic: number;
  readonly keyword: number;
}

/** Default weights, used when a tenant has not chosen its own: meaning first, exact words second. */
export const defaultFusionWeights: FusionWeights = { semantic: 0.7, keyword: 0.3 };

/**
 * Words that carry no retrieval signal in English questions ("how do I …"). Keyword indexes and
 * the local lexical models skip them so that a question's filler words do not match every chunk.
 */
export const englishStopWords: ReadonlySet<string> = new Set([
  'a', 'about', 'am', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'can',
  'could', 'did', 'do', 'does', 'for', 'from', 'had', 'has', 'have', 'he', 'her', 'his', 'how',
  'i', 'if', 'in', 'into', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or', 'our', 'she', 'so',
  'that', 'the', 'their', 'them', 'there', 'these', 'they', 'this', 'to', 'us', 'was', 'we',
  'were', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with', 'would', 'you', 'your',
]);

/** One retriever's raw result for one chunk; `item` is whatever the adapter carries along. */
export interface RetrievalCandidate<T> {
  readonly chunkId: string;
  /** The retriever's own score (cosine similarity, BM25, …); higher is better. */
  readonly score: number;
  readonly item: T;
}

/** A chunk after fusion. `score = w.semantic × semanticScore + w.keyword × keywordScore`. */
export interface FusedCandidate<T> {
  readonly chunkId: string;
  readonly item: T;
  /** The fused score in [0, 1] (weights are scaled to sum to 1). */
  readonly score: number;
  /** The semantic score normalised by the query's best semantic score, in [0, 1]; 0 when absent. */
  readonly semanticScore: number;
  /** The keyword score normalised by the query's best keyword score, in [0, 1]; 0 when absent. */
  readonly keywordScore: number;
}

/** How to fuse: the weights, the minimum fused score kept, and how many results to return. */
export interface FusionOptions {
  readonly weights: FusionWeights;
  readonly minScore: number;
  readonly k: number;
}

/** Raised for weights that cannot rank anything (negative, not finite, or both zero). */
export class InvalidFusionWeightsError extends Error {
  constructor(weights: FusionWeights) {
    super(
      `fusion weights must be finite, non-negative and not both zero (got semantic=${weights.semantic}, keyword=${weights.keyword})`,
    );
    this.name = 'InvalidFusionWeightsError';
  }
}

/**
 * Scales weights so they sum to 1, which keeps fused scores in [0, 1] whatever scale a tenant
 * wrote its weights in (`{7, 3}` ranks exactly like `{0.7, 0.3}`).
 *
 * @throws InvalidFusionWeightsError when a weight is negative or not finite, or both are zero.
 */
export function normaliseWeights(weights: FusionWeights): FusionWeights {
  const { semantic, keyword } = weights;
  const valid = Number.isFinite(semantic) && Number.isFinite(keyword) && semantic >= 0 && keyword >= 0;
  const sum = semantic + keyword;
  if (!valid || sum <= 0) throw new InvalidFusionWeightsError(weights);
  return { semantic: semantic / sum, keyword: keyword / sum };
}

/**
 * Keeps each chunk once with its best positive score, then divides every score by the list's
 * maximum. A score that is not positive (or not finite) is no evidence of a match and is dropped.
 *
 * @example maxNormalise([{chunkId:'a',score:4,item}, {chunkId:'b',score:2,item}]) // a → 1, b → 0.5
 */
export function maxNormalise<T>(candidates: readonly RetrievalCandidate<T>[]): Map<string, RetrievalCandidate<T>> {
  const best = new Map<string, RetrievalCandidate<T>>();
  for (const candidate of candidates) {
    if (!Number.isFinite(candidate.score) || candidate.score <= 0) continue;
    const seen = best.get(candidate.chunkId);
    if (seen === undefined || candidate.score > seen.score) best.set(candidate.chunkId, candidate);
  }
  let max = 0;
  for (const candidate of best.values()) max = Math.max(max, candidate.score);
  const normalised = new Map<string, RetrievalCandidate<T>>();
  for (const [chunkId, candidate] of best) normalised.set(chunkId, { ...candidate, score: candidate.score / max });
  return normalised;
}

/** Orders by fused score, best first; equal scores fall back to chunk id so the order is total. */
function byScoreThenChunkId<T>(a: FusedCandidate<T>, b: FusedCandidate<T>): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.chunkId === b.chunkId) return 0;
  return a.chunkId < b.chunkId ? -1 : 1;
}

/**
 * Fuses a semantic and a keyword result list into one ranking: each list is deduplicated by chunk
 * and max-normalised, a chunk absent from a list scores 0 there, the weighted sum ranks the union,
 * chunks under `minScore` are dropped, and the best `k` are returned. Deterministic: the same
 * inputs give the same order, whatever order the retrievers returned them in.
 *
 * @throws InvalidFusionWeightsError for unusable weights (see {@link normaliseWeights}).
 */
export function fuseHybrid<T>(
  semantic: readonly RetrievalCandidate<T>[],
  keyword: readonly RetrievalCandidate<T>[],
  options: FusionOptions,
): FusedCandidate<T>[] {
  const weights = normaliseWeights(options.weights);
  const semanticById = maxNormalise(semantic);
  const keywordById = maxNormalise(keyword);
  const union = new Map<string, { item: T; semanticScore: number; keywordScore: number }>();
  for (const [chunkId, candidate] of semanticById) {
    union.set(chunkId, { item: candidate.item, semanticScore: candidate.score, keywordScore: 0 });
  }
  for (const [chunkId, candidate] of keywordById) {
    const seen = union.get(chunkId);
    union.set(chunkId, seen === undefined
      ? { item: candidate.item, semanticScore: 0, keywordScore: candidate.score }
      : { ...seen, keywordScore: candidate.score });
  }
  const fused: FusedCandidate<T>[] = [];
  for (const [chunkId, { item, semanticScore, keywordScore }] of union) {
    const score = weights.semantic * semanticScore + weights.keyword * keywordScore;
    if (score >= options.minScore) fused.push({ chunkId, item, score, semanticScore, keywordScore });
  }
  return fused.sort(byScoreThenChunkId).slice(0, Math.max(0, options.k));
}

/**
 * How sure retrieval is that the knowledge base answers the question, in [0, 1]: the best raw
 * cosine similarity among the hits (clamped to [0, 1]; 0 without hits). The fused scores cannot
 * say this, because they are normalised by the query's own best hit (the best is always 1); the
 * raw similarity is absolute — an unrelated question's best chunk stays far from it. The bot
 * answers only when this reaches the tenant's `minConfidence` (docs/RETRIEVAL.md, the eval).
 */
export function retrievalConfidence(hits: readonly { readonly similarity: number }[]): number {
  let best = 0;
  for (const hit of hits) if (Number.isFinite(hit.similarity)) best = Math.max(best, hit.similarity);
  return Math.min(1, best);
}
