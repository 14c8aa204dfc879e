/**
 * Account repository — layer: adapters (DynamoDB). AP-1, AP-34.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../../domain/entities.js';
import type { AccountRepository } from '../../ports/repositories.js';
import { isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { accountFromItem, accountToItem } from './item-mappers.js';
import { accountKey, entityNames } from './keys.js';
import type { TableContext } from './table-context.js';

/** The {@link AccountRepository} over the single table. */
export function makeAccountRepository(ctx: TableContext): AccountRepository {
  return {
    async create(account: Account) {
      await putNew(ctx, accountToItem(account), entityNames.account, accountFromItem);
    },

    async get(accountId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: accountKey(accountId) }));
      return item ? accountFromItem(item) : undefined;
    },

    async update(accountId, changes) {
      const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
      if (entries.length === 0) {
        const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: accountKey(accountId) }));
        return item ? accountFromItem(item) : undefined;
      }
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: accountKey(accountId),
          UpdateExpression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          // attribute_exists: an update must not create a headless account item.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
          ReturnValues: 'ALL_NEW',
        }));
        return item ? accountFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },
  };
}
