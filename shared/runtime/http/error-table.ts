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
};

/** The HTTP answer for an error: its own if it is an HttpError, the table's, or undefined (→ 500). */
export function httpErrorFor(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (!(error instanceof Error)) return undefined;
  const mapping = table[error.name];
  return mapping ? new HttpError(mapping.status, mapping.code, error.message) : undefined;
}
