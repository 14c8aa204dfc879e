/**
 * Conversation errors — layer: services. Mapped to HTTP in shared/runtime/http/error-table.ts.
 */

/**
 * The conversation, contact, agent or team is not in the caller's account (or not the
 * visitor's own). Deliberately the same answer as "does not exist" (HTTP 404), and the message
 * names only the kind of thing, never the id or any data.
 */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly what: 'conversation' | 'contact' | 'agent' | 'team' | 'message') {
    super(`${what.charAt(0).toUpperCase()}${what.slice(1)} not found`);
  }
}

/** A request that is well-formed but breaks a rule (a snooze time in the past, …) (HTTP 400). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}
