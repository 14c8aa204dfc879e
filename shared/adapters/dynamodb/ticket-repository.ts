/**
 * Connect-ticket repository — layer: adapters (DynamoDB). AP-19.
 *
 * A ticket authorizes exactly one WebSocket `$connect` (SECURITY.md §5). `consume` is one
 * conditional DeleteItem returning the old item: DynamoDB serializes writes to an item, so of
 * any number of concurrent consumers exactly one sees the item and the others fail the
 * condition. TTL deletion is lazy (an expired item can live for days), so the condition, not
 * TTL, enforces expiry; `ttl` only keeps the table clean.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { TicketRepository } from '../../ports/repositories.js';
import { isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { ticketFromItem, ticketToItem } from './item-mappers.js';
import { entityNames, ticketKey } from './keys.js';
import type { TableContext } from './table-context.js';

/** The {@link TicketRepository} over the single table. */
export function makeTicketRepository(ctx: TableContext): TicketRepository {
  return {
    async create(ticket) {
      await putNew(ctx, ticketToItem(ticket), entityNames.connectTicket, ticketFromItem);
    },

    /** `now` must be an ISO-8601 UTC time in the same format as `expiresAt` (toISOString). */
    async consume(accountId, tokenHash, now) {
      try {
        const { Attributes: item } = await ctx.client.send(new DeleteCommand({
          TableName: ctx.tableName,
          Key: ticketKey(accountId, tokenHash),
          // Single use and expiry: only an existing, unexpired ticket is deleted and returned.
          // ISO-8601 UTC strings of one format compare in time order.
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now },
          ReturnValues: 'ALL_OLD',
        }));
        return item ? ticketFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },
  };
}
