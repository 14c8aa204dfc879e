/**
 * Connection repository — layer: adapters (DynamoDB). AP-20, AP-21 (and AP-23 on delete).
 *
 * A connection item lives until `$disconnect` deletes it, a 410 from the management API proves
 * it stale, or its `ttl` (API Gateway's 2-hour limit) passes. TTL deletion is lazy, so `get`
 * and `listByAgent` may return a connection past its `expiresAtEpoch`; posting to it answers 410
 * and deletes it. Deleting a connection also deletes its subscriptions, found through gsi1
 * (AP-23).
 */
import { BatchWriteCommand, DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ConnectionRepository } from '../../ports/repositories.js';
import { putNew } from './conditional-writes.js';
import { BatchWriteIncompleteError } from './errors.js';
import type { Item } from './item-fields.js';
import { connectionFromItem, connectionToItem } from './item-mappers.js';
import { agentConnectionsPartition, connectionKey, connectionSubscriptionsPartition, entityNames, indexNames } from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

/** BatchWriteItem takes at most 25 requests. */
const batchSize = 25;
/** Attempts at a batch's unprocessed items before giving up (throttling that lasts). */
const maxBatchAttempts = 6;

/** The {@link ConnectionRepository} over the single table. */
export function makeConnectionRepository(ctx: TableContext): ConnectionRepository {
  /** Deletes the given keys, 25 at a time, retrying unprocessed items with backoff. */
  async function deleteAll(keys: readonly Item[]): Promise<void> {
    for (let start = 0; start < keys.length; start += batchSize) {
      let pending = keys.slice(start, start + batchSize).map((key) => ({ DeleteRequest: { Key: key } }));
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        if (attempt > maxBatchAttempts) throw new BatchWriteIncompleteError(pending.length);
        if (attempt > 1) await sleep(Math.random() * Math.min(1_000, 50 * 2 ** attempt));
        // Deletes are idempotent, so re-sending unprocessed (or all) requests is safe.
        const result = await ctx.client.send(new BatchWriteCommand({ RequestItems: { [ctx.tableName]: pending } }));
        pending = (result.UnprocessedItems?.[ctx.tableName] ?? []).flatMap((request) =>
          request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : []);
      }
    }
  }

  return {
    async put(connection) {
      // putNew's condition protects a connection id from being rebound to another principal
      // (events for one user must never reach another); a retried $connect is a no-op.
      await putNew(ctx, connectionToItem(connection), entityNames.connection, connectionFromItem);
    },

    async get(accountId, connectionId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: connectionKey(accountId, connectionId) }));
      return item ? connectionFromItem(item) : undefined;
    },

    async delete(accountId, connectionId) {
      // Subscriptions first, then the connection: if this stops half-way, the connection is
      // still there for a retry (or the next 410) to find and finish the job.
      const subscriptions = await queryAll(ctx, {
        IndexName: indexNames.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': connectionSubscriptionsPartition(accountId, connectionId) },
        ProjectionExpression: 'pk, sk',
      });
      await deleteAll(subscriptions.map((item) => ({ pk: item.pk, sk: item.sk })));
      // Unconditional: deleting is idempotent, and a connection already gone is a success.
      await ctx.client.send(new DeleteCommand({ TableName: ctx.tableName, Key: connectionKey(accountId, connectionId) }));
    },

    async listByAgent(accountId, agentId) {
      const items = await queryAll(ctx, {
        IndexName: indexNames.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': agentConnectionsPartition(accountId, agentId) },
      });
      return items.map(connectionFromItem);
    },
  };
}

/** Waits `ms` milliseconds. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
