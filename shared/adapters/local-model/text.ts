/**
 * Text features for the local models — layer: adapters (shared by the local embedder and the
 * local language model, which must agree on what a "word" is).
 */
import { englishStopWords } from '../../domain/retrieval.js';

/**
 * The words of a text: Unicode letters and digits, lower-cased, accents removed ("Café" → "cafe"),
 * in order, repeats kept.
 */
export function words(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A light English suffix stripper, enough for "refunds", "refunded" and "refunding" to meet
 * "refund" (and "shipped"/"shipping" to meet "ship"). Deliberately small: it must never merge
 * unrelated words, and a miss only costs a little recall in a stand-in model.
 */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  let base = word;
  if (base.length > 5 && base.endsWith('ing')) base = base.slice(0, -3);
  else if (base.length > 4 && base.endsWith('ed')) base = base.slice(0, -2);
  else if (base.length > 3 && base.endsWith('s') && !/(ss|us|is)$/.test(base)) return base.slice(0, -1);
  else return base;
  // "shipp" → "ship": a doubled final consonant is an artefact of the removed suffix (but not
  // l, s or z, which English doubles in the base word: "call", "miss", "buzz").
  const doubled = /([bdfgmnprt])\1$/.exec(base);
  return doubled !== null && base.length > 3 ? base.slice(0, -1) : base;
}

/** The stemmed words of a text that carry meaning (stop words removed), repeats kept. */
export function contentTerms(text: string): string[] {
  return words(text).filter((word) => !englishStopWords.has(word)).map(stem);
}

/**
 * FNV-1a, 32 bits, over UTF-16 code units; `seed` selects an independent hash function.
 * Fast, dependency-free and stable across runs and machines, which is what feature hashing needs.
 */
export function fnv1a32(value: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
