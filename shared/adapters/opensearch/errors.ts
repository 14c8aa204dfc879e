/**
 * OpenSearch search index errors — layer: adapters.
 */

/**
 * OpenSearch refused or failed a request. `retryable` is true for throttling and server errors
 * (429, 5xx), which the knowledge indexer's queue retries; other statuses are permanent.
 */
export class OpenSearchRequestError extends Error {
  readonly retryable: boolean;

  constructor(readonly operation: string, readonly statusCode: number, readonly reason: string) {
    super(`OpenSearch ${operation} failed with ${statusCode}: ${reason}`);
    this.name = 'OpenSearchRequestError';
    this.retryable = statusCode === 429 || statusCode >= 500;
  }
}

/** A chunk or query the index cannot take (an empty tenant id, an embedding of the wrong length, …). */
export class OpenSearchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenSearchInputError';
  }
}
