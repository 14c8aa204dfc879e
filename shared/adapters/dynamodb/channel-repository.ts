/**
 * Channel items — layer: adapters (DynamoDB). AP-60..AP-67 (CORE of the channels work).
 *
 * Routing items resolve a webhook to its tenant; thread items join emails into conversations;
 * provider-message items let receipts find our message; the send state of an outgoing message
 * lives on its message item (`status` plus `deliveryState`):
 *
 *   queued ──claimSend──▶ queued/sending ──markSent──▶ sent ──receipt──▶ delivered ──▶ read
 *                                  └──markFailed──▶ failed ──requeue (agent)──▶ queued
 *
 * Every transition is a conditional update, so a retried job or a late receipt never moves a
 * message backwards and a message recorded `sent` is never claimed again.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Message } from '../../domain/entities.js';
import type { ChannelRepository, InboxRoute, MessageRef } from '../../ports/channel-store.js';
import { getConsistent, isConditionalCheckFailed } from './conditional-writes.js';
import { str, type Item } from './item-fields.js';
import { messageFromItem } from './item-mappers.js';
import { conversationClaimKey, emailThreadKey, entityNames, inboxRouteKey, messageKey, metaRouteKey, providerMessageKey, tokenBucketKey } from './keys.js';
import type { TableContext } from './table-context.js';

const day = 24 * 60 * 60;

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** The statuses a receipt may move a message from, for each status it reports. */
const earlierStatuses: Readonly<Record<'sent' | 'delivered' | 'read' | 'failed', readonly string[]>> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent'],
};

function refKey(ref: MessageRef) {
  return messageKey(ref.accountId, ref.conversationId, ref.messageId);
}

/** The {@link ChannelRepository} over the single table. */
export function makeChannelRepository(ctx: TableContext): ChannelRepository {
  async function update(ref: MessageRef, input: { set: string; remove?: string; condition: string; names?: Record<string, string>; values: Record<string, unknown> }): Promise<Message | undefined> {
    try {
      const { Attributes: item } = await ctx.client.send(new UpdateCommand({
        TableName: ctx.tableName,
        Key: refKey(ref),
        UpdateExpression: `SET ${input.set}${input.remove ? ` REMOVE ${input.remove}` : ''}`,
        ConditionExpression: input.condition,
        ExpressionAttributeNames: { '#status': 'status', ...input.names },
        ExpressionAttributeValues: input.values,
        ReturnValues: 'ALL_NEW',
      }));
      return item ? messageFromItem(item) : undefined;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  async function getRoute(key: { pk: string; sk: string }, entity: string): Promise<InboxRoute | undefined> {
    const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: key }));
    if (!item) return undefined;
    return { accountId: str(item, entity, 'accountId'), inboxId: str(item, entity, 'inboxId') };
  }

  return {
    async putInboxRoute(route) {
      // Unconditional: the item only ever holds the inbox's own account (inbox ids are ULIDs).
      await ctx.client.send(new PutCommand({ TableName: ctx.tableName, Item: { ...inboxRouteKey(route.inboxId), entity: entityNames.inboxRoute, ...route } }));
    },
    async findInboxRoute(inboxId) {
      if (inboxId.length === 0 || inboxId.includes('#') || inboxId.length > 64) return undefined;
      return getRoute(inboxRouteKey(inboxId), entityNames.inboxRoute);
    },
    async putMetaRoute(address, route) {
      try {
        await ctx.client.send(new PutCommand({
          TableName: ctx.tableName,
          Item: { ...metaRouteKey(address), entity: entityNames.metaRoute, ...route },
          // Protects the first tenant to connect a page or number: another tenant cannot take
          // over its messages by creating an inbox with the same address.
          ConditionExpression: 'attribute_not_exists(pk) OR (accountId = :a AND inboxId = :i)',
          ExpressionAttributeValues: { ':a': route.accountId, ':i': route.inboxId },
        }));
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },
    async findMetaRoute(address) {
      if (address.length === 0 || address.includes('#') || address.length > 128) return undefined;
      return getRoute(metaRouteKey(address), entityNames.metaRoute);
    },
    async putEmailThread(accountId, inboxId, emailMessageId, conversationId) {
      await ctx.client.send(new PutCommand({
        TableName: ctx.tableName,
        Item: { ...emailThreadKey(accountId, inboxId, sha256(emailMessageId)), entity: entityNames.emailThread, conversationId, ttl: Math.ceil(Date.now() / 1000) + 365 * day },
      }));
    },
    async findEmailThread(accountId, inboxId, emailMessageId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: emailThreadKey(accountId, inboxId, sha256(emailMessageId)) }));
      return item ? str(item, entityNames.emailThread, 'conversationId') : undefined;
    },
    async putProviderMessage(provider, providerMessageId, ref) {
      await ctx.client.send(new PutCommand({
        TableName: ctx.tableName,
        Item: { ...providerMessageKey(provider, sha256(providerMessageId)), entity: entityNames.providerMessage, ...ref, ttl: Math.ceil(Date.now() / 1000) + 30 * day },
      }));
    },
    async findProviderMessage(provider, providerMessageId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: providerMessageKey(provider, sha256(providerMessageId)) }));
      if (!item) return undefined;
      const e = entityNames.providerMessage;
      return { accountId: str(item, e, 'accountId'), conversationId: str(item, e, 'conversationId'), messageId: str(item, e, 'messageId') };
    },
    async claimSend(ref, at) {
      const claimed = await update(ref, {
        set: 'deliveryState = :sending, sendClaimedAt = :at',
        // Protects against a second send: only a message still `queued` (never recorded sent,
        // never failed) is claimed; a `sending` left by a crashed attempt is claimed again.
        condition: 'attribute_exists(pk) AND #type = :outgoing AND #status = :queued',
        names: { '#type': 'type' },
        values: { ':sending': 'sending', ':at': at, ':queued': 'queued', ':outgoing': 'outgoing' },
      });
      if (claimed) return { kind: 'claimed', message: claimed };
      const item = await getConsistent(ctx, refKey(ref));
      if (!item) return { kind: 'missing' };
      const message = messageFromItem(item);
      if (message.type !== 'outgoing') return { kind: 'missing' };
      return message.status === 'failed' ? { kind: 'failed', message } : { kind: 'already-sent', message };
    },
    async markSent(ref, providerMessageId, at) {
      const sent = await update(ref, {
        set: '#status = :sent, deliveryState = :sent, providerMessageId = :pid, sentAt = :at',
        // Protects a receipt that got here first (delivered/read) from being moved back.
        condition: 'attribute_exists(pk) AND #status = :queued',
        values: { ':sent': 'sent', ':pid': providerMessageId, ':at': at, ':queued': 'queued' },
      });
      if (sent) return true;
      const recorded = await update(ref, {
        set: 'deliveryState = :sent, providerMessageId = :pid',
        // A receipt already moved the status forward: record the provider id only.
        condition: 'attribute_exists(pk) AND #status IN (:delivered, :read)',
        values: { ':sent': 'sent', ':pid': providerMessageId, ':delivered': 'delivered', ':read': 'read' },
      });
      return recorded !== undefined;
    },
    async markFailed(ref, reason, at) {
      return update(ref, {
        set: '#status = :failed, deliveryState = :failed, failureReason = :reason, failedAt = :at',
        // Protects a delivered or read message from a late failure, and keeps the first reason.
        condition: 'attribute_exists(pk) AND #status IN (:queued, :sent)',
        values: { ':failed': 'failed', ':reason': reason.slice(0, 500), ':at': at, ':queued': 'queued', ':sent': 'sent' },
      });
    },
    async requeue(ref, at) {
      return update(ref, {
        set: '#status = :queued, deliveryState = :queued, requeuedAt = :at',
        remove: 'failureReason',
        // Protects a message that is not failed (a double click, a concurrent retry) from a second send.
        condition: 'attribute_exists(pk) AND #type = :outgoing AND #status = :failed',
        names: { '#type': 'type' },
        values: { ':queued': 'queued', ':failed': 'failed', ':at': at, ':outgoing': 'outgoing' },
      });
    },
    async advanceStatus(ref, status, at, reason, providerMessageId) {
      const from = earlierStatuses[status];
      const valueNames = from.map((_, i) => `:from${i}`);
      const values: Record<string, unknown> = { ':to': status, ...Object.fromEntries(from.map((s, i) => [`:from${i}`, s])) };
      let set = '#status = :to';
      if (status === 'read') { set += ', readAt = :at'; values[':at'] = at; }
      if (status === 'delivered') { set += ', deliveredAt = :at'; values[':at'] = at; }
      if (status === 'failed') { set += ', failureReason = :reason'; values[':reason'] = (reason ?? 'failed').slice(0, 500); }
      if (providerMessageId !== undefined) values[':pid'] = providerMessageId;
      return update(ref, {
        set,
        // Protects the order of receipts: a status only moves forward (queued < sent < delivered < read);
        // and, for a receipt naming a send, a retried message from its superseded send's receipts.
        condition: `attribute_exists(pk) AND #status IN (${valueNames.join(', ')})${providerMessageId !== undefined ? ' AND providerMessageId = :pid' : ''}`,
        values,
      });
    },
    async claimNextConversation(accountId, inboxId, contactId, previousConversationId, candidateId) {
      const key = conversationClaimKey(accountId, inboxId, contactId, previousConversationId);
      try {
        await ctx.client.send(new PutCommand({
          TableName: ctx.tableName,
          Item: { ...key, entity: entityNames.conversationClaim, conversationId: candidateId, ttl: Math.ceil(Date.now() / 1000) + day },
          // First claim wins: a concurrent first message of the same contact takes the winner's id.
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return candidateId;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      const winner = await getConsistent(ctx, key);
      return winner ? str(winner, entityNames.conversationClaim, 'conversationId') : candidateId;
    },
    async takeToken(key, spec, nowMs) {
      const itemKey = tokenBucketKey(key);
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const stored: Item | undefined = await getConsistent(ctx, itemKey);
        const lastMs = typeof stored?.updatedAtMs === 'number' ? stored.updatedAtMs : undefined;
        const version = typeof stored?.version === 'number' ? stored.version : undefined;
        const level = stored && lastMs !== undefined && version !== undefined
          ? Math.min(spec.capacity, Number(stored.tokens) + (Math.max(0, nowMs - lastMs) / 1000) * spec.refillPerSecond)
          : spec.capacity;
        if (level < 1) return Math.max(1, Math.ceil((1 - level) / spec.refillPerSecond));
        try {
          await ctx.client.send(new PutCommand({
            TableName: ctx.tableName,
            Item: { ...itemKey, entity: entityNames.tokenBucket, tokens: level - 1, updatedAtMs: Math.max(nowMs, lastMs ?? 0), version: (version ?? 0) + 1, ttl: Math.ceil(nowMs / 1000) + day },
            // Protects the level read above: two senders taking the last token at once must not both get it.
            ConditionExpression: version === undefined ? 'attribute_not_exists(pk)' : 'version = :version',
            ...(version === undefined ? {} : { ExpressionAttributeValues: { ':version': version } }),
          }));
          return 0;
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
      }
      return 1;
    },
  };
}
