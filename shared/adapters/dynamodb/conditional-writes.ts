/**
 * Conditional writes — layer: adapters (DynamoDB).
 *
 * Creates are `PutItem … attribute_not_exists(pk)`: the condition protects an existing item from
 * being overwritten by a colliding id. A create can be retried (by the SDK after a lost response,
 * by a queue redelivery, by a client), so a failed condition is not yet a conflict: the stored
 * item is read back and, when it holds the same entity, the retry succeeds as a no-op.
 *
 *   attempt 1: PutItem ──▶ stored ──▶ response lost
 *   attempt 2: PutItem ──▶ ConditionalCheckFailed ──▶ GetItem (consistent)
 *                          same entity ──▶ success (no-op) │ different ──▶ ItemAlreadyExistsError
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ItemAlreadyExistsError } from './errors.js';
import type { Item } from './item-fields.js';
import type { TableContext } from './table-context.js';

/** True for the SDK's ConditionalCheckFailedException. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * The per-item cancellation codes of a TransactionCanceledException (`'None'` for an item whose
 * condition held), or undefined for any other error.
 */
export function cancellationCodes(error: unknown): readonly string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: readonly { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** JSON with object keys sorted, so two equal entities give the same string. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** True when two entities are equal attribute by attribute. */
export function sameEntity(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Reads an item with a strongly consistent read (used after a failed condition). */
export async function getConsistent(ctx: TableContext, key: { pk: string; sk: string }): Promise<Item | undefined> {
  const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: key, ConsistentRead: true }));
  return item;
}

/**
 * Writes a new item; a retry that finds the same entity already stored is a no-op.
 *
 * @param fromItem the entity mapper, used to compare the stored and the new item as entities
 * @throws ItemAlreadyExistsError when a different entity holds the key
 */
export async function putNew<T>(ctx: TableContext, item: Item, entity: string, fromItem: (item: Item) => T): Promise<void> {
  try {
    await ctx.client.send(new PutCommand({
      TableName: ctx.tableName,
      Item: item,
      // Protects an existing item from being overwritten by a colliding id.
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const stored = await getConsistent(ctx, { pk: String(item.pk), sk: String(item.sk) });
    if (stored && sameEntity(fromItem(stored), fromItem(item))) return;
    throw new ItemAlreadyExistsError(entity);
  }
}
