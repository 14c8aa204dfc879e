/**
 * AI agent errors — layer: services. Mapped to HTTP in shared/runtime/http/error-table.ts.
 */

/** The hand-off change does not apply in the conversation's current state (HTTP 409). */
export class HandoffConflictError extends Error {
  override readonly name = 'HandoffConflictError';
}

/** The customer's message is stored but its AI job could not be queued; a retry (same client message id) queues it (HTTP 503). */
export class AiQueueUnavailableError extends Error {
  override readonly name = 'AiQueueUnavailableError';
}
