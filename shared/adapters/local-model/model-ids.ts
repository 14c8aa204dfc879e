/**
 * The local models' ids — layer: adapters (plain constants).
 *
 * Apart from the models themselves so the container can name them without loading them (the
 * models are laptop-only and kept out of Lambda bundles: shared/runtime/containers/laptop-only.ts).
 */

/** The model id the local language model reports. */
export const localLanguageModelId = 'local.extractive-v1';

/** The model id the local embedder records with the vectors it makes. */
export const localEmbedderModelId = 'local.hashed-ngrams-v1';

/** The local embedder's default vector length. */
export const localEmbedderDefaultDimensions = 384;

/** The model id the local reranker reports. */
export const localRerankerModelId = 'local.cosine-rerank-v1';
