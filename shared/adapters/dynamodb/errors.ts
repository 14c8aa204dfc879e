/**
 * Errors of the DynamoDB adapter — layer: adapters (DynamoDB).
 *
 * Conflicts found by conditional writes become these errors; everything else from the SDK
 * propagates unchanged. Messages never contain another tenant's data.
 */

/** An agent's sign-in email is already claimed (emails are globally unique). */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
  constructor() {
    super('This email address is already used by another agent');
  }
}

/** A widget token is already routed to an inbox (tokens are random, so this is a caller bug). */
export class WidgetTokenTakenError extends Error {
  override readonly name = 'WidgetTokenTakenError';
  constructor() {
    super('This widget token is already routed to an inbox');
  }
}

/**
 * A create found a different item under the same key. A retried create of the identical item
 * is not this error: it succeeds, because the stored item equals the one being written.
 */
export class ItemAlreadyExistsError extends Error {
  override readonly name = 'ItemAlreadyExistsError';
  constructor(readonly entity: string) {
    super(`A different ${entity} with this id already exists`);
  }
}

/** A message was appended to a conversation that does not exist in the caller's account. */
export class ConversationNotFoundError extends Error {
  override readonly name = 'ConversationNotFoundError';
  constructor() {
    super('Conversation not found');
  }
}

/**
 * An id used in a key is empty or contains `#` (which could forge a key of another tenant or
 * entity). Bad input: the HTTP edge should answer 400.
 */
export class InvalidKeyPartError extends Error {
  override readonly name = 'InvalidKeyPartError';
  constructor(readonly part: string, reason = 'must be non-empty and must not contain "#"') {
    super(`Invalid ${part}: ${reason}`);
  }
}

/** A stored item lacks an attribute its entity requires (data written outside this adapter). */
export class MalformedItemError extends Error {
  override readonly name = 'MalformedItemError';
  constructor(readonly entity: string, readonly attribute: string) {
    super(`Stored ${entity} item has a missing or invalid "${attribute}"`);
  }
}

/** A listing was asked for a page size that is not a whole number from 1 to 1,000. */
export class InvalidPageSizeError extends Error {
  override readonly name = 'InvalidPageSizeError';
  constructor(readonly limit: number) {
    super(`Invalid page size ${String(limit)}: must be a whole number from 1 to 1000`);
  }
}

/** A batch delete still had unprocessed items after its retries (lasting throttling). */
export class BatchWriteIncompleteError extends Error {
  override readonly name = 'BatchWriteIncompleteError';
  constructor(readonly unprocessed: number) {
    super(`${String(unprocessed)} batch deletes were still unprocessed after retries`);
  }
}

/** The table did not become ACTIVE in time (laptop and test set-up only). */
export class TableNotReadyError extends Error {
  override readonly name = 'TableNotReadyError';
  constructor(readonly tableName: string) {
    super(`Table ${tableName} did not become active within 60 s`);
  }
}
