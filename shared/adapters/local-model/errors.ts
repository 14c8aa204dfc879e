/**
 * Local model errors — layer: adapters.
 */

/**
 * Raised for a request Bedrock would refuse with a ValidationException (no messages, a
 * `maxTokens` that is not a positive integer), so the laptop fails where the cloud would.
 */
export class LocalModelRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalModelRequestError';
  }
}
