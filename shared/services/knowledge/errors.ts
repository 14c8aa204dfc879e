/**
 * Knowledge errors — layer: services. Mapped to HTTP in shared/runtime/http/error-table.ts.
 */

/** The source is not in the caller's account (same answer as "does not exist": HTTP 404). */
export class KnowledgeSourceNotFoundError extends Error {
  override readonly name = 'KnowledgeSourceNotFoundError';
  constructor() {
    super('Knowledge source not found');
  }
}

/** A well-formed request that breaks a rule (a PDF that is not a PDF, content of the wrong kind) (HTTP 400). */
export class KnowledgeSourceInvalidError extends Error {
  override readonly name = 'KnowledgeSourceInvalidError';
}

/** The source changed while this change was being written; the caller can simply retry (HTTP 409). */
export class KnowledgeSourceConflictError extends Error {
  override readonly name = 'KnowledgeSourceConflictError';
  constructor() {
    super('The knowledge source was changed at the same time; reload it and try again');
  }
}

/**
 * The indexing job found the source at an older version than the job's (an eventually
 * consistent read behind the write that queued the job): retried through the queue.
 */
export class KnowledgeSourceNotYetVisibleError extends Error {
  override readonly name = 'KnowledgeSourceNotYetVisibleError';
  constructor() {
    super('The source version to index is not visible yet');
  }
}
