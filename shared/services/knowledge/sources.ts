/**
 * Knowledge sources — layer: services (over the knowledge repository, file storage and job queue).
 *
 * The admins' use cases behind `/api/v1/knowledge/sources`: create, update (a new version),
 * re-index, delete, list, get, and the agents' test search. A change stores the raw content in
 * the attachments bucket under the version's key, writes the source item (status `queued`), and
 * queues an indexing job for that version; the knowledge indexer does the rest
 * (`index-source.ts`). Until a new version is indexed, search keeps answering from the previous
 * one. Everything is looked up under the caller's account, so another tenant's ids are not found.
 */
import { resolveAiSettings } from '../../domain/ai-settings.js';
import {
  knowledgeContentKey, knowledgeContentPrefix, knowledgeContentType, knowledgeLimits, type KnowledgeSource, type KnowledgeSourceKind,
} from '../../domain/knowledge.js';
import type { FaqEntry } from '../../domain/knowledge-chunking.js';
import type { KnowledgeVisibility } from '../../domain/retrieval.js';
import type { FileStorage } from '../../ports/file-storage.js';
import type { JobQueue } from '../../ports/job-queue.js';
import type { KnowledgeSourceRepository } from '../../ports/knowledge.js';
import type { AccountRepository } from '../../ports/repositories.js';
import type { SearchIndex, SearchVisibility } from '../../ports/search-index.js';
import type { Clock, Ids } from '../../ports/system.js';
import { KnowledgeSourceConflictError, KnowledgeSourceInvalidError, KnowledgeSourceNotFoundError } from './errors.js';
import type { RetrieveKnowledge, RetrieveKnowledgeResult } from './retrieve-knowledge.js';

/** What an admin sends to create or replace a source (validated for shape by the HTTP contract). */
export interface KnowledgeSourceInput {
  readonly kind: KnowledgeSourceKind;
  readonly title: string;
  readonly visibility?: KnowledgeVisibility;
  readonly url?: string;
  /** The text of `text`, `markdown` and `html` sources. */
  readonly content?: string;
  /** The entries of an `faq` source. */
  readonly faq?: readonly FaqEntry[];
  /** The bytes of a `pdf` source, base64-encoded. */
  readonly contentBase64?: string;
}

/** The ports the source use cases stand on. */
export interface KnowledgeSourceDeps {
  readonly sources: KnowledgeSourceRepository;
  readonly storage: FileStorage;
  readonly jobs: Pick<JobQueue, 'enqueueKnowledgeJob'>;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** Said on a source whose indexing job could not be queued; re-indexing queues it again. */
export const queueFailureMessage = 'Indexing could not be queued; re-index the source to try again.';

const utf8 = new TextEncoder();

/** Checks the input against its kind and turns it into the bytes to store. */
function contentBytes(input: KnowledgeSourceInput): Uint8Array {
  if (input.kind === 'pdf') {
    if (input.contentBase64 === undefined) throw new KnowledgeSourceInvalidError('A PDF source needs contentBase64');
    const bytes = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
    if (bytes.byteLength > knowledgeLimits.pdfBytes) throw new KnowledgeSourceInvalidError('The PDF is larger than 5 MB');
    if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new KnowledgeSourceInvalidError('The content is not a PDF (it must start with %PDF)');
    return bytes;
  }
  if (input.kind === 'faq') {
    const entries = (input.faq ?? [])
      .map((entry) => ({ question: entry.question.trim(), answer: entry.answer.trim() }))
      .filter((entry) => entry.question !== '' && entry.answer !== '');
    if (entries.length === 0) throw new KnowledgeSourceInvalidError('An FAQ source needs at least one question with an answer');
    return utf8.encode(JSON.stringify(entries));
  }
  const content = input.content ?? '';
  if (content.trim() === '') throw new KnowledgeSourceInvalidError(`A ${input.kind} source needs content`);
  return utf8.encode(content);
}

/** Which content fields each kind takes; any other one is a mistake worth telling. */
function checkFields(input: KnowledgeSourceInput): void {
  const given = (['content', 'faq', 'contentBase64'] as const).filter((field) => input[field] !== undefined);
  const expected = input.kind === 'pdf' ? 'contentBase64' : input.kind === 'faq' ? 'faq' : 'content';
  const extra = given.filter((field) => field !== expected);
  if (extra.length > 0) throw new KnowledgeSourceInvalidError(`A ${input.kind} source takes ${expected}, not ${extra.join(', ')}`);
}

async function load(sources: KnowledgeSourceRepository, accountId: string, sourceId: string): Promise<KnowledgeSource> {
  const source = await sources.get(accountId, sourceId);
  if (!source) throw new KnowledgeSourceNotFoundError();
  return source;
}

/** Queues the indexing of the source's version; on failure the source says so (and stays re-indexable). */
async function queueIndexing(deps: KnowledgeSourceDeps, source: KnowledgeSource): Promise<KnowledgeSource> {
  try {
    await deps.jobs.enqueueKnowledgeJob({ kind: 'index-source', accountId: source.accountId, sourceId: source.id, version: source.version });
    return source;
  } catch {
    const failed = await deps.sources.updateIndexing(source.accountId, source.id, source.version, {
      status: 'failed', at: deps.clock.nowIso(), error: queueFailureMessage, progress: null,
    });
    return failed ?? source;
  }
}

/**
 * Creates the use case behind `POST /api/v1/knowledge/sources` (and the approval of a problem's
 * fix, which adds a public Markdown source): stores the content, writes the source at version 1
 * with status `queued`, and queues its indexing.
 *
 * @example
 * const source = await createKnowledgeSource({ accountId, input: { kind: 'markdown', title: 'Returns', content: '# Returns\n…' } });
 */
export function makeCreateKnowledgeSource(deps: KnowledgeSourceDeps) {
  return async function createKnowledgeSource(args: { readonly accountId: string; readonly input: KnowledgeSourceInput }): Promise<KnowledgeSource> {
    const { accountId, input } = args;
    checkFields(input);
    const bytes = contentBytes(input);
    const id = deps.ids.next();
    const version = 1;
    const contentKey = knowledgeContentKey(accountId, id, version);
    await deps.storage.putObject({ objectKey: contentKey, contentType: knowledgeContentType(input.kind), body: bytes });
    const now = deps.clock.nowIso();
    const source: KnowledgeSource = {
      accountId, id, kind: input.kind, title: input.title.trim(), visibility: input.visibility ?? 'public',
      ...(input.url === undefined ? {} : { url: input.url }),
      status: 'queued', chunkCount: 0, version, contentKey, sizeBytes: bytes.byteLength, createdAt: now, updatedAt: now,
    };
    await deps.sources.create(source);
    return queueIndexing(deps, source);
  };
}

/**
 * Creates the use case behind `PUT /api/v1/knowledge/sources/{id}`: the source's next version
 * with the new content and settings, queued for indexing. The previous version's chunks keep
 * answering until the new ones replace them — except when the source becomes `internal`: then
 * its public chunks leave the index at once, so nothing the admin withdrew from customers can
 * still reach them while the new version is indexed.
 */
export function makeUpdateKnowledgeSource(deps: KnowledgeSourceDeps & { readonly searchIndex: Pick<SearchIndex, 'deleteBySource'> }) {
  return async function updateKnowledgeSource(args: {
    readonly accountId: string; readonly sourceId: string; readonly input: KnowledgeSourceInput;
  }): Promise<KnowledgeSource> {
    const { accountId, sourceId, input } = args;
    const current = await load(deps.sources, accountId, sourceId);
    checkFields(input);
    const bytes = contentBytes(input);
    const version = current.version + 1;
    const contentKey = knowledgeContentKey(accountId, sourceId, version);
    await deps.storage.putObject({ objectKey: contentKey, contentType: knowledgeContentType(input.kind), body: bytes });
    const { url: _url, error: _error, progress: _progress, ...kept } = current;
    const next: KnowledgeSource = {
      ...kept, kind: input.kind, title: input.title.trim(), visibility: input.visibility ?? 'public',
      ...(input.url === undefined ? {} : { url: input.url }),
      status: 'queued', version, contentKey, sizeBytes: bytes.byteLength, updatedAt: deps.clock.nowIso(),
    };
    if (!(await deps.sources.replaceVersion(next, current.version))) throw new KnowledgeSourceConflictError();
    if (current.visibility === 'public' && next.visibility === 'internal') await deps.searchIndex.deleteBySource(accountId, sourceId);
    return queueIndexing(deps, next);
  };
}

/**
 * Creates the use case behind `POST /api/v1/knowledge/sources/{id}/reindex`: the same content
 * as a new version (so a job still running for the old one stops), queued for indexing. Useful
 * after a failure or an embedding model change.
 */
export function makeReindexKnowledgeSource(deps: KnowledgeSourceDeps) {
  return async function reindexKnowledgeSource(args: { readonly accountId: string; readonly sourceId: string }): Promise<KnowledgeSource> {
    const current = await load(deps.sources, args.accountId, args.sourceId);
    const { error: _error, progress: _progress, ...kept } = current;
    const next: KnowledgeSource = { ...kept, status: 'queued', version: current.version + 1, updatedAt: deps.clock.nowIso() };
    if (!(await deps.sources.replaceVersion(next, current.version))) throw new KnowledgeSourceConflictError();
    return queueIndexing(deps, next);
  };
}

/**
 * Creates the use case behind `DELETE /api/v1/knowledge/sources/{id}`: removes the source's
 * chunks from the search index first (so nothing the admin deleted can be retrieved), then the
 * item, then every stored version of its content. An indexing job still running finds the item
 * gone and removes what it wrote (see `index-source.ts`).
 */
export function makeDeleteKnowledgeSource(deps: Pick<KnowledgeSourceDeps, 'sources' | 'storage'> & { readonly searchIndex: Pick<SearchIndex, 'deleteBySource'> }) {
  return async function deleteKnowledgeSource(args: { readonly accountId: string; readonly sourceId: string }): Promise<void> {
    const { accountId, sourceId } = args;
    await load(deps.sources, accountId, sourceId);
    await deps.searchIndex.deleteBySource(accountId, sourceId);
    const deleted = await deps.sources.delete(accountId, sourceId);
    if (!deleted) throw new KnowledgeSourceNotFoundError();
    await deps.storage.deleteObjects(knowledgeContentPrefix(accountId, sourceId));
  };
}

/** Creates the use case behind `GET /api/v1/knowledge/sources`: the account's sources, newest first. */
export function makeListKnowledgeSources(deps: Pick<KnowledgeSourceDeps, 'sources'>) {
  return async function listKnowledgeSources(args: { readonly accountId: string }): Promise<KnowledgeSource[]> {
    return deps.sources.list(args.accountId);
  };
}

/** Creates the use case behind `GET /api/v1/knowledge/sources/{id}`. */
export function makeGetKnowledgeSource(deps: Pick<KnowledgeSourceDeps, 'sources'>) {
  return async function getKnowledgeSource(args: { readonly accountId: string; readonly sourceId: string }): Promise<KnowledgeSource> {
    return load(deps.sources, args.accountId, args.sourceId);
  };
}

/**
 * Creates the use case behind `GET /api/v1/knowledge/search`: the agents' test search, through
 * the same retrieval as the bot with the account's AI settings (weights, minimum score,
 * confidence threshold), so an admin sees what the bot would find.
 */
export function makeSearchKnowledge(deps: { readonly accounts: Pick<AccountRepository, 'get'>; readonly retrieve: RetrieveKnowledge }) {
  return async function searchKnowledge(args: {
    readonly accountId: string; readonly query: string; readonly visibility: SearchVisibility; readonly k?: number;
  }): Promise<RetrieveKnowledgeResult> {
    const account = await deps.accounts.get(args.accountId);
    const settings = resolveAiSettings(account?.ai);
    return deps.retrieve({ accountId: args.accountId, query: args.query, visibility: args.visibility, settings, ...(args.k === undefined ? {} : { k: args.k }) });
  };
}
