/**
 * Message repository — layer: adapters (DynamoDB). AP-11, AP-12, AP-13.
 *
 * Messages live in their conversation's item collection (`ACC#<a>#CONV#<id>`, sk `MSG#<ulid>`),
 * one item per message — a chat history is never rewritten as one growing item.
 *
 * `append` is the hot path (every inbound message, every answer), so it is two single-item
 * writes rather than a transaction (DESIGN.md §3): TransactWriteItems returns no updated values,
 * so it could not hand back the seq it assigned; it costs twice the write units; and it is
 * cancelled as a whole under contention on the busy META item.
 *
 *   1. UpdateItem META: ADD seq 1 (+ unreadCount 1 for incoming), SET lastActivityAt, gsi1sk;
 *      condition attribute_exists(pk); UPDATED_NEW → the message's seq. `ADD` is atomic, so
 *      concurrent appends get distinct seqs.
 *   2. PutItem the message with that seq; condition attribute_not_exists(pk). The message id is
 *      the idempotency key: a retried append finds the message stored and returns it unchanged.
 *
 *   first call:  (1) seq 7 ──▶ (2) put MSG#X seq 7 ──▶ returns seq 7
 *   retry of X:  (1) seq 8 ──▶ (2) ConditionalCheckFailed ──▶ read MSG#X ──▶ returns seq 7
 *
 * Residual effects of a retry (or a crash between 1 and 2), accepted on purpose:
 * - the seq number taken by step 1 is never used, leaving a gap: clients treat seq as an
 *   ordering, never as a contiguous count;
 * - for an incoming message, unreadCount counts it once more and lastActivityAt/gsi1sk are
 *   set again to the message's createdAt. Provider redeliveries are deduplicated before append
 *   (by the provider's message id, SECURITY.md §2), so this takes a retry of the same append.
 * lastActivityAt is the createdAt of the last append applied (DynamoDB has no max() in an
 * update), so appends applied out of createdAt order can move it back by their skew.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { lastMessagePreview } from '../../domain/conversation-rules.js';
import type { Message } from '../../domain/entities.js';
import type { MessageRepository, NewMessage } from '../../ports/repositories.js';
import { getConsistent, isConditionalCheckFailed } from './conditional-writes.js';
import { ConversationNotFoundError, MalformedItemError } from './errors.js';
import { num } from './item-fields.js';
import { messageFromItem, messageToItem } from './item-mappers.js';
import { conversationActivitySortKey, conversationKey, conversationPartition, entityNames, messageKey, messageRange } from './keys.js';
import { checkPageSize } from './query-all.js';
import type { TableContext } from './table-context.js';

/** Options of {@link MessageRepository.list}. */
type ListOptions = Parameters<MessageRepository['list']>[2];

/** The {@link MessageRepository} over the single table. */
export function makeMessageRepository(ctx: TableContext): MessageRepository {
  /** Step 1 of append: takes the next seq of the conversation. */
  async function takeSeq(message: NewMessage): Promise<number> {
    const incoming = message.type === 'incoming';
    // The inbox list shows the last customer-visible message without reading the messages.
    const preview = lastMessagePreview(message);
    try {
      const { Attributes: updated } = await ctx.client.send(new UpdateCommand({
        TableName: ctx.tableName,
        Key: conversationKey(message.accountId, message.conversationId),
        UpdateExpression: `SET lastActivityAt = :at, gsi1sk = :gsi1sk${preview ? ', lastMessage = :preview' : ''} ADD seq :one${incoming ? ', unreadCount :one' : ''}`,
        // Protects against upserting a headless META item: a message needs its conversation,
        // in the caller's account.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':at': message.createdAt,
          ':gsi1sk': conversationActivitySortKey(message.createdAt, message.conversationId),
          ':one': 1,
          ...(preview ? { ':preview': preview } : {}),
        },
        ReturnValues: 'UPDATED_NEW',
      }));
      return num(updated ?? {}, entityNames.conversation, 'seq');
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new ConversationNotFoundError();
      throw error;
    }
  }

  return {
    async append(message) {
      const stored: Message = { ...message, seq: await takeSeq(message) };
      try {
        await ctx.client.send(new PutCommand({
          TableName: ctx.tableName,
          Item: messageToItem(stored),
          // Protects the first write of this message id: a retried append must not rewrite
          // the message with a new seq (the realtime stream would emit it twice).
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return stored;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const existing = await getConsistent(ctx, messageKey(message.accountId, message.conversationId, message.id));
        // Messages are never deleted, so a failed condition means the item is there.
        if (!existing) throw new MalformedItemError(entityNames.message, 'pk');
        return messageFromItem(existing);
      }
    },

    async get(accountId, conversationId, messageId) {
      const { Item: item } = await ctx.client.send(new GetCommand({
        TableName: ctx.tableName,
        Key: messageKey(accountId, conversationId, messageId),
      }));
      return item ? messageFromItem(item) : undefined;
    },

    /**
     * - `afterId`: messages after it (exclusive), oldest first;
     * - `beforeId`: the page just before it (exclusive), newest first;
     * - both: the messages between them, oldest first;
     * - `newestFirst`, when given, sets the order explicitly; alone it gives the newest page.
     */
    async list(accountId, conversationId, options: ListOptions) {
      const limit = checkPageSize(options.limit);
      const { afterId, beforeId } = options;
      const newestFirst = options.newestFirst ?? (beforeId !== undefined && afterId === undefined);
      const { from, to } = messageRange(afterId, beforeId);
      const isAnchor = (id: string) => id === afterId || id === beforeId;
      // BETWEEN is inclusive: ask for room for the anchors, which are dropped below.
      const anchors = (afterId === undefined ? 0 : 1) + (beforeId === undefined ? 0 : 1);
      const messages: Message[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await ctx.client.send(new QueryCommand({
          TableName: ctx.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': conversationPartition(accountId, conversationId), ':from': from, ':to': to },
          ScanIndexForward: !newestFirst,
          Limit: limit + anchors - messages.length,
          ExclusiveStartKey: startKey,
        }));
        for (const item of page.Items ?? []) {
          const message = messageFromItem(item);
          if (!isAnchor(message.id)) messages.push(message);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey && messages.length < limit);
      return messages.slice(0, limit);
    },

    async markRead(accountId, conversationId, messageId, at) {
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: messageKey(accountId, conversationId, messageId),
          UpdateExpression: 'SET #status = :read, readAt = :at',
          // Protects against upserting a headless message, and makes a repeated read a no-op
          // (no second MODIFY, so no duplicate message.updated event).
          ConditionExpression: 'attribute_exists(pk) AND #status <> :read',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':read': 'read', ':at': at },
          ReturnValues: 'ALL_NEW',
        }));
        return item ? messageFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },
  };
}
