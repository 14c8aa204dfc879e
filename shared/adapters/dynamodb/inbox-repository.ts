/**
 * Inbox repository — layer: adapters (DynamoDB). AP-2, AP-3, AP-4.
 *
 * A web inbox and its widget-token route are written in one transaction: an inbox without its
 * route would be unreachable by the widget, and a route without its inbox would resolve to
 * nothing. Inboxes are created rarely (admin action), so the transaction's double cost is fine.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Inbox } from '../../domain/entities.js';
import type { InboxRepository } from '../../ports/repositories.js';
import { cancellationCodes, getConsistent, isConditionalCheckFailed, putNew, sameEntity } from './conditional-writes.js';
import { ItemAlreadyExistsError, WidgetTokenTakenError } from './errors.js';
import { str } from './item-fields.js';
import { inboxFromItem, inboxToItem } from './item-mappers.js';
import { entityNames, inboxKey, inboxesQuery, widgetRouteKey } from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

/** The {@link InboxRepository} over the single table. */
export function makeInboxRepository(ctx: TableContext): InboxRepository {
  /** A retried create whose first attempt committed: the stored inbox equals the new one. */
  async function alreadyCreated(inbox: Inbox): Promise<boolean> {
    const stored = await getConsistent(ctx, inboxKey(inbox.accountId, inbox.id));
    return stored !== undefined && sameEntity(inboxFromItem(stored), inboxFromItem(inboxToItem(inbox)));
  }

  return {
    async create(inbox) {
      const item = inboxToItem(inbox);
      if (inbox.widgetToken === undefined) {
        await putNew(ctx, item, entityNames.inbox, inboxFromItem);
        return;
      }
      try {
        // The SDK sends a ClientRequestToken, so its own retries within 10 minutes are
        // idempotent; the conditions below protect existing items from other writers.
        await ctx.client.send(new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: ctx.tableName,
                Item: item,
                // Protects an existing inbox from being overwritten by a colliding id.
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: ctx.tableName,
                Item: {
                  ...widgetRouteKey(inbox.widgetToken),
                  entity: entityNames.widgetRoute,
                  accountId: inbox.accountId,
                  inboxId: inbox.id,
                },
                // Protects a token already routed to an inbox (possibly of another tenant).
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }));
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (await alreadyCreated(inbox)) {
          const route = await getConsistent(ctx, widgetRouteKey(inbox.widgetToken));
          if (route?.accountId === inbox.accountId && route.inboxId === inbox.id) return;
        }
        if (codes[1] === 'ConditionalCheckFailed') throw new WidgetTokenTakenError();
        if (codes[0] === 'ConditionalCheckFailed') throw new ItemAlreadyExistsError(entityNames.inbox);
        throw error;
      }
    },

    async get(accountId, inboxId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: inboxKey(accountId, inboxId) }));
      return item ? inboxFromItem(item) : undefined;
    },

    async list(accountId) {
      const { pk, skPrefix } = inboxesQuery(accountId);
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      });
      return items.map(inboxFromItem);
    },

    async ensureWidgetSecret(accountId, inboxId, candidate) {
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: inboxKey(accountId, inboxId),
          UpdateExpression: 'SET widgetSecret = :secret',
          // attribute_exists: never create a headless inbox. attribute_not_exists(widgetSecret):
          // the first secret wins, so concurrent first uses (and retries) agree on one secret
          // and a secret tenants already sign with is never replaced.
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(widgetSecret)',
          ExpressionAttributeValues: { ':secret': candidate },
          ReturnValues: 'ALL_NEW',
        }));
        return item ? inboxFromItem(item).widgetSecret : undefined;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const stored = await getConsistent(ctx, inboxKey(accountId, inboxId));
        return stored ? inboxFromItem(stored).widgetSecret : undefined;
      }
    },

    async setWidgetSettings(accountId, inboxId, settings) {
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: inboxKey(accountId, inboxId),
          UpdateExpression: 'SET widgetSettings = :settings',
          // attribute_exists: never create a headless inbox; channel = web: settings belong to
          // web inboxes only. A retry writes the same map again (idempotent).
          ConditionExpression: 'attribute_exists(pk) AND channel = :web',
          ExpressionAttributeValues: { ':settings': settings, ':web': 'web' },
          ReturnValues: 'ALL_NEW',
        }));
        return item ? inboxFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async rotateWidgetSecret(accountId, inboxId, expected, next) {
      try {
        await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: inboxKey(accountId, inboxId),
          UpdateExpression: 'SET widgetSecret = :next',
          // Compare-and-set on the secret the caller saw: a second admin rotating at the same
          // moment (or a retry after this write committed) does not replace a secret again.
          ConditionExpression: 'attribute_exists(pk) AND widgetSecret = :expected',
          ExpressionAttributeValues: { ':next': next, ':expected': expected },
        }));
        return next;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const stored = await getConsistent(ctx, inboxKey(accountId, inboxId));
        return stored ? inboxFromItem(stored).widgetSecret : undefined;
      }
    },

    async findByWidgetToken(widgetToken) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: widgetRouteKey(widgetToken) }));
      if (!item) return undefined;
      return {
        accountId: str(item, entityNames.widgetRoute, 'accountId'),
        inboxId: str(item, entityNames.widgetRoute, 'inboxId'),
      };
    },
  };
}
