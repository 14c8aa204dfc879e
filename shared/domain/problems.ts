/**
 * Unresolved problems — layer: domain (pure).
 *
 * A problem is a customer question the bot could not answer (low retrieval confidence), grouped
 * with the same question asked in other words: a new question joins the unresolved problem whose
 * embedding is most similar, when that cosine similarity is at least {@link problemDedupeThreshold}.
 * Admins see problems ranked by how many distinct contacts they affected, have the AI draft an FAQ
 * entry from the agents' replies, approve it into the knowledge base and tell the customers.
 */

/** Where a problem is in its workflow. */
export const problemStatuses = ['open', 'fix_drafted', 'resolved'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

/** Statuses new questions may still join. */
export const unresolvedProblemStatuses = ['open', 'fix_drafted'] as const satisfies readonly ProblemStatus[];

/** Cosine similarity at or above which two questions are the same problem. */
export const problemDedupeThreshold = 0.85;

/** At most this many sample questions are kept per problem. */
export const maxProblemSamples = 5;

/** The longest question text stored (longer ones are cut). */
export const maxProblemQuestionChars = 1000;

/** One occurrence kept as an example. */
export interface ProblemSample {
  readonly conversationId: string;
  readonly contactId: string;
  readonly question: string;
  readonly at: string;
}

/** An FAQ entry the AI drafted for a problem. */
export interface ProblemDraft {
  readonly title: string;
  readonly content: string;
  readonly createdAt: string;
}

/** An unanswered customer question and the ones like it. */
export interface Problem {
  readonly accountId: string;
  readonly id: string;
  /** The first question's text (the problem's name in the list). */
  readonly question: string;
  /** The first question's embedding (dedupe only; never in views). */
  readonly embedding: readonly number[];
  readonly status: ProblemStatus;
  /** Distinct contacts who asked (each counted once). */
  readonly affectedContacts: number;
  /** Times it was asked. */
  readonly occurrences: number;
  /** The first {@link maxProblemSamples} occurrences. */
  readonly samples: readonly ProblemSample[];
  readonly draft?: ProblemDraft;
  /** The knowledge source an approved draft became. */
  readonly sourceId?: string;
  /** Bumped by every change; updates are conditional on it. */
  readonly version: number;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly resolvedAt?: string;
}

/** Cosine similarity of two vectors (0 when either is all zeros or their lengths differ). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}

/**
 * The unresolved problem a question belongs to: the most similar one at or above the threshold,
 * or undefined (a new problem).
 *
 * @example
 * matchProblem(embed('can I return opened shoes?'), openProblems) // → the "returns of worn shoes" problem
 */
export function matchProblem<P extends Pick<Problem, 'embedding' | 'status'>>(
  embedding: readonly number[],
  problems: readonly P[],
  threshold = problemDedupeThreshold,
): { problem: P; similarity: number } | undefined {
  let best: { problem: P; similarity: number } | undefined;
  for (const problem of problems) {
    if (!(unresolvedProblemStatuses as readonly string[]).includes(problem.status)) continue;
    const similarity = cosineSimilarity(embedding, problem.embedding);
    if (similarity >= threshold && (!best || similarity > best.similarity)) best = { problem, similarity };
  }
  return best;
}

/** The samples after one more occurrence (kept only while fewer than the maximum). */
export function withSample(samples: readonly ProblemSample[], sample: ProblemSample): readonly ProblemSample[] {
  return samples.length >= maxProblemSamples ? samples : [...samples, sample];
}

/** Problems ranked for admins: most affected contacts first, then most occurrences, then the most recent. */
export function rankProblems<P extends Pick<Problem, 'affectedContacts' | 'occurrences' | 'lastSeenAt'>>(problems: readonly P[]): P[] {
  return [...problems].sort((a, b) => b.affectedContacts - a.affectedContacts
    || b.occurrences - a.occurrences
    || (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0));
}

/** The question as stored: trimmed, whitespace collapsed, cut to {@link maxProblemQuestionChars}. */
export function normalizeQuestion(question: string): string {
  const text = question.replace(/\s+/g, ' ').trim();
  return text.length <= maxProblemQuestionChars ? text : `${text.slice(0, maxProblemQuestionChars - 1)}…`;
}
