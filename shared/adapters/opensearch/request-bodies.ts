/**
 * OpenSearch request bodies — layer: adapters (pure; what the OpenSearch search index sends).
 *
 * Kept apart from the I/O so the unit tests can assert every body exactly. The rules they follow
 * (docs/RETRIEVAL.md has the reasoning and the sources):
 *
 * - One shared index holds every tenant's chunks. The tenant (and, for the customer-facing bot,
 *   `visibility: public`) is a `filter` INSIDE the `knn` clause, so the engine computes the k
 *   nearest neighbours among the tenant's chunks (efficient filtering, Faiss HNSW); a filter
 *   outside the clause would cut the top k first and could leave a tenant with nothing, or be
 *   forgotten. The BM25 query carries the same filter in its `bool.filter`.
 * - Vectors: `knn_vector` with Faiss HNSW and `innerproduct` — what every OpenSearch Serverless
 *   vector collection and OpenSearch 2.x domain accept (`cosinesimil` needs Faiss from 2.19).
 *   Both embedders return unit-length vectors (Titan v2 with `normalize: true`, the local one by
 *   construction), for which the inner product IS the cosine similarity. The score OpenSearch
 *   reports is `1 + cos` for a positive cosine and `1 / (1 − cos)` otherwise; {@link cosineFromKnnScore}
 *   turns it back into the cosine.
 * - Document ids: a VECTORSEARCH collection generates `_id` itself (writes with an `_id` are for
 *   SEARCH collections only), so chunks are located by their fields and every write carries a
 *   `generation` token; "replace" = index the new generation, then delete the older documents
 *   of the same chunk or source by the `_id`s a search returns (`delete_by_query` is not among
 *   Serverless's operations).
 */
import type { IndexedChunk, SearchQuery } from '../../ports/search-index.js';

/** Fields BM25 searches, with boosts: a word in the title or heading says more than one in the text. */
export const keywordFields = ['title^2', 'heading^1.5', 'text'] as const;

/** The most documents one search returns (OpenSearch's default `index.max_result_window`). */
export const maxResultWindow = 10_000;

/** HNSW build parameters: OpenSearch's defaults for `m`, a slightly richer graph at build time. */
const hnswParameters = { m: 16, ef_construction: 128 } as const;

/** The index settings and mapping, for an embedder of `dimensions`. */
export function indexDefinition(dimensions: number) {
  return {
    settings: { index: { knn: true } },
    mappings: {
      // Unknown fields are refused rather than mapped by guesswork.
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
        // Carried for citations, never searched.
        url: { type: 'keyword', index: false },
        embedding: {
          type: 'knn_vector',
          dimension: dimensions,
          method: { name: 'hnsw', engine: 'faiss', space_type: 'innerproduct', parameters: hnswParameters },
        },
      },
    },
  } as const;
}

/** The stored document of a chunk (the `_source`). */
export function chunkDocument(chunk: IndexedChunk, generation: string) {
  return {
    accountId: chunk.accountId,
    sourceId: chunk.sourceId,
    chunkId: chunk.chunkId,
    visibility: chunk.visibility,
    generation,
    title: chunk.title,
    ...(chunk.heading === undefined ? {} : { heading: chunk.heading }),
    text: chunk.text,
    ...(chunk.url === undefined ? {} : { url: chunk.url }),
    embedding: [...chunk.embedding],
  };
}

/** The tenant filter, plus `visibility: public` for the customer-facing bot. */
export function tenantFilter(query: Pick<SearchQuery, 'accountId' | 'visibility'>) {
  return [
    { term: { accountId: query.accountId } },
    ...(query.visibility === 'public' ? [{ term: { visibility: 'public' } }] : []),
  ];
}

/** Stored fields a hit returns: everything but the vector (kilobytes per hit, never read). */
const hitSource = { excludes: ['embedding'] } as const;

/** The semantic retriever: k-NN within the tenant (the filter inside the `knn` clause). */
export function knnSearchBody(query: SearchQuery, candidates: number) {
  return {
    size: candidates,
    _source: hitSource,
    query: {
      knn: {
        embedding: {
          vector: [...query.embedding],
          k: candidates,
          filter: { bool: { filter: tenantFilter(query) } },
        },
      },
    },
  };
}

/** The keyword retriever: BM25 over title, heading and text, within the tenant. */
export function keywordSearchBody(query: SearchQuery, candidates: number) {
  return {
    size: candidates,
    _source: hitSource,
    query: {
      bool: {
        must: [{ multi_match: { query: query.text, fields: [...keywordFields], type: 'best_fields' } }],
        filter: tenantFilter(query),
      },
    },
  };
}

/**
 * The `_msearch` lines for one hybrid query (sent to `POST /<index>/_msearch`): the k-NN search,
 * then, when the question has words, the BM25 search; each under an empty header (the index is
 * in the path).
 */
export function hybridMsearchLines(query: SearchQuery, candidates: number): object[] {
  const lines: object[] = [{}, knnSearchBody(query, candidates)];
  if (query.text.trim() !== '') lines.push({}, keywordSearchBody(query, candidates));
  return lines;
}

/** The `_bulk` lines that index chunks as new documents of `generation` (ids generated by OpenSearch). */
export function bulkIndexLines(index: string, chunks: readonly IndexedChunk[], generation: string): object[] {
  return chunks.flatMap((chunk) => [{ index: { _index: index } }, chunkDocument(chunk, generation)]);
}

/** The `_bulk` lines that delete documents by `_id`. */
export function bulkDeleteLines(index: string, ids: readonly string[]): object[] {
  return ids.map((id) => ({ delete: { _index: index, _id: id } }));
}

/**
 * Finds the documents a write superseded: of one tenant, matching `scope` (the source, or the
 * chunk ids written), of any generation but the one just written. Returns ids only.
 */
export function supersededSearchBody(
  accountId: string,
  scope: { readonly sourceId: string } | { readonly chunkIds: readonly string[] },
  keepGeneration: string | undefined,
) {
  const match = 'sourceId' in scope ? { term: { sourceId: scope.sourceId } } : { terms: { chunkId: [...scope.chunkIds] } };
  return {
    size: maxResultWindow,
    _source: false,
    query: {
      bool: {
        filter: [{ term: { accountId } }, match],
        ...(keepGeneration === undefined ? {} : { must_not: [{ term: { generation: keepGeneration } }] }),
      },
    },
  };
}

/**
 * The cosine similarity behind a Faiss `innerproduct` k-NN score, for unit vectors: OpenSearch
 * reports `1 + cos` when the inner product is positive and `1 / (1 − cos)` otherwise.
 */
export function cosineFromKnnScore(score: number): number {
  if (!Number.isFinite(score) || score <= 0) return -1;
  return score >= 1 ? score - 1 : 1 - 1 / score;
}
