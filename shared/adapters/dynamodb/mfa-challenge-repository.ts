/**
 * MFA challenge repository — layer: adapters (DynamoDB). AP-31.
 *
 * The second step of a sign-in: created when the password was right and the agent has MFA,
 * consumed once by a conditional delete when the code is right. Expiry is checked in code
 * (TTL deletion is lazy).
 */
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { MfaChallenge, MfaChallengeRepository } from '../../ports/repositories.js';
import { isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { str, type Item } from './item-fields.js';
import { entityNames, mfaChallengeKey, ttlFromIso } from './keys.js';
import type { TableContext } from './table-context.js';

function fromItem(item: Item): MfaChallenge {
  const e = entityNames.mfaChallenge;
  return {
    accountId: str(item, e, 'accountId'),
    tokenHash: str(item, e, 'tokenHash'),
    agentId: str(item, e, 'agentId'),
    expiresAt: str(item, e, 'expiresAt'),
  };
}

/** The {@link MfaChallengeRepository} over the single table. */
export function makeMfaChallengeRepository(ctx: TableContext): MfaChallengeRepository {
  return {
    async create(challenge) {
      const item = { ...mfaChallengeKey(challenge.accountId, challenge.tokenHash), entity: entityNames.mfaChallenge, ttl: ttlFromIso(challenge.expiresAt), ...challenge };
      await putNew(ctx, item, entityNames.mfaChallenge, fromItem);
    },

    async get(accountId, tokenHash, now) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: mfaChallengeKey(accountId, tokenHash), ConsistentRead: true }));
      if (!item) return undefined;
      const challenge = fromItem(item);
      return challenge.expiresAt > now ? challenge : undefined;
    },

    async consume(accountId, tokenHash) {
      try {
        await ctx.client.send(new DeleteCommand({
          TableName: ctx.tableName,
          Key: mfaChallengeKey(accountId, tokenHash),
          // Single use: of two concurrent second steps, only one deletes an existing challenge.
          ConditionExpression: 'attribute_exists(pk)',
        }));
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },
  };
}
