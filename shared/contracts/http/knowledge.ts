/**
 * The knowledge routes of the agents' API — layer: contracts (function `agent-api`, prefix
 * `/api/v1`, tag `Knowledge`). docs/API.md "Knowledge", docs/KNOWLEDGE.md.
 *
 * Admins add, replace, re-index and delete the sources the AI agent answers from; every agent
 * may list them and run the test search. The account always comes from the session; a source id
 * of another tenant answers 404, and the search only ever reads the caller's chunks.
 */
import * as z from 'zod/mini';
import { knowledgeLimits, knowledgeSourceKinds, knowledgeSourceStatuses } from '../../domain/knowledge.js';
import { knowledgeVisibilities } from '../../domain/retrieval.js';
import { defineRoute } from './route.js';

const tag = 'Knowledge';
const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (26-character ULID)'));
const SourcePath = z.object({ sourceId: ulid });

/** Base64 characters of the largest PDF accepted (4 characters per 3 bytes). */
const maxPdfBase64Chars = Math.ceil(knowledgeLimits.pdfBytes / 3) * 4;
/**
 * Largest request body: the largest PDF in base64 or 1,000,000 characters of text (up to 4 bytes
 * each in UTF-8), with room for the JSON around them.
 */
export const knowledgeMaxBodyBytes = 7 * 1024 * 1024;

/** One FAQ entry. */
export const FaqEntryBody = z.object({
  question: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(knowledgeLimits.faqQuestionChars)),
  answer: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(knowledgeLimits.faqAnswerChars)),
});

/** What an admin sends to create or replace a source; the content field must match the kind. */
export const KnowledgeSourceBody = z.object({
  kind: z.enum(knowledgeSourceKinds),
  title: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(knowledgeLimits.titleChars)),
  visibility: z._default(z.enum(knowledgeVisibilities), 'public'),
  url: z.optional(z.string().check(z.maxLength(knowledgeLimits.urlChars), z.regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL'))),
  /** `text`, `markdown` and `html` sources. */
  content: z.optional(z.string().check(z.maxLength(knowledgeLimits.contentChars))),
  /** `faq` sources. */
  faq: z.optional(z.array(FaqEntryBody).check(z.minLength(1, 'needs at least one entry'), z.maxLength(knowledgeLimits.faqEntries))),
  /** `pdf` sources: the file, base64-encoded; it must start with `%PDF`. */
  contentBase64: z.optional(z.string().check(z.maxLength(maxPdfBase64Chars, 'must be at most 5 MB once decoded'), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'))),
});

/** What agents see of a source. */
export const KnowledgeSourceView = z.object({
  id: z.string(),
  kind: z.enum(knowledgeSourceKinds),
  title: z.string(),
  visibility: z.enum(knowledgeVisibilities),
  url: z.optional(z.string()),
  status: z.enum(knowledgeSourceStatuses),
  /** Why the last indexing failed. */
  error: z.optional(z.string()),
  chunkCount: z.number(),
  version: z.number(),
  sizeBytes: z.number(),
  /** While indexing: chunks embedded so far of all chunks. */
  progress: z.optional(z.object({ done: z.number(), total: z.number() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  indexedAt: z.optional(z.string()),
});

const SourceResponse = z.object({ source: KnowledgeSourceView });

/** One hit of the test search. */
export const KnowledgeHitView = z.object({
  chunkId: z.string(),
  sourceId: z.string(),
  title: z.string(),
  heading: z.optional(z.string()),
  text: z.string(),
  score: z.number(),
  semanticScore: z.number(),
  keywordScore: z.number(),
});

export const ListKnowledgeSources = defineRoute({
  method: 'GET', path: '/api/v1/knowledge/sources', tag, auth: 'agent',
  summary: "List the account's knowledge sources",
  description: 'Newest first. Live changes (status, progress) arrive as `knowledge.source` events on the `account` topic.',
  response: { status: 200, description: "The account's sources", schema: z.object({ sources: z.array(KnowledgeSourceView) }) },
});

export const CreateKnowledgeSource = defineRoute({
  method: 'POST', path: '/api/v1/knowledge/sources', tag, auth: 'admin',
  summary: 'Add a knowledge source',
  description: 'Send `content` for `text`, `markdown` and `html`, `faq` for `faq` and `contentBase64` for `pdf`. '
    + 'The source is stored and queued for indexing (status `queued`, then `indexing` with progress, then `ready` or `failed`).',
  body: KnowledgeSourceBody,
  maxBodyBytes: knowledgeMaxBodyBytes,
  response: { status: 202, description: 'The source, queued for indexing', schema: SourceResponse },
  errors: [403],
});

export const GetKnowledgeSource = defineRoute({
  method: 'GET', path: '/api/v1/knowledge/sources/{sourceId}', tag, auth: 'agent',
  summary: 'Get one knowledge source',
  params: SourcePath,
  response: { status: 200, description: 'The source', schema: SourceResponse },
});

export const UpdateKnowledgeSource = defineRoute({
  method: 'PUT', path: '/api/v1/knowledge/sources/{sourceId}', tag, auth: 'admin',
  summary: 'Replace a knowledge source (a new version)',
  description: 'Same body as creating. The previous version keeps answering until the new one is indexed, then its chunks are removed; '
    + 'a source made `internal` leaves the index at once instead (customers never see it again).',
  params: SourcePath,
  body: KnowledgeSourceBody,
  maxBodyBytes: knowledgeMaxBodyBytes,
  response: { status: 202, description: 'The source, its new version queued for indexing', schema: SourceResponse },
  errors: [403, 409],
});

export const ReindexKnowledgeSource = defineRoute({
  method: 'POST', path: '/api/v1/knowledge/sources/{sourceId}/reindex', tag, auth: 'admin',
  summary: 'Index a knowledge source again',
  description: 'Queues the same content as a new version (after a failure, or a change of the embedding model).',
  params: SourcePath,
  response: { status: 202, description: 'The source, queued for indexing', schema: SourceResponse },
  errors: [403, 409],
});

export const DeleteKnowledgeSource = defineRoute({
  method: 'DELETE', path: '/api/v1/knowledge/sources/{sourceId}', tag, auth: 'admin',
  summary: 'Delete a knowledge source',
  description: 'Its chunks leave the search index first, then the source and its stored content.',
  params: SourcePath,
  response: { status: 204, description: 'Deleted' },
  errors: [403],
});

export const SearchKnowledge = defineRoute({
  method: 'GET', path: '/api/v1/knowledge/search', tag, auth: 'agent',
  summary: 'Test search over the knowledge base',
  description: "The bot's retrieval with the account's AI settings. `visibility=public` shows what the bot may use with customers; "
    + '`any` (default) also searches internal sources. `answerable` is whether the bot would answer (confidence ≥ the minimum).',
  query: z.object({
    q: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(2000)),
    visibility: z._default(z.enum(['public', 'any']), 'any'),
  }),
  response: {
    status: 200, description: 'The best chunks, with their scores',
    schema: z.object({ hits: z.array(KnowledgeHitView), confidence: z.number(), answerable: z.boolean() }),
  },
});
