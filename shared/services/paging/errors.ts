/**
 * Paging errors — layer: services.
 */

/** A cursor was tampered with, or minted for another account or another query (HTTP 400). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('The cursor is not valid for this listing; start again without a cursor');
  }
}
