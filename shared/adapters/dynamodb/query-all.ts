/**
 * Paged queries — layer: adapters (DynamoDB).
 *
 * Listings whose port returns a plain array (an account's inboxes, a topic's subscribers…)
 * follow `LastEvaluatedKey` to the end: DynamoDB stops a page at 1 MB, and a silently
 * truncated subscriber list would drop realtime events.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { InvalidPageSizeError } from './errors.js';
import type { Item } from './item-fields.js';
import type { TableContext } from './table-context.js';

/** Runs a query through every page and returns all items in order. */
export async function queryAll(ctx: TableContext, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(new QueryCommand({ ...input, TableName: ctx.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The largest page any listing returns. */
export const maxPageSize = 1000;

/** Checks a caller's page size (DynamoDB rejects a `Limit` below 1). */
export function checkPageSize(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) throw new InvalidPageSizeError(limit);
  return limit;
}

/** Runs one page of a query: at most `limit` items and the key to continue from. */
export async function queryPage(
  ctx: TableContext,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  page: { readonly limit: number; readonly startKey?: Record<string, unknown> },
): Promise<{ items: Item[]; nextKey?: Record<string, unknown> }> {
  const result = await ctx.client.send(new QueryCommand({
    ...input,
    TableName: ctx.tableName,
    Limit: checkPageSize(page.limit),
    ExclusiveStartKey: page.startKey,
  }));
  return { items: result.Items ?? [], ...(result.LastEvaluatedKey ? { nextKey: result.LastEvaluatedKey } : {}) };
}
