/**
 * OpenSearch search index — layer: adapters (the SearchIndex in AWS).
 *
 * One shared index (OpenSearch Serverless VECTORSEARCH collection, or a managed domain) holds
 * every tenant's chunks. A hybrid search is ONE `_msearch` round trip: a k-NN query whose filter
 * (the tenant, plus `public` for the bot) sits inside the `knn` clause, and a BM25 `multi_match`
 * with the same filter; the two lists are fused by the domain's `fuseHybrid`, exactly as the
 * Orama adapter does on the laptop. The bodies are in `request-bodies.ts` (unit-tested).
 *
 * Writes never name a document `_id` (a VECTORSEARCH collection generates them): each write
 * indexes a new `generation` of chunks first, then deletes what it superseded, found by a search
 * — so a reader sees the old or the new text, never neither. Known limits: Serverless makes new
 * documents searchable after a short delay (seconds), so a replacement written within that delay
 * of the previous one can leave an older copy behind until the next write of that source; and a
 * source is handled up to `maxResultWindow` (10,000) chunks per write.
 */
import { randomUUID } from 'node:crypto';
import { fuseHybrid, type RetrievalCandidate } from '../../domain/retrieval.js';
import type { IndexedChunk, SearchHit, SearchIndex, SearchQuery } from '../../ports/search-index.js';
import { OpenSearchInputError, OpenSearchRequestError } from './errors.js';
import {
  bulkDeleteLines,
  bulkIndexLines,
  cosineFromKnnScore,
  hybridMsearchLines,
  indexDefinition,
  supersededSearchBody,
} from './request-bodies.js';

/** One HTTP request to OpenSearch; `ndjson` lines are sent newline-delimited (`_bulk`, `_msearch`). */
export interface OpenSearchRequest {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  readonly path: string;
  readonly body?: object;
  readonly ndjson?: readonly object[];
}

/** Sends requests; answers every HTTP status (errors are the adapter's to interpret). */
export interface OpenSearchTransport {
  request(request: OpenSearchRequest): Promise<{ readonly statusCode: number; readonly body: unknown }>;
}

/** Settings of the OpenSearch search index. */
export interface OpenSearchSearchIndexOptions {
  readonly transport: OpenSearchTransport;
  /** The index name (one index for every tenant). */
  readonly index: string;
  /** The embedder's vector length. */
  readonly dimensions: number;
  /** Candidates each retriever contributes before fusion (at least the query's `k`; default 50). */
  readonly candidatesPerRetriever?: number;
  /** Documents per `_bulk` request (default 100: ~1024-dimension vectors stay well under 10 MiB). */
  readonly bulkBatchSize?: number;
  /** Makes a write's generation token (default a random UUID; tests pass a fixed one). */
  readonly newGeneration?: () => string;
}

const defaultCandidatesPerRetriever = 50;
const defaultBulkBatchSize = 100;
/** Chunk ids per superseded-documents search (a `terms` query). */
const chunkIdsPerLookup = 1_000;

/** The fields a hit carries (and its raw similarity). */
type HitFields = Omit<SearchHit, 'score' | 'semanticScore' | 'keywordScore'>;

interface RawHit {
  readonly _id: string;
  readonly _score: number | null;
  readonly _source?: Record<string, unknown>;
}

interface SearchResponse {
  readonly status?: number;
  readonly error?: { readonly type?: string; readonly reason?: string };
  readonly hits?: { readonly hits: readonly RawHit[] };
}

function reasonOf(body: unknown): string {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return error;
  if (error !== null && typeof error === 'object') {
    const { type, reason } = error as { type?: string; reason?: string };
    return [type, reason].filter(Boolean).join(': ') || JSON.stringify(error);
  }
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function errorType(body: unknown): string | undefined {
  const error = (body as { error?: { type?: string } } | null)?.error;
  return typeof error === 'object' && error !== null ? error.type : undefined;
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

function requireNonEmpty(field: string, value: string): void {
  if (value.length === 0) throw new OpenSearchInputError(`${field} must not be empty`);
}

/**
 * Creates the OpenSearch-backed search index.
 *
 * @example
 * const index = createOpenSearchSearchIndex({
 *   transport: createOpenSearchTransport({ endpoint, region, service: 'aoss' }), index: 'knowledge', dimensions: 1024 });
 */
export function createOpenSearchSearchIndex(options: OpenSearchSearchIndexOptions): SearchIndex {
  const { transport, index, dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new OpenSearchInputError(`dimensions must be a positive integer (got ${dimensions})`);
  }
  const candidatesPerRetriever = options.candidatesPerRetriever ?? defaultCandidatesPerRetriever;
  const bulkBatchSize = options.bulkBatchSize ?? defaultBulkBatchSize;
  const newGeneration = options.newGeneration ?? randomUUID;
  const indexPath = `/${encodeURIComponent(index)}`;
  let ready: Promise<void> | undefined;

  function requireEmbedding(field: string, embedding: readonly number[]): void {
    if (embedding.length !== dimensions) {
      throw new OpenSearchInputError(`${field} must have ${dimensions} dimensions (got ${embedding.length})`);
    }
    if (!embedding.every(Number.isFinite)) throw new OpenSearchInputError(`${field} must contain finite numbers only`);
  }

  function validateChunk(chunk: IndexedChunk): void {
    requireNonEmpty('accountId', chunk.accountId);
    requireNonEmpty('sourceId', chunk.sourceId);
    requireNonEmpty('chunkId', chunk.chunkId);
    requireEmbedding(`embedding of chunk ${chunk.chunkId}`, chunk.embedding);
  }

  /** Creates the index once per process when it does not exist (a concurrent creator is fine). */
  function ensureIndex(): Promise<void> {
    ready ??= (async () => {
      const head = await transport.request({ method: 'HEAD', path: indexPath });
      if (head.statusCode === 200) return;
      if (head.statusCode !== 404) throw new OpenSearchRequestError('index check', head.statusCode, reasonOf(head.body));
      const created = await transport.request({ method: 'PUT', path: indexPath, body: indexDefinition(dimensions) });
      if (created.statusCode === 200) return;
      // Another function created it between our check and our create.
      if (created.statusCode === 400 && errorType(created.body) === 'resource_already_exists_exception') return;
      throw new OpenSearchRequestError('index creation', created.statusCode, reasonOf(created.body));
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  }

  async function bulk(operation: string, lines: readonly object[]): Promise<void> {
    const response = await transport.request({ method: 'POST', path: '/_bulk', ndjson: lines });
    if (response.statusCode !== 200) throw new OpenSearchRequestError(operation, response.statusCode, reasonOf(response.body));
    const body = response.body as { errors?: boolean; items?: Record<string, { status: number; error?: unknown }>[] };
    if (body.errors !== true) return;
    for (const item of body.items ?? []) {
      const result = Object.values(item)[0];
      // A delete of a document already gone is the outcome wanted.
      if (result === undefined || result.status < 300 || (operation === 'delete' && result.status === 404)) continue;
      throw new OpenSearchRequestError(operation, result.status, reasonOf(result));
    }
  }

  async function indexChunks(chunks: readonly IndexedChunk[], generation: string): Promise<void> {
    for (const batch of chunked(chunks, bulkBatchSize)) await bulk('index', bulkIndexLines(index, batch, generation));
  }

  /** The `_id`s of a tenant's documents in `scope` not of `keepGeneration` (all of them without one). */
  async function supersededIds(accountId: string, scope: Parameters<typeof supersededSearchBody>[1], keepGeneration: string | undefined): Promise<string[]> {
    const response = await transport.request({ method: 'POST', path: `${indexPath}/_search`, body: supersededSearchBody(accountId, scope, keepGeneration) });
    if (response.statusCode === 404) return [];
    if (response.statusCode !== 200) throw new OpenSearchRequestError('search', response.statusCode, reasonOf(response.body));
    return ((response.body as SearchResponse).hits?.hits ?? []).map((hit) => hit._id);
  }

  async function deleteIds(ids: readonly string[]): Promise<void> {
    for (const batch of chunked(ids, bulkBatchSize * 10)) await bulk('delete', bulkDeleteLines(index, batch));
  }

  function hitFields(hit: RawHit, similarity: number): HitFields {
    const source = hit._source ?? {};
    const text = (field: string): string | undefined => (typeof source[field] === 'string' ? (source[field] as string) : undefined);
    const heading = text('heading');
    const url = text('url');
    return {
      chunkId: text('chunkId') ?? '',
      sourceId: text('sourceId') ?? '',
      title: text('title') ?? '',
      ...(heading === undefined ? {} : { heading }),
      text: text('text') ?? '',
      ...(url === undefined ? {} : { url }),
      similarity,
    };
  }

  function responseHits(response: SearchResponse | undefined, retriever: string): readonly RawHit[] {
    if (response === undefined) return [];
    if (response.error !== undefined) {
      // No chunk was ever written: nothing to find.
      if (response.error.type === 'index_not_found_exception') return [];
      throw new OpenSearchRequestError(`${retriever} search`, response.status ?? 500, reasonOf(response));
    }
    return response.hits?.hits ?? [];
  }

  return {
    async upsert(chunks) {
      chunks.forEach(validateChunk);
      if (chunks.length === 0) return;
      await ensureIndex();
      const generation = newGeneration();
      await indexChunks(chunks, generation);
      const chunkIdsByAccount = new Map<string, string[]>();
      for (const chunk of chunks) chunkIdsByAccount.set(chunk.accountId, [...(chunkIdsByAccount.get(chunk.accountId) ?? []), chunk.chunkId]);
      for (const [accountId, chunkIds] of chunkIdsByAccount) {
        for (const batch of chunked([...new Set(chunkIds)], chunkIdsPerLookup)) {
          await deleteIds(await supersededIds(accountId, { chunkIds: batch }, generation));
        }
      }
    },

    async deleteBySource(accountId, sourceId) {
      requireNonEmpty('accountId', accountId);
      requireNonEmpty('sourceId', sourceId);
      await deleteIds(await supersededIds(accountId, { sourceId }, undefined));
    },

    async replaceSource(accountId, sourceId, chunks) {
      requireNonEmpty('accountId', accountId);
      requireNonEmpty('sourceId', sourceId);
      chunks.forEach(validateChunk);
      const foreign = chunks.find((chunk) => chunk.accountId !== accountId || chunk.sourceId !== sourceId);
      if (foreign !== undefined) {
        throw new OpenSearchInputError(`chunk ${foreign.chunkId} does not belong to the source being replaced`);
      }
      const generation = newGeneration();
      if (chunks.length > 0) {
        await ensureIndex();
        await indexChunks(chunks, generation);
      }
      // New text first, then the rest of the old removed: a search in between sees old or new.
      await deleteIds(await supersededIds(accountId, { sourceId }, generation));
    },

    async search(query) {
      requireNonEmpty('accountId', query.accountId);
      requireEmbedding('query embedding', query.embedding);
      if (!Number.isInteger(query.k) || query.k < 1) throw new OpenSearchInputError(`k must be a positive integer (got ${query.k})`);
      const candidates = Math.max(candidatesPerRetriever, query.k);
      const response = await transport.request({ method: 'POST', path: `${indexPath}/_msearch`, ndjson: hybridMsearchLines(query, candidates) });
      if (response.statusCode === 404) return [];
      if (response.statusCode !== 200) throw new OpenSearchRequestError('msearch', response.statusCode, reasonOf(response.body));
      const [semanticResponse, keywordResponse] = (response.body as { responses?: SearchResponse[] }).responses ?? [];
      const semantic: RetrievalCandidate<HitFields>[] = responseHits(semanticResponse, 'k-NN').map((hit) => {
        const similarity = cosineFromKnnScore(hit._score ?? 0);
        const item = hitFields(hit, similarity);
        // The cosine is the semantic retriever's score, as in the Orama adapter; fusion drops ≤ 0.
        return { chunkId: item.chunkId, score: similarity, item };
      });
      const keyword: RetrievalCandidate<HitFields>[] = responseHits(keywordResponse, 'keyword').map((hit) => {
        // Fusion keeps the semantic item when both retrievers found a chunk, so 0 means "keyword only".
        const item = hitFields(hit, 0);
        return { chunkId: item.chunkId, score: hit._score ?? 0, item };
      });
      const fused = fuseHybrid(semantic, keyword, { weights: query.weights, minScore: query.minScore, k: query.k });
      return fused.map(({ item, score, semanticScore, keywordScore }) => ({ ...item, score, semanticScore, keywordScore }));
    },
  };
}
