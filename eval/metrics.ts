/**
 * Retrieval metrics — layer: eval (pure functions; no I/O).
 *
 * The evaluation judges retrieval at the document level: the bot reads chunks, but a question is
 * labelled with the documents that answer it, so a document counts as retrieved when any of its
 * chunks is. Chunk rankings are collapsed to document rankings by first appearance (a document
 * ranks where its best chunk ranks), then:
 * - Recall@k: the share of a question's relevant documents among the documents of the top k chunks
 *   (k = 5 is what the bot puts in its prompt by default);
 * - nDCG@k: binary gains, log2 discount, over the documents of the top k chunks, divided by the
 *   ideal ranking (all relevant documents first, at most k of them);
 * - no-answer precision/recall: a question with no relevant document is a "no answer" question;
 *   retrieval predicts "no answer" when it says `answerable = false` (the bot then hands off).
 */

/** Documents in the order their first chunk ranks, each once. */
export function documentRanking(rankedDocumentIds: readonly string[]): string[] {
  const seen = new Set<string>();
  const ranking: string[] = [];
  for (const id of rankedDocumentIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    ranking.push(id);
  }
  return ranking;
}

/**
 * The share of `relevant` documents among the documents of the first `k` chunks.
 *
 * @example recallAtK(['a', 'a', 'b', 'c'], ['b', 'd'], 3) // → 0.5
 */
export function recallAtK(rankedDocumentIds: readonly string[], relevant: readonly string[], k: number): number {
  if (relevant.length === 0) throw new RangeError('recall is undefined for a question without relevant documents');
  const found = new Set(rankedDocumentIds.slice(0, k));
  return relevant.filter((id) => found.has(id)).length / relevant.length;
}

/**
 * Normalised discounted cumulative gain of the documents of the first `k` chunks (binary gains).
 *
 * @example ndcgAtK(['b', 'a'], ['a'], 10) // → 1 / log2(3) ≈ 0.63
 */
export function ndcgAtK(rankedDocumentIds: readonly string[], relevant: readonly string[], k: number): number {
  if (relevant.length === 0) throw new RangeError('nDCG is undefined for a question without relevant documents');
  const wanted = new Set(relevant);
  const ranking = documentRanking(rankedDocumentIds.slice(0, k));
  let dcg = 0;
  ranking.forEach((id, position) => {
    if (wanted.has(id)) dcg += 1 / Math.log2(position + 2);
  });
  let ideal = 0;
  for (let position = 0; position < Math.min(wanted.size, k); position += 1) ideal += 1 / Math.log2(position + 2);
  return dcg / ideal;
}

/** Counts of the "no answer" decision against the labels. */
export interface NoAnswerCounts {
  /** Predicted no answer, and the question has none. */
  readonly truePositives: number;
  /** Predicted no answer, but a document answers it (the bot hands off needlessly). */
  readonly falsePositives: number;
  /** Predicted answerable, but nothing answers it (the bot would answer from unrelated text). */
  readonly falseNegatives: number;
}

/** Tallies the "no answer" predictions. */
export function noAnswerCounts(outcomes: readonly { readonly hasAnswer: boolean; readonly answerable: boolean }[]): NoAnswerCounts {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { hasAnswer, answerable } of outcomes) {
    if (!answerable && !hasAnswer) truePositives += 1;
    else if (!answerable && hasAnswer) falsePositives += 1;
    else if (answerable && !hasAnswer) falseNegatives += 1;
  }
  return { truePositives, falsePositives, falseNegatives };
}

/** Precision of the "no answer" prediction; 0 when it was never made. */
export function noAnswerPrecision(counts: NoAnswerCounts): number {
  const predicted = counts.truePositives + counts.falsePositives;
  return predicted === 0 ? 0 : counts.truePositives / predicted;
}

/** Recall of the "no answer" prediction; 0 when no question lacks an answer. */
export function noAnswerRecall(counts: NoAnswerCounts): number {
  const actual = counts.truePositives + counts.falseNegatives;
  return actual === 0 ? 0 : counts.truePositives / actual;
}

/** The arithmetic mean; 0 for no values. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The p-th percentile (0–100) by the nearest-rank method: the smallest value with at least p% of
 * the values at or below it.
 *
 * @example percentile([1, 2, 3, 4], 50) // → 2
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/**
 * How well a score separates two groups: the probability that a random member of `higher` scores
 * above a random member of `lower` (ties count half) — the ROC curve's area. 0.5 is chance, 1 a
 * threshold that separates them perfectly.
 *
 * @example separationAuc([0.9, 0.8], [0.1, 0.85]) // → 0.75
 */
export function separationAuc(higher: readonly number[], lower: readonly number[]): number {
  if (higher.length === 0 || lower.length === 0) throw new RangeError('AUC needs members in both groups');
  let wins = 0;
  for (const h of higher) for (const l of lower) wins += h > l ? 1 : h === l ? 0.5 : 0;
  return wins / (higher.length * lower.length);
}
