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
 *
 * Persistence (optional): with `snapshotFile`, the database is loaded from that file at start
 * and written back after changes (debounced; written to a temporary file and renamed, so a crash
 * leaves the previous snapshot whole), so `npm start` keeps indexed knowledge across restarts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { count, create, getByID, insertMultiple, load, removeMultiple, save, search, type RawData } from '@orama/orama';
import { englishStopWords, fuseHybrid, type RetrievalCandidate } from '../../domain/retrieval.js';
import type { IndexedChunk, SearchHit, SearchIndex, SearchQuery } from '../../ports/search-index.js';
import { SearchIndexInputError, SearchIndexSnapshotError } from './errors.js';

/** Settings of the laptop's search index. */
export interface OramaSearchIndexOptions {
  /** The embedder's vector length; every chunk and query embedding must have it. */
  readonly dimensions: number;
  /**
   * How many candidates each retriever contributes before fusion (at least the query's `k`).
   * Deeper pools let a chunk ranked low by one retriever but high by the other reach the fusion.
   */
  readonly candidatesPerRetriever?: number;
  /** A JSON file the index is loaded from at start and saved to after changes; none: memory only. */
  readonly snapshotFile?: string;
  /** How long after the last change the snapshot is written (default 250 ms). */
  readonly snapshotDebounceMs?: number;
}

/** The laptop's search index: the port, plus writing a pending snapshot now. */
export interface OramaSearchIndex extends SearchIndex {
  /** Writes the snapshot if a change is pending (no-op without `snapshotFile`); rejects if writing failed. */
  flush(): Promise<void>;
}

const defaultCandidatesPerRetriever = 50;
const defaultSnapshotDebounceMs = 250;
/** Bumped when the stored shape changes, so an old snapshot is refused instead of misread. */
const snapshotFormat = 1;

/** What the snapshot file holds. */
interface Snapshot {
  readonly format: number;
  readonly dimensions: number;
  readonly raw: RawData;
}

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
    url: 'string',
    embedding: `vector[${dimensions}]`,
  } as const;
}

/** The fields a search hit carries back out of Orama (and its raw similarity). */
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
export function createOramaSearchIndex(options: OramaSearchIndexOptions): OramaSearchIndex {
  const { dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new SearchIndexInputError(`dimensions must be a positive integer (got ${dimensions})`);
  }
  const candidatesPerRetriever = options.candidatesPerRetriever ?? defaultCandidatesPerRetriever;
  const db = create({
    schema: schemaFor(dimensions),
    components: { tokenizer: { stemming: true, stopWords: [...englishStopWords] } },
  });
  const { snapshotFile } = options;
  if (snapshotFile !== undefined) loadSnapshot(db, snapshotFile, dimensions);
  const snapshots = snapshotFile === undefined
    ? undefined
    : snapshotWriter(() => JSON.stringify({ format: snapshotFormat, dimensions, raw: save(db) } satisfies Snapshot), snapshotFile, options.snapshotDebounceMs ?? defaultSnapshotDebounceMs);
  const changed = (): void => snapshots?.schedule();

  /** The ids of one source's chunks of one tenant. */
  async function idsOfSource(accountId: string, sourceId: string): Promise<string[]> {
    const found = await search(db, {
      where: { accountId: { eq: accountId }, sourceId: { eq: sourceId } },
      // Orama allocates the result array up front, so the bound is the index size, not infinity.
      limit: Math.max(1, count(db)),
    });
    return found.hits.map((hit) => hit.id);
  }

  /** Inserts chunks, replacing those with the same document id. */
  async function write(chunks: readonly IndexedChunk[]): Promise<void> {
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
      ...(chunk.url === undefined ? {} : { url: chunk.url }),
      embedding: [...chunk.embedding],
    })));
  }

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
      if (chunks.length === 0) return;
      await write(chunks);
      changed();
    },

    async deleteBySource(accountId, sourceId) {
      requireNonEmpty('accountId', accountId);
      requireNonEmpty('sourceId', sourceId);
      const ids = await idsOfSource(accountId, sourceId);
      if (ids.length === 0) return;
      await removeMultiple(db, ids);
      changed();
    },

    async replaceSource(accountId, sourceId, chunks) {
      requireNonEmpty('accountId', accountId);
      requireNonEmpty('sourceId', sourceId);
      chunks.forEach(validateChunk);
      const foreign = chunks.find((chunk) => chunk.accountId !== accountId || chunk.sourceId !== sourceId);
      if (foreign !== undefined) {
        throw new SearchIndexInputError(`chunk ${foreign.chunkId} does not belong to the source being replaced`);
      }
      // New text first, then the rest of the old removed: a search in between sees old or new.
      if (chunks.length > 0) await write(chunks);
      const keep = new Set(chunks.map((chunk) => documentId(accountId, chunk.chunkId)));
      const stale = (await idsOfSource(accountId, sourceId)).filter((id) => !keep.has(id));
      if (stale.length > 0) await removeMultiple(db, stale);
      changed();
    },

    async flush() {
      await snapshots?.flush();
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
      const toCandidate = (retriever: 'semantic' | 'keyword') => (hit: (typeof semantic.hits)[number]): RetrievalCandidate<HitFields> => {
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
            ...(doc.url === undefined ? {} : { url: doc.url }),
            // Orama's vector score is the cosine similarity; fusion keeps the semantic item when
            // both retrievers found a chunk, so a keyword-only hit is the one with 0.
            similarity: retriever === 'semantic' ? hit.score : 0,
          },
        };
      };
      const fused = fuseHybrid(semantic.hits.map(toCandidate('semantic')), keyword.hits.map(toCandidate('keyword')), {
        weights: query.weights,
        minScore: query.minScore,
        k: query.k,
      });
      return fused.map(({ item, score, semanticScore, keywordScore }) => ({ ...item, score, semanticScore, keywordScore }));
    },
  };
}

/** Loads the snapshot file into `db` when it exists; refuses one of another format or dimension. */
function loadSnapshot(db: Parameters<typeof load>[0], file: string, dimensions: number): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new SearchIndexSnapshotError(file, `cannot be read (${(error as Error).message})`);
  }
  let snapshot: Partial<Snapshot>;
  try {
    snapshot = JSON.parse(text) as Partial<Snapshot>;
  } catch {
    throw new SearchIndexSnapshotError(file, 'is not valid JSON');
  }
  if (snapshot.format !== snapshotFormat || snapshot.raw === undefined) {
    throw new SearchIndexSnapshotError(file, `is not a format-${snapshotFormat} search index snapshot`);
  }
  if (snapshot.dimensions !== dimensions) {
    throw new SearchIndexSnapshotError(file, `holds ${String(snapshot.dimensions)}-dimension embeddings but the embedder makes ${dimensions}`);
  }
  load(db, snapshot.raw);
}

/**
 * Debounced, serialised, atomic snapshot writes: changes within the debounce window make one
 * write; writes never overlap; each goes to a temporary file renamed over the snapshot.
 */
function snapshotWriter(serialise: () => string, file: string, debounceMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  mkdirSync(dirname(file), { recursive: true });

  function persist(): Promise<void> {
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(temporary, serialise());
        await rename(temporary, file);
        failure = undefined;
      } catch (error) {
        // Kept for flush() to report; the next change tries again.
        failure = error as Error;
        dirty = true;
      }
    });
    return writing;
  }

  return {
    schedule(): void {
      dirty = true;
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void persist();
      }, debounceMs);
      // A pending snapshot must not keep a finished process (a test run) alive.
      timer.unref();
    },
    async flush(): Promise<void> {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      await persist();
      if (failure !== undefined) throw new SearchIndexSnapshotError(file, `could not be written (${failure.message})`);
    },
  };
}
