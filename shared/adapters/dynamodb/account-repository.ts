/**
 * Account repository — layer: adapters (DynamoDB). AP-1.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../../domain/entities.js';
import type { AccountRepository } from '../../ports/repositories.js';
import { putNew } from './conditional-writes.js';
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
  };
}
