/**
 * Extractive answering — layer: adapters (the local language model's "reasoning").
 *
 * Picks, from passages the caller supplied, the sentences that share the most meaningful words
 * with the question, and returns them verbatim. It never writes anything that is not in the
 * passages, so a wrong answer is always traceable to a retrieved chunk.
 */
import { contentTerms } from './text.js';

/** At most this many sentences make an answer: enough to answer, short enough for a chat bubble. */
const maxSentences = 3;

/** Splits passages into sentences, in reading order (line breaks also end a sentence). */
export function sentences(passages: readonly string[]): string[] {
  return passages
    .flatMap((passage) => passage.split(/\n+/))
    .flatMap((line) => line.split(/(?<=[.!?])\s+/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * The answer to `question` drawn from `passages`, or `undefined` when no sentence is relevant.
 *
 * A sentence is relevant when it shares at least a third of the question's distinct content
 * words (at least one), and at most one word fewer than the most relevant sentence. The best `maxSentences` by shared words (earlier first on a tie) are
 * returned in reading order, each once.
 */
export function extractAnswer(question: string, passages: readonly string[]): string | undefined {
  const asked = new Set(contentTerms(question));
  if (asked.size === 0) return undefined;
  const required = Math.max(1, Math.ceil(asked.size / 3));
  const scored = sentences(passages).map((sentence, position) => {
    const shared = new Set(contentTerms(sentence).filter((term) => asked.has(term)));
    return { sentence, position, overlap: shared.size };
  });
  const best = Math.max(0, ...scored.map(({ overlap }) => overlap));
  // Sentences far less on-topic than the best one (sharing one word of three) stay out of the answer.
  const ranked = scored
    .filter(({ overlap }) => overlap >= Math.max(required, best - 1))
    .sort((a, b) => b.overlap - a.overlap || a.position - b.position);
  // The same sentence can come back in two chunks (overlapping chunking); it is said once.
  const chosen: typeof ranked = [];
  for (const candidate of ranked) {
    if (chosen.length === maxSentences) break;
    if (!chosen.some(({ sentence }) => sentence === candidate.sentence)) chosen.push(candidate);
  }
  chosen.sort((a, b) => a.position - b.position);
  return chosen.length === 0 ? undefined : chosen.map(({ sentence }) => sentence).join(' ');
}
