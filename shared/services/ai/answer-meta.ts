/**
 * The answer's citations and trace — layer: services.
 */
import type { Citation, TraceChunk } from '../../domain/entities.js';
import type { SearchHit } from '../../ports/search-index.js';

/** A retrieved chunk in the answer's trace (excerpt ≤ 300 characters). */
export function traceChunk(hit: SearchHit): TraceChunk {
  return {
    sourceId: hit.sourceId, chunkId: hit.chunkId, title: hit.title, ...(hit.heading ? { heading: hit.heading } : {}),
    excerpt: hit.text.slice(0, 300), score: hit.score, semanticScore: hit.semanticScore, keywordScore: hit.keywordScore,
  };
}

/**
 * The citations shown with an answer: one per chunk, best first, only those scoring at least
 * {@link citationShare} of the best (a weak neighbour is context, not a source), at most 3.
 */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  const unique = citations.filter((c) => (seen.has(c.chunkId) ? false : (seen.add(c.chunkId), true))).sort((a, b) => b.score - a.score);
  const best = unique[0]?.score ?? 0;
  return unique.filter((c) => c.score >= best * citationShare).slice(0, 3);
}

/** A citation's least share of the best citation's score. */
const citationShare = 0.75;
