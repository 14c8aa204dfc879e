/**
 * Invitation repository — layer: adapters (DynamoDB). AP-32.
 *
 * Only the SHA-256 of the invitation token is stored (it is the key). Accepting is one
 * conditional DeleteItem returning the old item, so an invitation is used at most once.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { agentRoles, type Invitation } from '../../domain/entities.js';
import type { InvitationRepository } from '../../ports/repositories.js';
import { isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { oneOf, str, type Item } from './item-fields.js';
import { entityNames, invitationKey, ttlFromIso } from './keys.js';
import type { TableContext } from './table-context.js';

function fromItem(item: Item): Invitation {
  const e = entityNames.invitation;
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    tokenHash: str(item, e, 'tokenHash'),
    email: str(item, e, 'email'),
    name: str(item, e, 'name'),
    role: oneOf(item, e, 'role', agentRoles),
    invitedBy: str(item, e, 'invitedBy'),
    createdAt: str(item, e, 'createdAt'),
    expiresAt: str(item, e, 'expiresAt'),
  };
}

/** The {@link InvitationRepository} over the single table. */
export function makeInvitationRepository(ctx: TableContext): InvitationRepository {
  return {
    async create(invitation) {
      const item = { ...invitationKey(invitation.accountId, invitation.tokenHash), entity: entityNames.invitation, ttl: ttlFromIso(invitation.expiresAt), ...invitation };
      await putNew(ctx, item, entityNames.invitation, fromItem);
    },

    async consume(accountId, tokenHash, now) {
      try {
        const { Attributes: item } = await ctx.client.send(new DeleteCommand({
          TableName: ctx.tableName,
          Key: invitationKey(accountId, tokenHash),
          // Single use and expiry: only an existing, unexpired invitation is deleted and returned.
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now },
          ReturnValues: 'ALL_OLD',
        }));
        return item ? fromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },
  };
}
