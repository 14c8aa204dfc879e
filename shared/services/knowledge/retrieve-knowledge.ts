/**
 * Knowledge retrieval — layer: services (over the embedder, search-index and reranker ports).
 *
 * The one way the product reads the knowledge base: the AI turn (public chunks only), the
 * agents' test search (`GET /api/v1/knowledge/search`) and the evaluation all call
 * {@link makeRetrieveKnowledge}, so what the eval measures is what customers get. A retrieval
 * embeds the question, runs the tenant's hybrid search (fusion weights and minimum score from
 * its AI settings), optionally reranks, and says how confident it is that the knowledge base
 * answers the question (`retrievalConfidence` in the domain) — the bot hands over below the
 * tenant's `minConfidence`. See docs/RETRIEVAL.md.
 */
import type { AiSettings } from '../../domain/ai-settings.js';
import type { Citation } from '../../domain/entities.js';
import { retrievalConfidence } from '../../domain/retrieval.js';
import type { Embedder } from '../../ports/embedder.js';
import type { Reranker } from '../../ports/reranker.js';
import type { SearchHit, SearchIndex, SearchVisibility } from '../../ports/search-index.js';

/** Hits returned when the caller does not say. */
export const defaultRetrievalK = 5;
/** The most hits a retrieval may ask for. */
export const maxRetrievalK = 50;
/** Candidates handed to the reranker (it sees more than it keeps, or it could only reorder). */
export const rerankCandidates = 20;
/**
 * Characters of the question that are embedded and searched. Customer messages are capped far
 * lower (SECURITY.md §7); this bounds what one retrieval can cost whoever calls it.
 */
export const maxQueryChars = 2_000;

/** What to retrieve, for whom. */
export interface RetrieveKnowledgeInput {
  /** The caller's tenant, from verified credentials or the job — never from a request body. */
  readonly accountId: string;
  /** The question, as the customer or agent wrote it. */
  readonly query: string;
  /** `public` for anything that can reach a customer; `any` for agents. */
  readonly visibility: SearchVisibility;
  /** The tenant's settings in force (`resolveAiSettings(account.ai)`). */
  readonly settings: AiSettings;
  /** How many hits at most (default {@link defaultRetrievalK}; clamped to 1–{@link maxRetrievalK}). */
  readonly k?: number;
}

/** A retrieval's answer. */
export interface RetrieveKnowledgeResult {
  /** Best first: fused order, or the reranker's when it ran. */
  readonly hits: SearchHit[];
  /** One per source, in the order its best hit ranks. */
  readonly citations: Citation[];
  /** 0–1: the best hit's raw similarity to the question (see `retrievalConfidence`). */
  readonly confidence: number;
  /** `confidence ≥ settings.minConfidence` (and at least one hit). */
  readonly answerable: boolean;
  /** Tokens the embedder billed for the question (0 when nothing was embedded). */
  readonly embeddingTokens: number;
  /** The question's embedding (empty when nothing was embedded), for callers that keep it (unresolved problems). */
  readonly queryEmbedding: readonly number[];
  /** Whether the reranker ran (it is billed per query). */
  readonly reranked: boolean;
}

/** The ports a retrieval uses; the reranker is optional (none on the laptop by default). */
export interface RetrieveKnowledgeDeps {
  readonly embedder: Embedder;
  readonly searchIndex: SearchIndex;
  readonly reranker?: Reranker;
}

/** Embeds the question, with the tokens billed when the embedder reports them (Bedrock's does). */
async function embedQuery(embedder: Embedder, text: string): Promise<{ vector: number[]; tokens: number }> {
  if (embedder.embedWithUsage !== undefined) {
    const { vectors, inputTokens } = await embedder.embedWithUsage([text]);
    return { vector: vectors[0] ?? [], tokens: inputTokens };
  }
  const [vector] = await embedder.embed([text]);
  // An embedder that reports no usage bills nothing per token (test doubles).
  return { vector: vector ?? [], tokens: 0 };
}

/** One citation per source, in rank order. */
export function citationsFor(hits: readonly SearchHit[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const hit of hits) {
    if (seen.has(hit.sourceId)) continue;
    seen.add(hit.sourceId);
    citations.push({
      sourceId: hit.sourceId,
      chunkId: hit.chunkId,
      title: hit.title,
      ...(hit.heading === undefined ? {} : { heading: hit.heading }),
      ...(hit.url === undefined ? {} : { url: hit.url }),
      score: hit.score,
    });
  }
  return citations;
}

/** The passage the reranker reads: where the chunk sits, then its text. */
function passageOf(hit: SearchHit): string {
  return [hit.title, hit.heading, hit.text].filter((part) => part !== undefined && part !== '').join('\n');
}

/**
 * Builds the retrieval use case.
 *
 * @example
 * const retrieve = makeRetrieveKnowledge({ embedder, searchIndex });
 * const { hits, citations, confidence, answerable } = await retrieve({
 *   accountId, query: 'How do I return shoes?', visibility: 'public', settings: resolveAiSettings(account.ai) });
 */
export function makeRetrieveKnowledge(deps: RetrieveKnowledgeDeps) {
  return async function retrieveKnowledge(input: RetrieveKnowledgeInput): Promise<RetrieveKnowledgeResult> {
    // Clamped rather than refused: k comes from code, and any k in range is a sound answer.
    const k = Math.min(maxRetrievalK, Math.max(1, Math.floor(input.k ?? defaultRetrievalK)));
    const query = input.query.trim().slice(0, maxQueryChars);
    const empty: RetrieveKnowledgeResult = { hits: [], citations: [], confidence: 0, answerable: false, embeddingTokens: 0, queryEmbedding: [], reranked: false };
    if (query === '') return empty;

    const { vector, tokens } = await embedQuery(deps.embedder, query);
    const rerank = input.settings.rerank && deps.reranker !== undefined;
    const found = await deps.searchIndex.search({
      accountId: input.accountId,
      text: query,
      embedding: vector,
      visibility: input.visibility,
      k: rerank ? Math.max(k, rerankCandidates) : k,
      weights: input.settings.fusionWeights,
      minScore: input.settings.minScore,
    });

    let hits = found.slice(0, k);
    let reranked = false;
    if (rerank && deps.reranker !== undefined && found.length > 1) {
      const order = await deps.reranker.rerank(query, found.map(passageOf), Math.min(k, found.length));
      hits = order
        .filter(({ index }) => Number.isInteger(index) && index >= 0 && index < found.length)
        .map(({ index }) => found[index] as SearchHit)
        .slice(0, k);
      reranked = true;
    }

    const confidence = retrievalConfidence(hits);
    return {
      hits,
      citations: citationsFor(hits),
      confidence,
      answerable: hits.length > 0 && confidence >= input.settings.minConfidence,
      embeddingTokens: tokens,
      queryEmbedding: vector,
      reranked,
    };
  };
}

/** The retrieval use case's type, for the callers' dependency lists. */
export type RetrieveKnowledge = ReturnType<typeof makeRetrieveKnowledge>;
