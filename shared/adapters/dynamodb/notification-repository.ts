/**
 * Notification repository — layer: adapters (DynamoDB). AP-80..AP-82.
 *
 * A notification and the account's unread counter change together (one transaction), so the
 * bell's count never drifts from the list: creating adds 1, the first read subtracts 1.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { notificationKinds, type Notification } from '../../domain/notifications.js';
import type { NotificationRepository } from '../../ports/notifications.js';
import { cancellationCodes, getConsistent, sameEntity } from './conditional-writes.js';
import { ItemAlreadyExistsError } from './errors.js';
import { oneOf, optStr, str, type Item } from './item-fields.js';
import { entityNames, notificationCounterKey, notificationKey, notificationPrefix, notificationsPartition } from './keys.js';
import type { TableContext } from './table-context.js';

/** The item of a notification (AP-80). */
export function notificationToItem(notification: Notification): Item {
  return { ...notificationKey(notification.accountId, notification.id), entity: entityNames.notification, ...notification };
}

/** The notification of an item. */
export function notificationFromItem(item: Item): Notification {
  const e = entityNames.notification;
  const link = optStr(item, e, 'link');
  const readAt = optStr(item, e, 'readAt');
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    kind: oneOf(item, e, 'kind', notificationKinds),
    title: str(item, e, 'title'),
    body: str(item, e, 'body'),
    ...(link !== undefined ? { link } : {}),
    createdAt: str(item, e, 'createdAt'),
    ...(readAt !== undefined ? { readAt } : {}),
  };
}

/** The {@link NotificationRepository} over the single table. */
export function makeNotificationRepository(ctx: TableContext): NotificationRepository {
  return {
    async create(notification) {
      const item = notificationToItem(notification);
      try {
        await ctx.client.send(new TransactWriteCommand({
          TransactItems: [
            // Protects an existing notification from being overwritten (and counted twice) by a colliding id.
            { Put: { TableName: ctx.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: ctx.tableName, Key: notificationCounterKey(notification.accountId),
                UpdateExpression: 'SET entity = :entity ADD unread :one',
                ExpressionAttributeValues: { ':entity': entityNames.notificationCounter, ':one': 1 },
              },
            },
          ],
        }));
      } catch (error) {
        if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
        // A retry of the same create finds its own notification stored: a no-op.
        const stored = await getConsistent(ctx, notificationKey(notification.accountId, notification.id));
        if (stored && sameEntity(notificationFromItem(stored), notification)) return;
        throw new ItemAlreadyExistsError(entityNames.notification);
      }
    },

    async list(accountId, limit) {
      const { Items: items = [] } = await ctx.client.send(new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': notificationsPartition(accountId), ':prefix': notificationPrefix },
        ScanIndexForward: false,
        Limit: limit,
      }));
      return items.map(notificationFromItem);
    },

    async unreadCount(accountId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: notificationCounterKey(accountId) }));
      const unread = item?.unread;
      return typeof unread === 'number' ? Math.max(0, unread) : 0;
    },

    async markRead(accountId, notificationId, at) {
      try {
        await ctx.client.send(new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: ctx.tableName, Key: notificationKey(accountId, notificationId),
                UpdateExpression: 'SET readAt = :at',
                // Read once: a notification that does not exist is not created, one already read is not counted again.
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
                ExpressionAttributeValues: { ':at': at },
              },
            },
            {
              Update: {
                TableName: ctx.tableName, Key: notificationCounterKey(accountId),
                UpdateExpression: 'SET entity = :entity ADD unread :minus',
                ExpressionAttributeValues: { ':entity': entityNames.notificationCounter, ':minus': -1 },
              },
            },
          ],
        }));
        return 'read';
      } catch (error) {
        if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
        const stored = await getConsistent(ctx, notificationKey(accountId, notificationId));
        return stored ? 'already_read' : 'not_found';
      }
    },
  };
}
