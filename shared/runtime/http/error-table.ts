/**
 * Domain errors → HTTP — layer: runtime.
 *
 * The one table mapping error classes (by `name`, so the runtime needs no import of adapter
 * errors) to a status and a stable code. Anything not listed is a 500 with a correlation id and
 * no detail (STYLE.md rule 4).
 */
import { HttpError } from './http-error.js';

/** How one error class answers. */
interface Mapping {
  readonly status: number;
  readonly code: string;
}

const table: Readonly<Record<string, Mapping>> = {
  ValidationError: { status: 400, code: 'invalid_request' },
  InvalidKeyPartError: { status: 400, code: 'invalid_id' },
  InvalidPageSizeError: { status: 400, code: 'invalid_page_size' },
  InvalidCursorError: { status: 400, code: 'invalid_cursor' },
  NotFoundError: { status: 404, code: 'not_found' },
  ConversationNotFoundError: { status: 404, code: 'not_found' },
  OriginNotAllowedError: { status: 403, code: 'origin_not_allowed' },
  EmailTakenError: { status: 409, code: 'email_taken' },
  ItemAlreadyExistsError: { status: 409, code: 'already_exists' },
  ConflictError: { status: 409, code: 'conflict' },
  InvalidTransitionError: { status: 409, code: 'invalid_transition' },
  // --- CHANNELS errors (shared/services/channels/errors.ts) ---
  ChannelNotFoundError: { status: 404, code: 'not_found' },
  ChannelRequestError: { status: 400, code: 'invalid_request' },
  MessageNotRetryableError: { status: 409, code: 'not_retryable' },
  ChannelAddressTakenError: { status: 409, code: 'channel_address_taken' },
  JobQueueUnavailableError: { status: 503, code: 'queue_unavailable' },
  // --- AUTH errors (shared/services/auth/errors.ts) ---
  UnauthenticatedError: { status: 401, code: 'unauthenticated' },
  InvalidCredentialsError: { status: 401, code: 'invalid_credentials' },
  CodeReusedError: { status: 401, code: 'code_reused' },
  TooManyAttemptsError: { status: 429, code: 'too_many_attempts' },
  ForbiddenError: { status: 403, code: 'forbidden' },
  MfaEnrolmentRequiredError: { status: 403, code: 'mfa_enrolment_required' },
  MfaRequiredByAccountError: { status: 409, code: 'mfa_required_by_account' },
  MfaStateError: { status: 409, code: 'mfa_state' },
  InvitationInvalidError: { status: 400, code: 'invalid_invitation' },
  AgentNotFoundError: { status: 404, code: 'not_found' },
  SelfChangeError: { status: 409, code: 'self_change' },
  EmailAlreadyRegisteredError: { status: 409, code: 'email_taken' },
  // --- end AUTH errors ---
  // --- WIDGET errors (shared/services/widget/errors.ts) ---
  VisitorUnauthorizedError: { status: 401, code: 'unauthenticated' },
  WidgetNotFoundError: { status: 404, code: 'not_found' },
  AttachmentTooLargeError: { status: 413, code: 'attachment_too_large' },
  AttachmentTypeNotAllowedError: { status: 400, code: 'attachment_type_not_allowed' },
  AttachmentNotFoundError: { status: 400, code: 'invalid_attachment' },
  InboxNotFoundError: { status: 404, code: 'not_found' },
  NotAWebInboxError: { status: 400, code: 'not_a_web_inbox' },
  WidgetSettingsInvalidError: { status: 400, code: 'invalid_request' },
  // --- end WIDGET errors ---
  // --- AI costs, notifications, problems errors (shared/services/{ai-costs,notifications,problems}/errors.ts) ---
  AiSettingsInvalidError: { status: 400, code: 'invalid_request' },
  CostRangeInvalidError: { status: 400, code: 'invalid_request' },
  AccountNotFoundError: { status: 404, code: 'not_found' },
  NotificationNotFoundError: { status: 404, code: 'not_found' },
  ProblemNotFoundError: { status: 404, code: 'not_found' },
  ProblemStateError: { status: 409, code: 'problem_state' },
  ProblemConflictError: { status: 409, code: 'conflict' },
  // --- end AI costs, notifications, problems errors ---
  // --- AI agent errors (shared/services/ai/errors.ts) ---
  HandoffConflictError: { status: 409, code: 'handoff_conflict' },
  AiQueueUnavailableError: { status: 503, code: 'queue_unavailable' },
  // --- end AI agent errors ---
  // --- AI models errors (shared/adapters/bedrock/errors.ts) ---
  ModelUnavailableError: { status: 503, code: 'model_unavailable' },
  ModelRequestError: { status: 502, code: 'model_error' },
  // --- end AI models errors ---
  // --- KNOWLEDGE errors (shared/services/knowledge/errors.ts) ---
  KnowledgeSourceNotFoundError: { status: 404, code: 'not_found' },
  KnowledgeSourceInvalidError: { status: 400, code: 'invalid_request' },
  KnowledgeSourceConflictError: { status: 409, code: 'conflict' },
  // --- end KNOWLEDGE errors ---
};

/** The HTTP answer for an error: its own if it is an HttpError, the table's, or undefined (→ 500). */
export function httpErrorFor(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (!(error instanceof Error)) return undefined;
  const mapping = table[error.name];
  if (!mapping) return undefined;
  // Errors that carry `retryAfterSeconds` (TooManyAttemptsError) answer with `Retry-After`.
  const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  const headers: Record<string, string> = typeof retryAfter === 'number' ? { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) } : {};
  return new HttpError(mapping.status, mapping.code, error.message, headers);
}
