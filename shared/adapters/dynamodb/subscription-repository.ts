/**
 * Subscription repository — layer: adapters (DynamoDB). AP-22, AP-23.
 *
 * One item per (topic, connection): pk `ACC#<a>#TOPIC#<topic>` lists a topic's subscribers for
 * the fan-out (AP-22); gsi1 `ACC#<a>#CONN#<id>#SUBS` lists a connection's topics, for cleanup
 * (AP-23). The item expires (`ttl`) with its connection.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SubscriptionRepository } from '../../ports/repositories.js';
import { isConditionalCheckFailed } from './conditional-writes.js';
import { str } from './item-fields.js';
import {
  connectionSubscriptionsPartition, entityNames, indexNames, subscriberPrefix, subscriptionGsi1, subscriptionKey, topicPartition, topicPrefix,
} from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

/** The {@link SubscriptionRepository} over the single table. */
export function makeSubscriptionRepository(ctx: TableContext): SubscriptionRepository {
  return {
    async subscribe(accountId, connectionId, topic, expiresAtEpoch) {
      try {
        await ctx.client.send(new PutCommand({
          TableName: ctx.tableName,
          Item: {
            ...subscriptionKey(accountId, topic, connectionId),
            ...subscriptionGsi1(accountId, connectionId, topic),
            entity: entityNames.subscription,
            accountId,
            connectionId,
            topic,
            ttl: expiresAtEpoch,
          },
          // Protects a subscription's lifetime: a delayed or retried subscribe carrying an
          // older expiry never shortens it. Equal expiry rewrites the same item (idempotent).
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :ttl',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':ttl': expiresAtEpoch },
        }));
      } catch (error) {
        // A longer-lived subscription is already there: subscribed, nothing to do.
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },

    async unsubscribe(accountId, connectionId, topic) {
      // Unconditional: deleting is idempotent, and unsubscribing twice is a success.
      await ctx.client.send(new DeleteCommand({ TableName: ctx.tableName, Key: subscriptionKey(accountId, topic, connectionId) }));
    },

    async listSubscribers(accountId, topic) {
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': topicPartition(accountId, topic), ':prefix': subscriberPrefix },
        ProjectionExpression: 'connectionId',
      });
      return items.map((item) => str(item, entityNames.subscription, 'connectionId'));
    },

    async listTopics(accountId, connectionId) {
      const items = await queryAll(ctx, {
        IndexName: indexNames.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': connectionSubscriptionsPartition(accountId, connectionId), ':prefix': topicPrefix },
        ProjectionExpression: 'topic',
      });
      return items.map((item) => str(item, entityNames.subscription, 'topic'));
    },
  };
}
