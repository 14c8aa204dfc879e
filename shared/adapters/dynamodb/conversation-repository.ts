/**
 * Conversation repository — layer: adapters (DynamoDB). AP-8, AP-9, AP-10, AP-40, AP-41.
 *
 * The META item carries the conversation's `seq` counter, bumped with `ADD` by every status
 * change and every appended message (message-repository.ts), so realtime events can be ordered
 * and a reconnecting client knows where to catch up from.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Conversation } from '../../domain/entities.js';
import type { ConversationChanges, ConversationFilter, ConversationRepository } from '../../ports/repositories.js';
import type { Item } from './item-fields.js';
import { isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { conversationFromItem, conversationToItem } from './item-mappers.js';
import {
  contactConversationsPartition, conversationGsi1, conversationKey, conversationsByStatusPartition, entityNames, indexNames,
} from './keys.js';
import { checkPageSize, queryPage } from './query-all.js';
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

    async update(accountId, conversationId, changes, options) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':one': 1 };
      const sets: string[] = [];
      const removes: string[] = [];
      const fields: (keyof ConversationChanges)[] = ['status', 'handledBy', 'priority', 'assigneeId', 'teamId', 'snoozedUntil', 'unreadCount'];
      for (const field of fields) {
        const value = changes[field];
        if (value === undefined) continue;
        names[`#${field}`] = field;
        if (value === null) {
          removes.push(`#${field}`);
        } else {
          sets.push(`#${field} = :${field}`);
          values[`:${field}`] = value;
        }
      }
      if (changes.status !== undefined) {
        sets.push('lastActivityAt = :at', 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk');
        Object.assign(values, { ':at': options.at }, prefixed(conversationGsi1(accountId, changes.status, options.at, conversationId)));
      }
      // Protects against upserting a headless META item (an update would create one), and lets
      // a caller apply a change only to the state it decided on (e.g. the scheduler wakes a
      // conversation only if it is still snoozed until the same time). A retried update applies
      // the same fields again and only consumes one more seq number.
      const conditions = ['attribute_exists(pk)'];
      if (options.ifStatus !== undefined) {
        names['#status'] = 'status';
        values[':ifStatus'] = options.ifStatus;
        conditions.push('#status = :ifStatus');
      }
      if (options.ifSnoozedUntil !== undefined) {
        names['#snoozedUntil'] = 'snoozedUntil';
        values[':ifSnoozedUntil'] = options.ifSnoozedUntil;
        conditions.push('#snoozedUntil = :ifSnoozedUntil');
      }
      const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '', 'ADD seq :one']
        .filter(Boolean)
        .join(' ');
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: conversationKey(accountId, conversationId),
          UpdateExpression: expression,
          ConditionExpression: conditions.join(' AND '),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }));
        return item ? conversationFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async list(accountId, filter, page) {
      const limit = checkPageSize(page.limit);
      const filterParts = filterExpression(filter);
      const collected: Item[] = [];
      let startKey = page.startKey;
      // Bounded work per call: a rare filter over a long status list returns a short page with
      // a continuation key rather than reading the whole partition.
      for (let round = 0; round < maxFilterRounds; round += 1) {
        const result = await ctx.client.send(new QueryCommand({
          TableName: ctx.tableName,
          IndexName: indexNames.gsi1,
          KeyConditionExpression: 'gsi1pk = :pk',
          ...(filterParts ? { FilterExpression: filterParts.expression, ExpressionAttributeNames: filterParts.names } : {}),
          ExpressionAttributeValues: { ':pk': conversationsByStatusPartition(accountId, filter.status), ...filterParts?.values },
          ScanIndexForward: false,
          Limit: filterParts ? filteredPageSize : limit - collected.length,
          ExclusiveStartKey: startKey,
        }));
        for (const item of result.Items ?? []) {
          collected.push(item);
          if (collected.length === limit) {
            const last = item;
            return { items: collected.map(conversationFromItem), nextKey: { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk } };
          }
        }
        startKey = result.LastEvaluatedKey;
        if (!startKey) return { items: collected.map(conversationFromItem) };
      }
      return { items: collected.map(conversationFromItem), ...(startKey ? { nextKey: startKey } : {}) };
    },

    async count(accountId, filter) {
      const filterParts = filterExpression(filter);
      let total = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const result = await ctx.client.send(new QueryCommand({
          TableName: ctx.tableName,
          IndexName: indexNames.gsi1,
          KeyConditionExpression: 'gsi1pk = :pk',
          ...(filterParts ? { FilterExpression: filterParts.expression, ExpressionAttributeNames: filterParts.names } : {}),
          ExpressionAttributeValues: { ':pk': conversationsByStatusPartition(accountId, filter.status), ...filterParts?.values },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }));
        total += result.Count ?? 0;
        startKey = result.LastEvaluatedKey;
      } while (startKey);
      return total;
    },
  };
}

/** Most pages one filtered listing reads before answering with what it found. */
const maxFilterRounds = 10;
/** Items evaluated per page of a filtered listing. */
const filteredPageSize = 100;

/** The FilterExpression of the optional filters, or undefined when there are none. */
function filterExpression(filter: ConversationFilter): { expression: string; names: Record<string, string>; values: Record<string, unknown> } | undefined {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.assigneeId === null) {
    parts.push('attribute_not_exists(#assigneeId)');
    names['#assigneeId'] = 'assigneeId';
  } else if (filter.assigneeId !== undefined) {
    parts.push('#assigneeId = :assigneeId');
    names['#assigneeId'] = 'assigneeId';
    values[':assigneeId'] = filter.assigneeId;
  }
  if (filter.inboxId !== undefined) {
    parts.push('#inboxId = :inboxId');
    names['#inboxId'] = 'inboxId';
    values[':inboxId'] = filter.inboxId;
  }
  if (filter.teamId !== undefined) {
    parts.push('#teamId = :teamId');
    names['#teamId'] = 'teamId';
    values[':teamId'] = filter.teamId;
  }
  if (filter.handledBy !== undefined) {
    parts.push('#handledBy = :handledBy');
    names['#handledBy'] = 'handledBy';
    values[':handledBy'] = filter.handledBy;
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

/** `{ gsi1pk, gsi1sk }` as expression values `{ ':gsi1pk', ':gsi1sk' }`. */
function prefixed(keys: { gsi1pk: string; gsi1sk: string }): Record<string, string> {
  return { ':gsi1pk': keys.gsi1pk, ':gsi1sk': keys.gsi1sk };
}
