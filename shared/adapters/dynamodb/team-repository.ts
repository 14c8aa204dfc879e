/**
 * Team repository — layer: adapters (DynamoDB). AP-42.
 *
 * Teams live in the account's item collection (`ACC#<a>`, sk `TEAM#<id>`): an account has few
 * teams, so listing them is one query.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TeamRepository } from '../../ports/repositories.js';
import { putNew } from './conditional-writes.js';
import { teamFromItem, teamToItem } from './item-mappers.js';
import { entityNames, teamKey, teamsQuery } from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

/** The {@link TeamRepository} over the single table. */
export function makeTeamRepository(ctx: TableContext): TeamRepository {
  return {
    async create(team) {
      await putNew(ctx, teamToItem(team), entityNames.team, teamFromItem);
    },

    async get(accountId, teamId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: teamKey(accountId, teamId) }));
      return item ? teamFromItem(item) : undefined;
    },

    async list(accountId) {
      const { pk, skPrefix } = teamsQuery(accountId);
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      });
      return items.map(teamFromItem);
    },
  };
}
