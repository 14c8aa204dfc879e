/**
 * Orama search index — layer: adapters (the laptop's SearchIndex; OpenSearch's stand-in).
 *
 * One in-process Orama database holds every tenant's chunks, like the one shared OpenSearch index
 * in AWS. A search runs two Orama queries — BM25 over title, heading and text, and exact cosine
 * k-NN over the embeddings — each with the tenant (and, for the customer-facing bot, `public`
 * visibility) in its `where` clause, so Orama computes top-k within the tenant. The two lists are
 * fused by the domain's `fuseHybrid`, exactly as the OpenSearch adapter fuses its own.
 *
 * Known difference from a per-tenant index: BM25's document frequencies are counted over the
 * whole database, as they are over a shared OpenSearch index; the filter decides which chunks
 * match, the statistics only weigh the words.
 */
import { count, create, getByID, insertMultiple, removeMultiple, search } from '@orama/orama';
import { englishStopWords, fuseHybrid, type RetrievalCandidate } from '../../domain/retrieval.js';
import type { IndexedChunk, SearchHit, SearchIndex, SearchQuery } from '../../ports/search-index.js';
import { SearchIndexInputError } from './errors.js';

/** Settings of the laptop's search index. */
export interface OramaSearchIndexOptions {
  /** The embedder's vector length; every chunk and query embedding must have it. */
  readonly dimensions: number;
  /**
   * How many candidates each retriever contributes before fusion (at least the query's `k`).
   * Deeper pools let a chunk ranked low by one retriever but high by the other reach the fusion.
   */
  readonly candidatesPerRetriever?: number;
}

const defaultCandidatesPerRetriever = 50;

/** The Orama schema: enums for exact `where` filters, strings for BM25, a vector for k-NN. */
function schemaFor(dimensions: number) {
  return {
    accountId: 'enum',
    sourceId: 'enum',
    visibility: 'enum',
    chunkId: 'enum',
    title: 'string',
    heading: 'string',
    text: 'string',
    embedding: `vector[${dimensions}]`,
  } as const;
}

/** The fields a search hit carries back out of Orama. */
type HitFields = Omit<SearchHit, 'score' | 'semanticScore' | 'keywordScore'>;

/** The document id: the tenant and chunk id together, so one tenant's chunk never replaces another's. */
function documentId(accountId: string, chunkId: string): string {
  return JSON.stringify([accountId, chunkId]);
}

function requireNonEmpty(field: string, value: string): void {
  if (value.length === 0) throw new SearchIndexInputError(`${field} must not be empty`);
}

function requireEmbedding(field: string, embedding: readonly number[], dimensions: number): void {
  if (embedding.length !== dimensions) {
    throw new SearchIndexInputError(`${field} must have ${dimensions} dimensions (got ${embedding.length})`);
  }
  if (!embedding.every(Number.isFinite)) throw new SearchIndexInputError(`${field} must contain finite numbers only`);
}

/**
 * Creates the in-process search index used by `npm start` and the tests.
 *
 * @example
 * const index = createOramaSearchIndex({ dimensions: embedder.dimensions });
 * await index.upsert(chunks);
 * const hits = await index.search({ accountId, text, embedding, visibility: 'public', k: 5,
 *   weights: defaultFusionWeights, minScore: 0.2 });
 */
export function createOramaSearchIndex(options: OramaSearchIndexOptions): SearchIndex {
  const { dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new SearchIndexInputError(`dimensions must be a positive integer (got ${dimensions})`);
  }
  const candidatesPerRetriever = options.candidatesPerRetriever ?? defaultCandidatesPerRetriever;
  const db = create({
    schema: schemaFor(dimensions),
    components: { tokenizer: { stemming: true, stopWords: [...englishStopWords] } },
  });

  /** The tenant filter, plus the visibility filter for the customer-facing bot; used by both retrievers. */
  function whereFor(query: SearchQuery) {
    return query.visibility === 'public'
      ? { accountId: { eq: query.accountId }, visibility: { eq: 'public' } }
      : { accountId: { eq: query.accountId } };
  }

  function validateChunk(chunk: IndexedChunk): void {
    requireNonEmpty('accountId', chunk.accountId);
    requireNonEmpty('sourceId', chunk.sourceId);
    requireNonEmpty('chunkId', chunk.chunkId);
    requireEmbedding(`embedding of chunk ${chunk.chunkId}`, chunk.embedding, dimensions);
  }

  function validateQuery(query: SearchQuery): void {
    requireNonEmpty('accountId', query.accountId);
    requireEmbedding('query embedding', query.embedding, dimensions);
    if (!Number.isInteger(query.k) || query.k < 1) {
      throw new SearchIndexInputError(`k must be a positive integer (got ${query.k})`);
    }
  }

  return {
    async upsert(chunks) {
      chunks.forEach(validateChunk);
      // Last write wins within a batch, as it would across two calls.
      const byId = new Map(chunks.map((chunk) => [documentId(chunk.accountId, chunk.chunkId), chunk]));
      const existing = [...byId.keys()].filter((id) => getByID(db, id) !== undefined);
      if (existing.length > 0) await removeMultiple(db, existing);
      // Orama keeps the inserted object and later mutates it (it nulls the vector on search), so
      // it gets a fresh copy and the caller's chunk stays untouched.
      await insertMultiple(db, [...byId].map(([id, chunk]) => ({
        id,
        accountId: chunk.accountId,
        sourceId: chunk.sourceId,
        visibility: chunk.visibility,
        chunkId: chunk.chunkId,
        title: chunk.title,
        ...(chunk.heading === undefined ? {} : { heading: chunk.heading }),
        text: chunk.text,
        embedding: [...chunk.embedding],
      })));
    },

    async deleteBySource(accountId, sourceId) {
      requireNonEmpty('accountId', accountId);
      requireNonEmpty('sourceId', sourceId);
      const found = await search(db, {
        where: { accountId: { eq: accountId }, sourceId: { eq: sourceId } },
        // Orama allocates the result array up front, so the bound is the index size, not infinity.
        limit: count(db),
      });
      if (found.hits.length > 0) await removeMultiple(db, found.hits.map((hit) => hit.id));
    },

    async search(query) {
      validateQuery(query);
      const where = whereFor(query);
      const limit = Math.max(candidatesPerRetriever, query.k);
      const semantic = await search(db, {
        mode: 'vector',
        vector: { value: [...query.embedding], property: 'embedding' },
        // Only a positive cosine is evidence of a match; fusion rescales what passes.
        similarity: Number.MIN_VALUE,
        where,
        limit,
      });
      // An empty term would make Orama list every chunk, so a blank question skips BM25.
      const keyword = query.text.trim() === ''
        ? { hits: [] }
        : await search(db, {
            term: query.text,
            properties: ['title', 'heading', 'text'],
            // Threshold 1: a chunk matching any of the question's words is a candidate.
            threshold: 1,
            where,
            limit,
          });
      const toCandidate = (hit: (typeof semantic.hits)[number]): RetrievalCandidate<HitFields> => {
        const doc = hit.document;
        // Orama types enum fields as string | number; this index only ever writes strings to them.
        const chunkId = String(doc.chunkId);
        return {
          chunkId,
          score: hit.score,
          item: {
            chunkId,
            sourceId: String(doc.sourceId),
            title: doc.title,
            ...(doc.heading === undefined ? {} : { heading: doc.heading }),
            text: doc.text,
          },
        };
      };
      const fused = fuseHybrid(semantic.hits.map(toCandidate), keyword.hits.map(toCandidate), {
        weights: query.weights,
        minScore: query.minScore,
        k: query.k,
      });
      return fused.map(({ item, score, semanticScore, keywordScore }) => ({ ...item, score, semanticScore, keywordScore }));
    },
  };
}
