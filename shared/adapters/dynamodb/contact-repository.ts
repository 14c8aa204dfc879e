/**
 * Contact repository — layer: adapters (DynamoDB). AP-5, AP-6, AP-7.
 *
 * An identity item's pk is the identity itself (`…#IDENTITY#<channel>#<externalId>`), so two
 * webhooks racing to create a contact for the same phone number both call `linkIdentity` and
 * the conditional put lets exactly one link win; the loser gets the winner's link back.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactIdentity } from '../../domain/entities.js';
import type { ContactRepository } from '../../ports/repositories.js';
import { getConsistent, isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { MalformedItemError } from './errors.js';
import { contactFromItem, contactToItem, identityFromItem, identityToItem } from './item-mappers.js';
import { contactIdentitiesPartition, contactKey, entityNames, identityKey, identityPrefix, indexNames } from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

/** The {@link ContactRepository} over the single table. */
export function makeContactRepository(ctx: TableContext): ContactRepository {
  return {
    async create(contact) {
      await putNew(ctx, contactToItem(contact), entityNames.contact, contactFromItem);
    },

    async get(accountId, contactId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: contactKey(accountId, contactId) }));
      return item ? contactFromItem(item) : undefined;
    },

    async linkIdentity(identity: ContactIdentity) {
      const item = identityToItem(identity);
      try {
        await ctx.client.send(new PutCommand({
          TableName: ctx.tableName,
          Item: item,
          // Protects the first link: an identity belongs to the contact that claimed it first.
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return identity;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const stored = await getConsistent(ctx, identityKey(identity.accountId, identity.channel, identity.externalId));
        // Identity links are never deleted, so a failed condition means the item is there.
        if (!stored) throw new MalformedItemError(entityNames.contactIdentity, 'pk');
        return identityFromItem(stored);
      }
    },

    async findByIdentity(accountId, channel, externalId) {
      const { Item: item } = await ctx.client.send(new GetCommand({
        TableName: ctx.tableName,
        Key: identityKey(accountId, channel, externalId),
      }));
      return item ? identityFromItem(item) : undefined;
    },

    async listIdentities(accountId, contactId) {
      const items = await queryAll(ctx, {
        IndexName: indexNames.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': contactIdentitiesPartition(accountId, contactId), ':prefix': identityPrefix },
      });
      return items.map(identityFromItem);
    },
  };
}
