/**
 * Orama search index errors — layer: adapters.
 */

/**
 * Raised for a chunk or query the index cannot take (an empty tenant id, an embedding of the
 * wrong length, a non-positive `k`). These come from programming errors upstream, not from end
 * users, so the message names the field and the expectation.
 */
export class SearchIndexInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchIndexInputError';
  }
}

/** The snapshot file cannot be loaded or written; the message names the file and what is wrong. */
export class SearchIndexSnapshotError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`search index snapshot ${file} ${problem}`);
    this.name = 'SearchIndexSnapshotError';
  }
}
