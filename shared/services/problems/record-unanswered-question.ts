/**
 * Record a question the bot could not answer — layer: services. Called by the AI turn when
 * retrieval is not confident enough (hand-off `low_confidence`).
 *
 * Primary course:
 *  1. Read the tenant's unresolved problems (open and fix drafted) with their embeddings.
 *  2. The most similar one at cosine ≥ 0.85 (domain `matchProblem`) gets one more occurrence:
 *     `occurrences + 1`, a sample while fewer than 5, and `affectedContacts + 1` when this contact
 *     had not asked before (a claim item per contact).
 *  3. Otherwise a new problem is created with this question as its name and first sample.
 * A concurrent change of the same problem (version condition) is re-read and retried.
 */
import { matchProblem, normalizeQuestion, unresolvedProblemStatuses, withSample, type Problem } from '../../domain/problems.js';
import type { ProblemRepository } from '../../ports/problems.js';
import type { Clock, Ids } from '../../ports/system.js';
import { ProblemConflictError } from './errors.js';

/** How many unresolved problems of each status dedupe compares against (the newest). */
export const dedupeCandidateLimit = 500;
const maxAttempts = 4;

/** Dependencies of {@link makeRecordUnansweredQuestion}. */
export interface RecordUnansweredQuestionDeps {
  readonly problems: ProblemRepository;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** The unanswered question. */
export interface UnansweredQuestion {
  readonly accountId: string;
  readonly conversationId: string;
  readonly contactId: string;
  readonly question: string;
  /** The question's embedding (the same embedder as the knowledge index). */
  readonly embedding: readonly number[];
}

/** Creates the use case recording an unanswered question. */
export function makeRecordUnansweredQuestion(deps: RecordUnansweredQuestionDeps) {
  async function candidates(accountId: string): Promise<Problem[]> {
    const lists = await Promise.all(unresolvedProblemStatuses.map((status) => deps.problems.listByStatus(accountId, status, dedupeCandidateLimit)));
    return lists.flat();
  }

  return async function recordUnansweredQuestion(input: UnansweredQuestion): Promise<{ problemId: string; created: boolean }> {
    const at = deps.clock.nowIso();
    const question = normalizeQuestion(input.question);
    const sample = { conversationId: input.conversationId, contactId: input.contactId, question, at };
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      const match = matchProblem(input.embedding, await candidates(input.accountId));
      if (!match) {
        const problem: Problem = {
          accountId: input.accountId, id: deps.ids.next(), question, embedding: [...input.embedding], status: 'open',
          affectedContacts: 1, occurrences: 1, samples: [sample], version: 1, createdAt: at, lastSeenAt: at,
        };
        await deps.problems.create(problem);
        return { problemId: problem.id, created: true };
      }
      const { problem } = match;
      const outcome = await deps.problems.recordOccurrence(
        input.accountId, problem.id,
        { contactId: input.contactId, at, samples: withSample(problem.samples, sample) },
        problem.version,
      );
      if (outcome === 'updated') return { problemId: problem.id, created: false };
    }
    throw new ProblemConflictError();
  };
}
