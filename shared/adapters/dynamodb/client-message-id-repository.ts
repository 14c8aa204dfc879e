/**
 * Client message id claims — layer: adapters (DynamoDB). AP-43.
 *
 * A sender (a widget visitor, an agent) names each message it sends with its own id, so a
 * retry after a lost response returns the first message instead of sending it twice:
 *
 *   attempt 1: PutItem CMID (not exists) ──▶ claimed {conversation C, message M} ──▶ append M
 *   attempt 2: PutItem CMID ──▶ ConditionalCheckFailed ──▶ read the claim ──▶ return M
 *
 * The claim is written before the message, with the ids the message will get, so a crash
 * between the two is repaired by the retry (the append is idempotent on the message id).
 * Claims expire after a week (TTL).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientMessageIdRepository } from '../../ports/repositories.js';
import { getConsistent, isConditionalCheckFailed } from './conditional-writes.js';
import { MalformedItemError } from './errors.js';
import { str } from './item-fields.js';
import { clientMessageIdKey, entityNames, ttlFromIso } from './keys.js';
import type { TableContext } from './table-context.js';

/** The {@link ClientMessageIdRepository} over the single table. */
export function makeClientMessageIdRepository(ctx: TableContext): ClientMessageIdRepository {
  return {
    async claim(accountId, scope, clientMessageId, claim, expiresAt) {
      const key = clientMessageIdKey(accountId, scope, clientMessageId);
      try {
        await ctx.client.send(new PutCommand({
          TableName: ctx.tableName,
          Item: { ...key, entity: entityNames.clientMessageId, ttl: ttlFromIso(expiresAt), ...claim },
          // Protects the first claim: a retried send must find the message it created, not
          // create a second one.
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return { claimed: true, claim };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const stored = await getConsistent(ctx, key);
        // TTL may remove an expired claim between the put and the read: treat it as malformed
        // rather than silently sending twice.
        if (!stored) throw new MalformedItemError(entityNames.clientMessageId, 'pk');
        const e = entityNames.clientMessageId;
        return { claimed: false, claim: { conversationId: str(stored, e, 'conversationId'), messageId: str(stored, e, 'messageId') } };
      }
    },
  };
}
