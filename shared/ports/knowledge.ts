/**
 * Knowledge source repository — layer: ports (interfaces in domain terms; no SDK types).
 *
 * The items that describe a tenant's knowledge sources (AP-70..AP-74). Their raw content is in
 * the attachments bucket (FileStorage) and their chunks in the search index (SearchIndex).
 */
import type { KnowledgeSection } from '../domain/knowledge-chunking.js';
import type { IndexingProgress, KnowledgeSource, KnowledgeSourceKind, KnowledgeSourceStatus } from '../domain/knowledge.js';

/** What an indexing step writes on the source (one version's state). */
export interface IndexingChanges {
  readonly status: KnowledgeSourceStatus;
  readonly at: string;
  /** `null` removes the progress (the version is no longer being indexed). */
  readonly progress?: IndexingProgress | null;
  /** `null` removes the error. */
  readonly error?: string | null;
  readonly chunkCount?: number;
  readonly indexedAt?: string;
}

/** The knowledge sources of the tenants. */
export interface KnowledgeSourceRepository {
  /** AP-70: stores a new source; a retry that finds the same item stored is a no-op. */
  create(source: KnowledgeSource): Promise<void>;
  /** AP-70: one source, or undefined when the account has no such source. */
  get(accountId: string, sourceId: string): Promise<KnowledgeSource | undefined>;
  /** AP-71: every source of the account, newest first. */
  list(accountId: string): Promise<KnowledgeSource[]>;
  /**
   * AP-72: replaces the source with its next version. Resolves false (and writes nothing) when
   * the stored version is no longer `expectedVersion` (a concurrent change) or the source is gone.
   */
  replaceVersion(source: KnowledgeSource, expectedVersion: number): Promise<boolean>;
  /**
   * AP-73: records indexing progress of one version. Resolves the updated source, or undefined
   * when the stored version is not `version` any more (a newer change or a deletion won).
   */
  updateIndexing(accountId: string, sourceId: string, version: number, changes: IndexingChanges): Promise<KnowledgeSource | undefined>;
  /** AP-74: deletes the source; resolves what was deleted, or undefined when there was nothing. */
  delete(accountId: string, sourceId: string): Promise<KnowledgeSource | undefined>;
}

/** A source's text, cut into sections by its structure. */
export interface ExtractedContent {
  readonly sections: KnowledgeSection[];
  /** FAQ entries: each section is exactly one chunk (a question with its answer). */
  readonly oneChunkPerSection: boolean;
}

/**
 * Turns a source's raw content into sections. Content that cannot be read rejects with an error
 * named `ExtractionError` whose message tells the admin what is wrong (a permanent failure).
 */
export interface ContentExtractor {
  extract(kind: KnowledgeSourceKind, bytes: Uint8Array): Promise<ExtractedContent>;
}
