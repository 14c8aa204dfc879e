/**
 * SendGrid adapter errors — layer: adapters (SendGrid).
 */

/** An Inbound Parse POST that cannot be read: answered with its 4xx (SendGrid does not retry a 4xx). */
export class InboundParseError extends Error {
  override readonly name = 'InboundParseError';
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
  }
}
