/**
 * Local embedder — layer: adapters (the laptop's Embedder; Titan Text Embeddings v2's stand-in).
 *
 * Honest about what it is: a lexical stand-in, not a neural model. No model weights can be
 * downloaded where Switchboard runs locally, so this embeds text by feature hashing: the stemmed
 * content words and the character trigrams of each word are hashed into a fixed number of
 * dimensions with a random sign (so collisions cancel out on average instead of piling up),
 * weighted by sublinear term frequency, and L2-normalised so the dot product is the cosine.
 * Texts that share words — or parts of words, thanks to the trigrams ("refund" ~ "refunds") —
 * land close together; synonyms that share no letters do not ("money back" is not near
 * "refund"), which a real embedding model would catch. Deterministic, fast, dependency-free.
 */
import { englishStopWords } from '../../domain/retrieval.js';
import type { Embedder } from '../../ports/embedder.js';
import { contentTerms, fnv1a32, words } from './text.js';
import { estimateTokens } from './token-estimate.js';
import { localEmbedderDefaultDimensions, localEmbedderModelId } from './model-ids.js';

/** The model id this embedder records with the vectors it makes. */
export { localEmbedderModelId };

/** The default vector length: enough room for a chunk's words and trigrams with few collisions. */
export { localEmbedderDefaultDimensions };

/** A whole word says more about meaning than one of its trigrams; trigrams add fuzzy matching. */
const wordWeight = 1;
const trigramWeight = 0.35;
/** Independent hash seeds: one picks the dimension, the other the sign. */
const bucketSeed = 0;
const signSeed = 0x9e3779b9;

/** Settings of the local embedder. */
export interface LocalEmbedderOptions {
  /** Vector length, 64 to 4096; default {@link localEmbedderDefaultDimensions}. */
  readonly dimensions?: number;
}

/** The weighted features of a text: `w:<stemmed word>` and `c:<trigram>`, with raw counts. */
function features(text: string): Map<string, { count: number; weight: number }> {
  const found = new Map<string, { count: number; weight: number }>();
  const add = (feature: string, weight: number): void => {
    const seen = found.get(feature);
    if (seen === undefined) found.set(feature, { count: 1, weight });
    else seen.count += 1;
  };
  for (const term of contentTerms(text)) add(`w:${term}`, wordWeight);
  for (const word of words(text)) {
    if (englishStopWords.has(word)) continue;
    // Word boundaries are part of the trigrams, so a prefix or suffix match counts more.
    const padded = `<${word}>`;
    for (let i = 0; i + 3 <= padded.length; i += 1) add(`c:${padded.slice(i, i + 3)}`, trigramWeight);
  }
  return found;
}

/**
 * Embeds one text into a unit vector of `dimensions` numbers (all zeros for a text without
 * content words, which then matches nothing).
 */
export function embedText(text: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions);
  for (const [feature, { count, weight }] of features(text)) {
    const bucket = fnv1a32(feature, bucketSeed) % dimensions;
    const sign = (fnv1a32(feature, signSeed) & 1) === 0 ? 1 : -1;
    // Sublinear tf: the tenth "refund" in a chunk adds far less than the first.
    vector[bucket] = (vector[bucket] ?? 0) + sign * weight * (1 + Math.log(count));
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
}

/**
 * Creates the laptop's embedder.
 *
 * @example
 * const embedder = createLocalEmbedder();
 * const [vector] = await embedder.embed(['How do I get a refund?']); // 384 numbers, unit length
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? localEmbedderDefaultDimensions;
  if (!Number.isInteger(dimensions) || dimensions < 64 || dimensions > 4096) {
    throw new RangeError(`local embedder dimensions must be an integer from 64 to 4096 (got ${dimensions})`);
  }
  return {
    dimensions,
    modelId: localEmbedderModelId,
    async embed(texts) {
      return texts.map((text) => embedText(text, dimensions));
    },
    async embedWithUsage(texts) {
      // Tokens as the local language model counts them (characters / 4): the laptop's cost figures.
      return { vectors: texts.map((text) => embedText(text, dimensions)), inputTokens: texts.reduce((sum, text) => sum + estimateTokens(text.length), 0) };
    },
  };
}
