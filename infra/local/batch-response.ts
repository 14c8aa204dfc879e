/**
 * Partial batch responses — layer: infra (local composition root).
 *
 * Reads a handler's result the way Lambda's event source mappings do with
 * `ReportBatchItemFailures`: no result, an empty object or an empty `batchItemFailures` means
 * every record succeeded; a list of known `itemIdentifier`s fails exactly those; anything else
 * (not a list, an empty or unknown identifier) fails the whole batch, as does a thrown error.
 */

/** The outcome of one batch. */
export type BatchOutcome =
  | { readonly kind: 'all-succeeded' }
  | { readonly kind: 'partial'; readonly failed: ReadonlySet<string> }
  | { readonly kind: 'all-failed'; readonly reason: string };

/**
 * Interprets a handler's result for a batch whose record identifiers are `identifiers`.
 *
 * @example
 * batchOutcome({ batchItemFailures: [{ itemIdentifier: 'm-2' }] }, ['m-1', 'm-2']); // partial: {'m-2'}
 */
export function batchOutcome(result: unknown, identifiers: readonly string[]): BatchOutcome {
  if (result === undefined || result === null) return { kind: 'all-succeeded' };
  if (typeof result !== 'object' || Array.isArray(result)) {
    return { kind: 'all-failed', reason: 'the response is not a batch response object' };
  }
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'all-succeeded' };
  if (!Array.isArray(failures)) return { kind: 'all-failed', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'all-succeeded' };
  const known = new Set(identifiers);
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '' || !known.has(id)) {
      return { kind: 'all-failed', reason: `itemIdentifier ${JSON.stringify(id)} is not a record of this batch` };
    }
    failed.add(id);
  }
  return { kind: 'partial', failed };
}
