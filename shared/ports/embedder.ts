/**
 * Embedder port — layer: ports (interfaces in domain terms; no SDK types).
 *
 * Turns text into vectors for semantic search. The knowledge indexer embeds chunks and the AI
 * turn embeds the question with the same embedder, so both live in one vector space; the search
 * index's vector dimension is `dimensions`. Adapters: `shared/adapters/local-model/` on the
 * laptop; Amazon Titan Text Embeddings v2 through Bedrock in AWS.
 */

/** Embeds texts into fixed-length vectors. */
export interface Embedder {
  /** The length of every vector this embedder returns. */
  readonly dimensions: number;
  /** Identifies the model, recorded with indexed chunks so a model change is detectable. */
  readonly modelId: string;
  /** One vector per text, in the same order. */
  embed(texts: readonly string[]): Promise<number[][]>;
  /**
   * The same vectors, with the input tokens the model counted (what embeddings are billed by:
   * `embeddingCostNanoUsd(inputTokens)`, shared/domain/cost.ts). Optional: test doubles may omit it.
   */
  embedWithUsage?(texts: readonly string[]): Promise<EmbeddingResult>;
}

/** Vectors and the tokens they were billed for. */
export interface EmbeddingResult {
  readonly vectors: number[][];
  readonly inputTokens: number;
}
