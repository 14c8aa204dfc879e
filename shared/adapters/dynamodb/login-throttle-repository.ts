/**
 * Login throttle repository — layer: adapters (DynamoDB). AP-30.
 *
 * One counter item per key (`email#<address>` or `ip#<address>`), incremented with `ADD` so
 * concurrent failures all count (no read-modify-write). A window restarts when the last failure
 * is older than `windowStart`; `ttl` lets DynamoDB drop idle counters.
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FailureCount, LoginThrottleRepository } from '../../ports/repositories.js';
import { isConditionalCheckFailed } from './conditional-writes.js';
import { num, str, type Item } from './item-fields.js';
import { entityNames, loginThrottleKey, ttlFromIso } from './keys.js';
import type { TableContext } from './table-context.js';

function countOf(item: Item): FailureCount {
  const e = entityNames.loginThrottle;
  return { failures: num(item, e, 'failures'), lastFailureAt: str(item, e, 'lastFailureAt') };
}

/** The {@link LoginThrottleRepository} over the single table. */
export function makeLoginThrottleRepository(ctx: TableContext): LoginThrottleRepository {
  return {
    async get(key, windowStart) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: loginThrottleKey(key), ConsistentRead: true }));
      if (!item) return undefined;
      const count = countOf(item);
      return count.lastFailureAt < windowStart ? undefined : count;
    },

    async recordFailure(key, at, windowStart, expiresAt) {
      const values = { ':one': 1, ':at': at, ':start': windowStart, ':ttl': ttlFromIso(expiresAt), ':entity': entityNames.loginThrottle };
      // A few rounds at most: a failure racing the restart of a stale window lands in the new one.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        try {
          const { Attributes: item } = await ctx.client.send(new UpdateCommand({
            TableName: ctx.tableName,
            Key: loginThrottleKey(key),
            UpdateExpression: 'ADD failures :one SET lastFailureAt = :at, #ttl = :ttl, entity = :entity',
            // Counts into the current window only: a stale count must be restarted, not extended.
            ConditionExpression: 'attribute_not_exists(pk) OR lastFailureAt >= :start',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }));
          return countOf(item as Item);
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
        try {
          const { Attributes: item } = await ctx.client.send(new UpdateCommand({
            TableName: ctx.tableName,
            Key: loginThrottleKey(key),
            UpdateExpression: 'SET failures = :one, lastFailureAt = :at, #ttl = :ttl, entity = :entity',
            // Restarts only a stale window: a concurrent fresh failure is never reset to one.
            ConditionExpression: 'lastFailureAt < :start',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }));
          return countOf(item as Item);
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
      }
      return { failures: 1, lastFailureAt: at };
    },

    async clear(key) {
      // Unconditional: clearing a missing counter is a success.
      await ctx.client.send(new DeleteCommand({ TableName: ctx.tableName, Key: loginThrottleKey(key) }));
    },
  };
}
