/**
 * HTTP errors — layer: runtime.
 *
 * Thrown by the HTTP runtime itself (bad JSON, a body that fails its schema, an unknown route)
 * and by the error table for domain errors. `expose` messages are written for the caller;
 * a 500 never carries one.
 */

/** An error with an HTTP status, a stable code and a message for the caller. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** 400 with the first validation problem, naming where it is. */
export function badRequest(code: string, message: string): HttpError {
  return new HttpError(400, code, message);
}

/** 404 that says nothing about whether the thing exists for someone else. */
export function notFound(what: string): HttpError {
  return new HttpError(404, 'not_found', `${what} not found`);
}
