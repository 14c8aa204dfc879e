/**
 * Knowledge sources — layer: domain (pure types and rules).
 *
 * A knowledge source is one document a tenant gives the AI agent (a Markdown page, an HTML page,
 * a PDF, an FAQ list, plain text). Its raw content lives in the attachments bucket under
 * {@link knowledgeContentKey}; its chunks live in the search index. Every change (new content,
 * re-index request) bumps `version`, and the indexer works on one version: a job for an older
 * version than the item's is stale and does nothing, so the last change always wins.
 *
 *   queued ──▶ indexing ──▶ ready
 *      ▲           │
 *      │           └──────▶ failed
 *      └── update / reindex (version + 1)
 */
import type { KnowledgeVisibility } from './retrieval.js';

/** The formats a source can have; each has its extractor in `shared/adapters/extract/`. */
export const knowledgeSourceKinds = ['text', 'markdown', 'html', 'pdf', 'faq'] as const;
export type KnowledgeSourceKind = (typeof knowledgeSourceKinds)[number];

/** Where a source is in its indexing life cycle. */
export const knowledgeSourceStatuses = ['queued', 'indexing', 'ready', 'failed'] as const;
export type KnowledgeSourceStatus = (typeof knowledgeSourceStatuses)[number];

/** Chunks embedded so far out of all chunks of the version being indexed. */
export interface IndexingProgress {
  readonly done: number;
  readonly total: number;
}

/** One knowledge source of one tenant. */
export interface KnowledgeSource {
  readonly accountId: string;
  /** ULID: sources sort by creation time. */
  readonly id: string;
  readonly kind: KnowledgeSourceKind;
  readonly title: string;
  /** `public` chunks may reach customers through the bot; `internal` ones only agents. */
  readonly visibility: KnowledgeVisibility;
  /** The page the content came from, cited in answers. */
  readonly url?: string;
  readonly status: KnowledgeSourceStatus;
  /** Why the last indexing failed, in words an admin can act on. */
  readonly error?: string;
  /** Chunks of the version in the search index (0 until the first indexing succeeds). */
  readonly chunkCount: number;
  /** Bumped by every change; the content key and the indexing job carry it. */
  readonly version: number;
  /** The raw content's object key in the attachments bucket ({@link knowledgeContentKey}). */
  readonly contentKey: string;
  /** Size of the raw content in bytes. */
  readonly sizeBytes: number;
  /** Present while `status` is `indexing`. */
  readonly progress?: IndexingProgress;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When a version was last indexed successfully. */
  readonly indexedAt?: string;
}

/** Limits on what an admin may upload (SECURITY.md §7). */
export const knowledgeLimits = {
  titleChars: 200,
  contentChars: 1_000_000,
  faqEntries: 500,
  faqQuestionChars: 1_000,
  faqAnswerChars: 10_000,
  pdfBytes: 5 * 1024 * 1024,
  urlChars: 2_000,
  /** Chunks of one source; more means the document should be split. */
  chunksPerSource: 5_000,
} as const;

/** Chunks embedded per embedder call (and per progress update). */
export const embeddingBatchSize = 32;

/**
 * The object key of one version of a source's raw content: tenant first, so a key built for one
 * account can never name another's object.
 */
export function knowledgeContentKey(accountId: string, sourceId: string, version: number): string {
  return `${knowledgeContentPrefix(accountId, sourceId)}v${version}`;
}

/** The prefix of every stored version of a source's content (deleted with the source). */
export function knowledgeContentPrefix(accountId: string, sourceId: string): string {
  return `accounts/${accountId}/knowledge/${sourceId}/`;
}

/** The content type a source's raw content is stored with. */
export function knowledgeContentType(kind: KnowledgeSourceKind): string {
  switch (kind) {
    case 'pdf':
      return 'application/pdf';
    case 'html':
      return 'text/html; charset=utf-8';
    case 'markdown':
      return 'text/markdown; charset=utf-8';
    case 'faq':
      return 'application/json';
    case 'text':
      return 'text/plain; charset=utf-8';
  }
}

/** What agents (and the realtime `knowledge.source` event) see of a source: no tenant id, no storage key. */
export type KnowledgeSourceView = Omit<KnowledgeSource, 'accountId' | 'contentKey'>;

/** The agents' view of a source. */
export function knowledgeSourceView(source: KnowledgeSource): KnowledgeSourceView {
  const { accountId: _accountId, contentKey: _contentKey, ...view } = source;
  return view;
}
