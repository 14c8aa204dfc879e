/**
 * The admins' problem workflow — layer: services (docs/COSTS.md "Problems").
 *
 * List (ranked by affected contacts), read, ask the AI for a fix draft (queued), approve a fix
 * into the knowledge base as a public Markdown source, and resolve: every affected contact gets a
 * bot message on their latest conversation.
 */
import { problemStatuses, rankProblems, type Problem, type ProblemStatus } from '../../domain/problems.js';
import type { DraftProblemFixJob } from '../../ports/job-queue.js';
import type { ProblemChanges, ProblemRepository } from '../../ports/problems.js';
import type { ConversationRepository } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';
import { ProblemConflictError, ProblemNotFoundError, ProblemStateError } from './errors.js';

/** The most problems a list shows. */
export const problemListLimit = 100;

async function load(problems: ProblemRepository, accountId: string, problemId: string): Promise<Problem> {
  const problem = await problems.get(accountId, problemId);
  if (!problem) throw new ProblemNotFoundError();
  return problem;
}

async function change(problems: ProblemRepository, problem: Problem, changes: ProblemChanges): Promise<Problem> {
  const updated = await problems.update(problem.accountId, problem.id, changes, problem.version);
  if (!updated) throw new ProblemConflictError();
  return updated;
}

/** Creates the use case listing problems (one status, or every status), ranked. */
export function makeListProblems(deps: { problems: ProblemRepository }) {
  return async function listProblems(accountId: string, status?: ProblemStatus): Promise<Problem[]> {
    const statuses = status ? [status] : problemStatuses;
    const lists = await Promise.all(statuses.map((s) => deps.problems.listByStatus(accountId, s, problemListLimit)));
    return rankProblems(lists.flat()).slice(0, problemListLimit);
  };
}

/** Creates the use case reading one problem (another tenant's: ProblemNotFoundError). */
export function makeGetProblem(deps: { problems: ProblemRepository }) {
  return async function getProblem(accountId: string, problemId: string): Promise<Problem> {
    return load(deps.problems, accountId, problemId);
  };
}

/** Creates the use case queueing the AI's fix draft for a problem (ai-responder runs it). */
export function makeRequestProblemFixDraft(deps: { problems: ProblemRepository; enqueue: (job: DraftProblemFixJob) => Promise<void> }) {
  return async function requestProblemFixDraft(accountId: string, problemId: string): Promise<Problem> {
    const problem = await load(deps.problems, accountId, problemId);
    if (problem.status === 'resolved') throw new ProblemStateError('the problem is resolved');
    await deps.enqueue({ kind: 'draft-problem-fix', accountId, problemId });
    return problem;
  };
}

/** What approving creates: H3's knowledge service, as the container adapts it. */
export type CreatePublicMarkdownSource = (input: { accountId: string; title: string; content: string }) => Promise<{ sourceId: string }>;

/**
 * Creates the use case approving a fix: the (edited) title and content become a public Markdown
 * knowledge source, indexed like any other; the problem remembers the source.
 */
export function makeApproveProblemFix(deps: { problems: ProblemRepository; createSource: CreatePublicMarkdownSource }) {
  return async function approveProblemFix(accountId: string, problemId: string, fix: { title: string; content: string }): Promise<{ problem: Problem; sourceId: string }> {
    const problem = await load(deps.problems, accountId, problemId);
    if (problem.status === 'resolved') throw new ProblemStateError('the problem is resolved');
    if (problem.sourceId !== undefined) throw new ProblemStateError('the fix is approved already; edit its knowledge source instead');
    const { sourceId } = await deps.createSource({ accountId, title: fix.title, content: fix.content });
    const updated = await change(deps.problems, problem, { sourceId });
    return { problem: updated, sourceId };
  };
}

/** Sends a bot message on a conversation (H4's service, as the container adapts it). */
export type SendBotMessageToConversation = (input: { accountId: string; conversationId: string; body: string }) => Promise<unknown>;

/** The message affected customers get when none is given. */
export function defaultResolutionMessage(question: string): string {
  const q = question.length > 200 ? `${question.slice(0, 199)}…` : question;
  return `Good news about your earlier question ("${q}"): we have an answer now. Reply here and we will help you right away.`;
}

/**
 * Creates the use case resolving a problem. The status changes first (conditional on the version
 * read), so a repeated resolve is refused instead of messaging customers twice; then each affected
 * contact's most recent conversation gets the message. Resolves how many contacts were messaged.
 */
export function makeResolveProblem(deps: {
  problems: ProblemRepository;
  conversations: Pick<ConversationRepository, 'listByContact'>;
  sendBotMessage: SendBotMessageToConversation;
  clock: Clock;
}) {
  return async function resolveProblem(accountId: string, problemId: string, message?: string): Promise<{ problem: Problem; notified: number }> {
    const problem = await load(deps.problems, accountId, problemId);
    if (problem.status === 'resolved') throw new ProblemStateError('the problem is resolved already');
    const updated = await change(deps.problems, problem, { status: 'resolved', resolvedAt: deps.clock.nowIso() });
    const body = message?.trim() ? message.trim() : defaultResolutionMessage(problem.question);
    let notified = 0;
    for (const contactId of await deps.problems.listContacts(accountId, problemId)) {
      const { items } = await deps.conversations.listByContact(accountId, contactId, { limit: 1 });
      const latest = items[0];
      if (!latest) continue;
      await deps.sendBotMessage({ accountId, conversationId: latest.id, body });
      notified += 1;
    }
    return { problem: updated, notified };
  };
}
