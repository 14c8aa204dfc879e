/**
 * Reranker port — layer: ports (interfaces in domain terms; no SDK types).
 *
 * Re-scores retrieved passages against the question with a cross-encoder, which reads the
 * question and each passage together (more precise than comparing two embeddings). Retrieval
 * uses it, when the tenant turns it on, to reorder the fused candidates before the top k.
 * Adapters: Amazon Rerank 1.0 through Bedrock Agent Runtime (`shared/adapters/bedrock/`), and
 * the laptop's cosine stand-in (`shared/adapters/local-model/local-reranker.ts`).
 */

/** One re-scored document. */
export interface RerankResult {
  /** The document's position in the list given to {@link Reranker.rerank}. */
  readonly index: number;
  /** 0–1, higher is more relevant. */
  readonly relevance: number;
}

/** Re-scores documents against a query. */
export interface Reranker {
  /** The model that scores (recorded in traces). */
  readonly modelId: string;
  /** The best `topN` documents, most relevant first (an empty list for no documents). */
  rerank(query: string, documents: readonly string[], topN: number): Promise<RerankResult[]>;
}
