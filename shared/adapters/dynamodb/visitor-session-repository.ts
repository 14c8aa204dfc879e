/**
 * Visitor-session and attachment repositories — layer: adapters (DynamoDB). AP-50, AP-51.
 *
 * A visitor session is keyed by the SHA-256 of its bearer token (the token is never stored);
 * `ttl` is its expiry, but TTL deletion is lazy, so callers check `expiresAt` themselves.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AttachmentRepository, VisitorSessionRepository } from '../../ports/repositories.js';
import { putNew } from './conditional-writes.js';
import { attachmentKey, entityNames, visitorSessionKey } from './keys.js';
import type { TableContext } from './table-context.js';
import { attachmentFromItem, attachmentToItem, visitorSessionFromItem, visitorSessionToItem } from './widget-item-mappers.js';

/** The {@link VisitorSessionRepository} over the single table. */
export function makeVisitorSessionRepository(ctx: TableContext): VisitorSessionRepository {
  return {
    async create(session) {
      await putNew(ctx, visitorSessionToItem(session), entityNames.visitorSession, visitorSessionFromItem);
    },
    async get(accountId, tokenHash) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: visitorSessionKey(accountId, tokenHash) }));
      return item ? visitorSessionFromItem(item) : undefined;
    },
  };
}

/** The {@link AttachmentRepository} over the single table. */
export function makeAttachmentRepository(ctx: TableContext): AttachmentRepository {
  return {
    async create(attachment) {
      await putNew(ctx, attachmentToItem(attachment), entityNames.attachment, attachmentFromItem);
    },
    async get(accountId, attachmentId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: attachmentKey(accountId, attachmentId) }));
      return item ? attachmentFromItem(item) : undefined;
    },
  };
}
