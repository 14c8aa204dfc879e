/**
 * Session repository — layer: adapters (DynamoDB). AP-17, AP-18.
 *
 * Only the SHA-256 of the session token is stored (it is the key). `ttl` is the absolute expiry
 * in epoch seconds; DynamoDB deletes expired items lazily (within days), so callers check
 * `expiresAt` and the idle timeout themselves — an expired session may still be returned.
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SessionRepository } from '../../ports/repositories.js';
import { isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { sessionFromItem, sessionToItem } from './item-mappers.js';
import { agentSessionsPartition, entityNames, indexNames, sessionKey } from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

/** The {@link SessionRepository} over the single table. */
export function makeSessionRepository(ctx: TableContext): SessionRepository {
  return {
    async create(session) {
      await putNew(ctx, sessionToItem(session), entityNames.session, sessionFromItem);
    },

    async get(accountId, tokenHash) {
      // Consistent: a revoked (deleted) session must stop working at once.
      const { Item: item } = await ctx.client.send(new GetCommand({
        TableName: ctx.tableName,
        Key: sessionKey(accountId, tokenHash),
        ConsistentRead: true,
      }));
      return item ? sessionFromItem(item) : undefined;
    },

    async touch(accountId, tokenHash, at) {
      try {
        await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: sessionKey(accountId, tokenHash),
          UpdateExpression: 'SET lastSeenAt = :at',
          // attribute_exists: a touch racing a logout must not resurrect the session as a
          // headless item. lastSeenAt < :at: a delayed or retried touch never moves it back.
          ConditionExpression: 'attribute_exists(pk) AND lastSeenAt < :at',
          ExpressionAttributeValues: { ':at': at },
        }));
      } catch (error) {
        // A revoked session or a newer touch already recorded: nothing to do.
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },

    async delete(accountId, tokenHash) {
      // Unconditional: deleting is idempotent, and deleting a missing session is a success.
      await ctx.client.send(new DeleteCommand({ TableName: ctx.tableName, Key: sessionKey(accountId, tokenHash) }));
    },

    async listByAgent(accountId, agentId) {
      const items = await queryAll(ctx, {
        IndexName: indexNames.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': agentSessionsPartition(accountId, agentId) },
      });
      return items.map(sessionFromItem);
    },
  };
}
