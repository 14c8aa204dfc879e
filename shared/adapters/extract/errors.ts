/**
 * Extraction errors — layer: adapters. A source's content cannot be turned into text; the
 * message is shown to the admin on the failed source, so it says what to fix.
 */

/** The content is not readable as its declared kind (a broken PDF, an FAQ that is not a list). */
export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';
}
