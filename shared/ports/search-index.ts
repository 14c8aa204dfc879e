/**
 * Search index port — layer: ports (interfaces in domain terms; no SDK types).
 *
 * Holds the tenants' knowledge chunks for hybrid retrieval (semantic + keyword, fused by
 * `shared/domain/retrieval.ts`). One shared index serves every tenant, so the tenant is part of
 * every call: a query's `accountId` is mandatory and adapters apply it inside both the vector and
 * the keyword query, so top-k is computed within the tenant (SECURITY.md §4), never filtered after.
 * Adapters: `shared/adapters/orama/` on the laptop; OpenSearch in AWS.
 */
import type { FusionWeights, KnowledgeVisibility } from '../domain/retrieval.js';

/** One chunk of a knowledge source, with its embedding, as written to the index. */
export interface IndexedChunk {
  /** The owning tenant; from the indexing job, which took it from verified credentials. */
  readonly accountId: string;
  /** The knowledge source (document, web page, product) the chunk was cut from. */
  readonly sourceId: string;
  /** Unique within the account; writing the same id again replaces the chunk. */
  readonly chunkId: string;
  readonly title: string;
  /** The section heading the chunk sits under, when the source has one. */
  readonly heading?: string;
  readonly text: string;
  readonly visibility: KnowledgeVisibility;
  /** The source's public link (a web page's address), carried to hits for citations. */
  readonly url?: string;
  /** From the configured embedder; its length is the index's dimension count. */
  readonly embedding: readonly number[];
}

/** Which chunks a query may see: `public` for the customer-facing bot, `any` for agents. */
export type SearchVisibility = 'public' | 'any';

/** A hybrid query, always scoped to one tenant. */
export interface SearchQuery {
  /** The caller's tenant, from verified credentials — never from a request body. */
  readonly accountId: string;
  /** The words for the keyword (BM25) retriever. */
  readonly text: string;
  /** The embedding of `text`, for the semantic retriever. */
  readonly embedding: readonly number[];
  readonly visibility: SearchVisibility;
  /** How many fused results to return at most. */
  readonly k: number;
  /** The tenant's retriever weights (default `defaultFusionWeights`, 0.7 / 0.3). */
  readonly weights: FusionWeights;
  /** Fused results scoring below this (in [0, 1]) are dropped. */
  readonly minScore: number;
}

/** One fused result. `score = w.semantic × semanticScore + w.keyword × keywordScore`, w summing to 1. */
export interface SearchHit {
  readonly chunkId: string;
  readonly sourceId: string;
  readonly title: string;
  readonly heading?: string;
  readonly text: string;
  /** The fused score in [0, 1]; hits come best first. */
  readonly score: number;
  /** The semantic score normalised by the query's best, in [0, 1]; 0 when the retriever missed it. */
  readonly semanticScore: number;
  /** The keyword score normalised by the query's best, in [0, 1]; 0 when the retriever missed it. */
  readonly keywordScore: number;
  /**
   * The raw cosine similarity of the chunk's embedding to the query's, in [-1, 1]; 0 when the
   * semantic retriever did not return the chunk. Unlike the normalised scores it does not depend
   * on the other hits, so it can tell that nothing relevant was found (retrieval confidence).
   */
  readonly similarity: number;
  /** The source's public link, when it has one (citations). */
  readonly url?: string;
}

/** The tenants' knowledge index. */
export interface SearchIndex {
  /** Writes chunks; a chunk whose `(accountId, chunkId)` exists replaces it. */
  upsert(chunks: readonly IndexedChunk[]): Promise<void>;
  /** Removes every chunk of one source of one tenant (re-indexing or deleting a source). */
  deleteBySource(accountId: string, sourceId: string): Promise<void>;
  /**
   * Makes `chunks` the source's whole content: the new chunks are written first, then the
   * source's chunks not among them are removed, so a search during re-indexing sees the old or
   * the new text, never nothing. Every chunk must belong to `(accountId, sourceId)`.
   */
  replaceSource(accountId: string, sourceId: string, chunks: readonly IndexedChunk[]): Promise<void>;
  /** Hybrid search within `query.accountId`, best first, at most `query.k` hits. */
  search(query: SearchQuery): Promise<SearchHit[]>;
}
