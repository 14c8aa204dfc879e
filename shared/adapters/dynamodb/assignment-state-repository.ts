/**
 * Round-robin pointer — layer: adapters (DynamoDB). AP-44.
 *
 * One small item per account remembers the last agent auto-assignment chose. Last writer wins:
 * two assignments racing may pick the same next agent, which capacity still bounds.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AssignmentStateRepository } from '../../ports/repositories.js';
import { optStr } from './item-fields.js';
import { assignmentStateKey, entityNames } from './keys.js';
import type { TableContext } from './table-context.js';

/** The {@link AssignmentStateRepository} over the single table. */
export function makeAssignmentStateRepository(ctx: TableContext): AssignmentStateRepository {
  return {
    async lastAssigned(accountId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: assignmentStateKey(accountId) }));
      return item ? optStr(item, entityNames.assignmentState, 'lastAgentId') : undefined;
    },

    async recordAssigned(accountId, agentId) {
      // Unconditional on purpose: the pointer is a hint for fairness, and a retry writes the same value.
      await ctx.client.send(new PutCommand({
        TableName: ctx.tableName,
        Item: { ...assignmentStateKey(accountId), entity: entityNames.assignmentState, accountId, lastAgentId: agentId },
      }));
    },
  };
}
