/**
 * Conversation repository — layer: adapters (DynamoDB). AP-8, AP-9, AP-10.
 *
 * The META item carries the conversation's `seq` counter, bumped with `ADD` by every status
 * change and every appended message (message-repository.ts), so realtime events can be ordered
 * and a reconnecting client knows where to catch up from.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Conversation } from '../../domain/entities.js';
import type { ConversationRepository } from '../../ports/repositories.js';
import { isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { conversationFromItem, conversationToItem } from './item-mappers.js';
import {
  contactConversationsPartition, conversationGsi1, conversationKey, conversationsByStatusPartition, entityNames, indexNames,
} from './keys.js';
import { queryPage } from './query-all.js';
import type { TableContext } from './table-context.js';

/** The {@link ConversationRepository} over the single table. */
export function makeConversationRepository(ctx: TableContext): ConversationRepository {
  return {
    async create(conversation: Conversation) {
      await putNew(ctx, conversationToItem(conversation), entityNames.conversation, conversationFromItem);
    },

    async get(accountId, conversationId) {
      const { Item: item } = await ctx.client.send(new GetCommand({
        TableName: ctx.tableName,
        Key: conversationKey(accountId, conversationId),
      }));
      return item ? conversationFromItem(item) : undefined;
    },

    async listByStatus(accountId, status, page) {
      const result = await queryPage(ctx, {
        IndexName: indexNames.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': conversationsByStatusPartition(accountId, status) },
        ScanIndexForward: false,
      }, page);
      return { items: result.items.map(conversationFromItem), ...(result.nextKey ? { nextKey: result.nextKey } : {}) };
    },

    async listByContact(accountId, contactId, page) {
      const result = await queryPage(ctx, {
        IndexName: indexNames.gsi2,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': contactConversationsPartition(accountId, contactId) },
        ScanIndexForward: false,
      }, page);
      return { items: result.items.map(conversationFromItem), ...(result.nextKey ? { nextKey: result.nextKey } : {}) };
    },

    async setStatus(accountId, conversationId, status, at) {
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: conversationKey(accountId, conversationId),
          UpdateExpression: 'SET #status = :status, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, lastActivityAt = :at ADD seq :one',
          // Protects against creating a headless META item for a conversation that does not
          // exist (an update would otherwise upsert). A retry re-applies the same status and
          // only consumes one more seq number.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ...prefixed(conversationGsi1(accountId, status, at, conversationId)),
            ':at': at,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }));
        return item ? conversationFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },
  };
}

/** `{ gsi1pk, gsi1sk }` as expression values `{ ':gsi1pk', ':gsi1sk' }`. */
function prefixed(keys: { gsi1pk: string; gsi1sk: string }): Record<string, string> {
  return { ':gsi1pk': keys.gsi1pk, ':gsi1sk': keys.gsi1sk };
}
