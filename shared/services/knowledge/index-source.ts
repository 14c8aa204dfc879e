/**
 * Indexing one version of a knowledge source — layer: services (over the knowledge repository,
 * file storage, content extractor, embedder and search index).
 *
 *   job {accountId, sourceId, version}
 *     ├─ source missing, or newer than the job ─────────────▶ stale (nothing to do)
 *     ├─ status indexing, progress 0/N (conditional on the version)
 *     ├─ read content ─▶ extract sections ─▶ chunk (domain) ─▶ embed in batches (progress written)
 *     ├─ searchIndex.replaceSource (new chunks first, then the old ones removed)
 *     └─ status ready, chunkCount, indexedAt (conditional on the version)
 *
 * Every status write is conditional on the job's version, so an old job can never overwrite a
 * newer version's state; a change made meanwhile makes the running job stop at its next write.
 * Content that cannot be read (a broken PDF, no text) fails the source at once with a reason an
 * admin can act on; other errors (the embedder or the index unavailable) are thrown so the queue
 * retries them, and the last attempt marks the source failed instead of leaving it `indexing`.
 */
import {
  chunkEmbeddingText, chunkSections, knowledgeChunkId, type KnowledgeChunk,
} from '../../domain/knowledge-chunking.js';
import { embeddingBatchSize, knowledgeLimits, type KnowledgeSource } from '../../domain/knowledge.js';
import type { Embedder } from '../../ports/embedder.js';
import type { FileStorage } from '../../ports/file-storage.js';
import type { KnowledgeJob } from '../../ports/job-queue.js';
import type { ContentExtractor, KnowledgeSourceRepository } from '../../ports/knowledge.js';
import type { IndexedChunk, SearchIndex } from '../../ports/search-index.js';
import type { Clock } from '../../ports/system.js';
import { KnowledgeSourceNotYetVisibleError } from './errors.js';

/** The ports the indexer stands on. */
export interface IndexSourceDeps {
  readonly sources: KnowledgeSourceRepository;
  readonly storage: Pick<FileStorage, 'getObject'>;
  readonly extractor: ContentExtractor;
  readonly embedder: Embedder;
  readonly searchIndex: Pick<SearchIndex, 'replaceSource' | 'deleteBySource'>;
  readonly clock: Clock;
  /**
   * Tells the account's admins that a source failed (a `knowledge_failed` notification). Best
   * effort: a notification that cannot be stored does not fail the job.
   */
  readonly notifyFailure?: (input: { readonly accountId: string; readonly sourceId: string; readonly title: string; readonly error: string }) => Promise<void>;
}

/** How the job's delivery stands: the last attempt turns a transient error into a failed source. */
export interface IndexAttempt {
  readonly lastAttempt: boolean;
}

/** What became of a job. */
export type IndexSourceResult =
  | { readonly outcome: 'indexed'; readonly chunkCount: number }
  | { readonly outcome: 'stale' }
  | { readonly outcome: 'failed'; readonly error: string };

/** A failure that retrying cannot fix; its message is shown on the source. */
class PermanentIndexingFailure extends Error {
  override readonly name = 'PermanentIndexingFailure';
}

/** A change (new version, deletion) overtook the job while it ran. */
class Overtaken extends Error {
  override readonly name = 'Overtaken';
}

/** Chunks of the extracted content: FAQ entries whole, everything else by the chunking rules. */
function chunksOf(extracted: Awaited<ReturnType<ContentExtractor['extract']>>): KnowledgeChunk[] {
  if (!extracted.oneChunkPerSection) return chunkSections(extracted.sections);
  return extracted.sections.flatMap((section, index) => (section.text.trim() ? [{ index, ...(section.heading ? { heading: section.heading } : {}), text: section.text.trim() }] : []))
    .map((chunk, index) => ({ ...chunk, index }));
}

/**
 * Creates the knowledge indexer's use case.
 *
 * @example
 * const indexSource = makeIndexSource({ sources, storage, extractor, embedder, searchIndex, clock });
 * await indexSource({ kind: 'index-source', accountId, sourceId, version: 2 }, { lastAttempt: false });
 */
export function makeIndexSource(deps: IndexSourceDeps) {
  async function mark(job: KnowledgeJob, changes: Parameters<KnowledgeSourceRepository['updateIndexing']>[3]): Promise<KnowledgeSource> {
    const updated = await deps.sources.updateIndexing(job.accountId, job.sourceId, job.version, changes);
    if (!updated) throw new Overtaken();
    return updated;
  }

  async function fail(job: KnowledgeJob, error: string): Promise<IndexSourceResult> {
    const failed = await deps.sources.updateIndexing(job.accountId, job.sourceId, job.version, {
      status: 'failed', at: deps.clock.nowIso(), error, progress: null,
    });
    if (!failed) return { outcome: 'stale' };
    await deps.notifyFailure?.({ accountId: job.accountId, sourceId: job.sourceId, title: failed.title, error }).catch(() => undefined);
    return { outcome: 'failed', error };
  }

  /** After the chunks were written: a deleted source must not keep them. */
  async function cleanUpIfDeleted(job: KnowledgeJob): Promise<void> {
    const source = await deps.sources.get(job.accountId, job.sourceId);
    if (!source) await deps.searchIndex.deleteBySource(job.accountId, job.sourceId);
  }

  async function run(job: KnowledgeJob, source: KnowledgeSource): Promise<IndexSourceResult> {
    const bytes = await deps.storage.getObject(source.contentKey);
    if (bytes === undefined) throw new PermanentIndexingFailure('The stored content of this source is missing; save the source again.');

    let chunks: KnowledgeChunk[];
    try {
      chunks = chunksOf(await deps.extractor.extract(source.kind, bytes));
    } catch (error) {
      if (error instanceof Error && error.name === 'ExtractionError') throw new PermanentIndexingFailure(error.message);
      throw error;
    }
    if (chunks.length === 0) throw new PermanentIndexingFailure('The source has no text to index.');
    if (chunks.length > knowledgeLimits.chunksPerSource) {
      throw new PermanentIndexingFailure(`The source is too long (${chunks.length} chunks; at most ${knowledgeLimits.chunksPerSource}): split it into several sources.`);
    }

    await mark(job, { status: 'indexing', at: deps.clock.nowIso(), progress: { done: 0, total: chunks.length }, error: null });
    const indexed: IndexedChunk[] = [];
    for (let start = 0; start < chunks.length; start += embeddingBatchSize) {
      const batch = chunks.slice(start, start + embeddingBatchSize);
      const vectors = await deps.embedder.embed(batch.map((chunk) => chunkEmbeddingText(source.title, chunk)));
      batch.forEach((chunk, i) => {
        const embedding = vectors[i];
        if (!embedding || embedding.length !== deps.embedder.dimensions) throw new Error('The embedder returned a vector of the wrong size');
        indexed.push({
          accountId: source.accountId,
          sourceId: source.id,
          chunkId: knowledgeChunkId(source.id, source.version, chunk.index),
          title: source.title,
          ...(chunk.heading === undefined ? {} : { heading: chunk.heading }),
          text: chunk.text,
          visibility: source.visibility,
          ...(source.url === undefined ? {} : { url: source.url }),
          embedding,
        });
      });
      // Progress doubles as the "still current?" check: a newer version stops this job here.
      await mark(job, { status: 'indexing', at: deps.clock.nowIso(), progress: { done: indexed.length, total: chunks.length } });
    }

    await deps.searchIndex.replaceSource(source.accountId, source.id, indexed);
    const at = deps.clock.nowIso();
    const ready = await deps.sources.updateIndexing(job.accountId, job.sourceId, job.version, {
      status: 'ready', at, progress: null, error: null, chunkCount: indexed.length, indexedAt: at,
    });
    if (!ready) {
      await cleanUpIfDeleted(job);
      return { outcome: 'stale' };
    }
    return { outcome: 'indexed', chunkCount: indexed.length };
  }

  return async function indexSource(job: KnowledgeJob, attempt: IndexAttempt): Promise<IndexSourceResult> {
    const source = await deps.sources.get(job.accountId, job.sourceId);
    if (!source || source.version > job.version) return { outcome: 'stale' };
    if (source.version < job.version) throw new KnowledgeSourceNotYetVisibleError();
    // A redelivered job of a version already indexed (or already failed for good) has nothing to do.
    if (source.status === 'ready' || source.status === 'failed') return { outcome: 'stale' };
    try {
      return await run(job, source);
    } catch (error) {
      if (error instanceof Overtaken) return { outcome: 'stale' };
      if (error instanceof PermanentIndexingFailure) return fail(job, error.message);
      if (attempt.lastAttempt) {
        return fail(job, `Indexing failed after several attempts (${error instanceof Error ? error.message : 'unknown error'}); re-index the source to try again.`);
      }
      throw error;
    }
  };
}

/** The indexer's use case type, for the queue handler's dependencies. */
export type IndexSource = ReturnType<typeof makeIndexSource>;
