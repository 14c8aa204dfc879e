/**
 * Laptop-cloud errors — layer: infra (local composition root).
 *
 * Start-up problems a developer can fix are raised as {@link PrerequisiteError}, whose message
 * is one line: what is wrong and the command that fixes it. `infra/local/main.ts` prints that
 * line instead of a stack trace.
 */

/** A missing or busy prerequisite (no Java, a port already taken). The message names the fix. */
export class PrerequisiteError extends Error {
  override readonly name = 'PrerequisiteError';
}

/** A part of the laptop cloud did not become ready in time. */
export class StartupTimeoutError extends Error {
  override readonly name = 'StartupTimeoutError';
}

/** A function's entry module could not be imported or does not export `handler`. */
export class HandlerLoadError extends Error {
  override readonly name = 'HandlerLoadError';
}

/** A function invocation ran past the function's configured timeout, as Lambda reports it. */
export class InvocationTimeoutError extends Error {
  override readonly name = 'InvocationTimeoutError';
}

/** A handler's result is not a response API Gateway accepts (answered as 500, as AWS does). */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}
