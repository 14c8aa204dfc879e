/**
 * Unresolved problems — layer: services. Public surface of the area.
 */
export { makeDraftProblemFix, parseDraft, type DraftProblemFixDeps } from './draft-problem-fix.js';
export { ProblemConflictError, ProblemDraftFailedError, ProblemNotFoundError, ProblemStateError } from './errors.js';
export {
  defaultResolutionMessage, makeApproveProblemFix, makeGetProblem, makeListProblems, makeRequestProblemFixDraft, makeResolveProblem, problemListLimit,
  type CreatePublicMarkdownSource, type SendBotMessageToConversation,
} from './problems.js';
export { dedupeCandidateLimit, makeRecordUnansweredQuestion, type RecordUnansweredQuestionDeps, type UnansweredQuestion } from './record-unanswered-question.js';
