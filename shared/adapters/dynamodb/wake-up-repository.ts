/**
 * Snooze wake-ups — layer: adapters (DynamoDB). AP-45, AP-46.
 *
 * The scheduler must find the conversations whose snooze has ended in every account, without a
 * Scan. Each snooze writes a global item under its minute bucket (`WAKE#2026-11-23T10:05`, sort
 * key `<at>#<account>#<conversation>`), holding nothing but the two ids and the time — like the
 * ROUTE items, the only items whose key does not start with the account. The scheduler queries
 * the buckets from its cursor (AP-46) up to now.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { wakeBucket } from '../../domain/conversation-rules.js';
import type { WakeUp, WakeUpRepository } from '../../ports/repositories.js';
import { optStr, str, type Item } from './item-fields.js';
import { entityNames, ttlFromIso, wakeBucketPartition, wakeCursorKey, wakeUpKey } from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

/** Wake-up items outlive their time by a week, then TTL removes any the scheduler missed. */
const keepAfterDueMs = 7 * 24 * 60 * 60 * 1000;

function wakeUpFromItem(item: Item): WakeUp {
  const e = entityNames.wakeUp;
  return { accountId: str(item, e, 'accountId'), conversationId: str(item, e, 'conversationId'), at: str(item, e, 'at') };
}

/** The {@link WakeUpRepository} over the single table. */
export function makeWakeUpRepository(ctx: TableContext): WakeUpRepository {
  return {
    async schedule(wakeUp) {
      // Unconditional: the key is the wake-up itself, so a retry writes the same item.
      await ctx.client.send(new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...wakeUpKey(wakeBucket(wakeUp.at), wakeUp.at, wakeUp.accountId, wakeUp.conversationId),
          entity: entityNames.wakeUp,
          ttl: ttlFromIso(new Date(Date.parse(wakeUp.at) + keepAfterDueMs).toISOString()),
          ...wakeUp,
        },
      }));
    },

    async listDue(bucket, now) {
      // Sort keys start with the ISO time, so everything up to `now` sorts at or below `now#~`.
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND sk <= :upTo',
        ExpressionAttributeValues: { ':pk': wakeBucketPartition(bucket), ':upTo': `${now}#~` },
      });
      return items.map(wakeUpFromItem);
    },

    async remove(wakeUp) {
      await ctx.client.send(new DeleteCommand({
        TableName: ctx.tableName,
        Key: wakeUpKey(wakeBucket(wakeUp.at), wakeUp.at, wakeUp.accountId, wakeUp.conversationId),
      }));
    },

    async cursor(name) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: wakeCursorKey(name), ConsistentRead: true }));
      return item ? optStr(item, entityNames.wakeCursor, 'bucket') : undefined;
    },

    async setCursor(name, bucket) {
      await ctx.client.send(new PutCommand({
        TableName: ctx.tableName,
        Item: { ...wakeCursorKey(name), entity: entityNames.wakeCursor, bucket },
        // Protects against moving the cursor backwards when two scheduler runs overlap.
        ConditionExpression: 'attribute_not_exists(pk) OR #bucket < :bucket',
        ExpressionAttributeNames: { '#bucket': 'bucket' },
        ExpressionAttributeValues: { ':bucket': bucket },
      })).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
        throw error;
      });
    },
  };
}
