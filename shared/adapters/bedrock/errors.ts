/**
 * Bedrock adapter errors — layer: adapters.
 *
 * Two kinds, told apart by `retryable` (and by `name`, which is what the runtime's error table and
 * callers without an import of this module look at):
 * - {@link ModelUnavailableError}: throttling, quota, 5xx, a model not ready, a timeout, a broken
 *   stream, the network — the same request may succeed later (the AI job is retried by its queue);
 * - {@link ModelRequestError}: validation, access, an unknown model — retrying cannot help.
 */

/** The model could not answer now; try again later. */
export class ModelUnavailableError extends Error {
  readonly retryable = true;
  constructor(
    message: string,
    /** Bedrock's exception name (e.g. ThrottlingException), or the network error's. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelUnavailableError';
  }
}

/** Bedrock refused the request; the same request will be refused again. */
export class ModelRequestError extends Error {
  readonly retryable = false;
  constructor(
    message: string,
    /** Bedrock's exception name (e.g. ValidationException). */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelRequestError';
  }
}
