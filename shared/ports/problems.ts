/**
 * Unresolved problems store — layer: ports (interfaces in domain terms; no SDK types).
 */
import type { Problem, ProblemDraft, ProblemSample, ProblemStatus } from '../domain/problems.js';

/** What an update of a problem may change. */
export interface ProblemChanges {
  readonly status?: ProblemStatus;
  readonly draft?: ProblemDraft;
  readonly sourceId?: string;
  readonly resolvedAt?: string;
}

/** An account's unresolved problems (AP-83..AP-87). */
export interface ProblemRepository {
  /** AP-83 + AP-85: stores a new problem and its first contact (all or nothing). */
  create(problem: Problem): Promise<void>;
  /** AP-83 */
  get(accountId: string, problemId: string): Promise<Problem | undefined>;
  /** AP-84: an account's problems of one status (at most `limit`, newest first). */
  listByStatus(accountId: string, status: ProblemStatus, limit: number): Promise<readonly Problem[]>;
  /**
   * AP-85 + AP-87: one more occurrence: `occurrences + 1`, `lastSeenAt`, the samples given, and
   * `affectedContacts + 1` only when the contact was not counted before — conditional on the
   * problem still being at `expectedVersion` (`conflict`: re-read and try again).
   */
  recordOccurrence(
    accountId: string, problemId: string,
    occurrence: { readonly contactId: string; readonly at: string; readonly samples: readonly ProblemSample[] },
    expectedVersion: number,
  ): Promise<'updated' | 'conflict'>;
  /** AP-87: applies changes if the problem is still at `expectedVersion`; undefined on a conflict or a missing problem. */
  update(accountId: string, problemId: string, changes: ProblemChanges, expectedVersion: number): Promise<Problem | undefined>;
  /** AP-86: the contacts a problem affected. */
  listContacts(accountId: string, problemId: string): Promise<readonly string[]>;
}
