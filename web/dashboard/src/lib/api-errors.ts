/**
 * Reading the API's error answers — pure, no DOM.
 *
 * Every error is `{ error: { code, message } }`; a 429 carries `Retry-After` (seconds, or an
 * HTTP date).
 */

/** An API call that did not succeed, with what the user should read. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    /** The body field a 400 named (`serviceHours.timeZone`), for showing the error next to it. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Seconds to wait from a `Retry-After` header value, at least 1; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.max(1, Number(trimmed));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(1, Math.ceil((date - now) / 1000));
}

/**
 * Turns a validation message that names a body field (`body.password: must be at least 8
 * characters`) into a sentence (`Password must be at least 8 characters.`); others pass through.
 */
export function readableMessage(message: string): string {
  const match = /^body\.([A-Za-z0-9_.[\]]+): (.+)$/.exec(message);
  if (!match) return message;
  const field = (match[1] ?? '').split('.').pop() ?? '';
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const sentence = `${words.charAt(0).toUpperCase()}${words.slice(1)} ${match[2] ?? ''}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Builds the {@link ApiError} of an answer from its status, parsed body and `Retry-After`. */
export function apiErrorFrom(status: number, body: unknown, retryAfter?: string | null): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : status === 0 ? 'network_error' : `http_${status}`;
  const seconds = parseRetryAfter(retryAfter);
  if (status === 429) {
    return new ApiError(status, code, `Too many attempts, try again in ${seconds ?? 60} s`, seconds ?? 60);
  }
  const message =
    typeof error?.message === 'string' && error.message
      ? readableMessage(error.message)
      : status === 0
        ? 'Cannot reach the server. Check your connection.'
        : status >= 500
          ? 'Something went wrong on our side. Please try again.'
          : `The request failed (${status}).`;
  const field = typeof error?.message === 'string' ? /^body\.([A-Za-z0-9_.]+): /.exec(error.message)?.[1] : undefined;
  return new ApiError(status, code, message, seconds, field);
}
