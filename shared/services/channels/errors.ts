/**
 * Channel errors — layer: services. Mapped to HTTP in `shared/runtime/http/error-table.ts`.
 */

/** The inbox, conversation or message is not in the caller's account (cross-tenant → 404). */
export class ChannelNotFoundError extends Error {
  override readonly name = 'ChannelNotFoundError';
  constructor(readonly what: 'inbox' | 'conversation' | 'message') {
    super(`${what} not found`);
  }
}

/** The request does not fit the inbox's channel (credentials of another provider, a web inbox, a template on SMS). */
export class ChannelRequestError extends Error {
  override readonly name = 'ChannelRequestError';
}

/** Only a failed outgoing message can be retried. */
export class MessageNotRetryableError extends Error {
  override readonly name = 'MessageNotRetryableError';
  constructor() {
    super('only a failed outgoing message can be retried');
  }
}

/** The channel address (Meta page, Instagram account, WhatsApp number) is connected to another inbox. */
export class ChannelAddressTakenError extends Error {
  override readonly name = 'ChannelAddressTakenError';
  constructor() {
    super('this channel address is already connected to another inbox');
  }
}

/** The job queue refused a job after the message was stored: the webhook answers 5xx so the provider retries. */
export class JobQueueUnavailableError extends Error {
  override readonly name = 'JobQueueUnavailableError';
}
