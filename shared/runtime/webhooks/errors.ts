/**
 * Webhook errors — layer: runtime.
 *
 * The refusals a webhook binding throws. Providers retry 5xx and most never retry a 4xx, so a
 * 4xx is reserved for authentication and validation failures (SECURITY.md §2).
 */

/** A request refused with a 4xx: bad or missing signature (401/403), malformed body (400), wrong type (415). */
export class WebhookRefusedError extends Error {
  override readonly name = 'WebhookRefusedError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}
