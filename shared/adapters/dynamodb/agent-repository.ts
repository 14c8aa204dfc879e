/**
 * Agent repository — layer: adapters (DynamoDB). AP-14, AP-15, AP-16, AP-33.
 *
 * Sign-in emails are unique across all tenants (an agent signs in before we know the tenant),
 * so creating an agent also claims its email with a global routing item
 * `ROUTE#agent-email#<lowercased email>` → account, agent. Both are written in one transaction
 * conditional on neither existing: an agent without its claim could not sign in, and a claim
 * without its agent would block the email forever.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Agent, AgentMfa } from '../../domain/entities.js';
import type { AgentRepository } from '../../ports/repositories.js';
import { cancellationCodes, getConsistent, isConditionalCheckFailed, sameEntity } from './conditional-writes.js';
import { EmailTakenError, ItemAlreadyExistsError } from './errors.js';
import { str } from './item-fields.js';
import { agentFromItem, agentToItem } from './item-mappers.js';
import { agentEmailRouteKey, agentKey, agentsQuery, entityNames } from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

/** The stored map of an MFA state (absent optionals stay absent). */
function mfaItem(mfa: AgentMfa): Record<string, unknown> {
  return {
    secretCiphertext: mfa.secretCiphertext,
    enabled: mfa.enabled,
    recoveryCodeHashes: [...mfa.recoveryCodeHashes],
    ...(mfa.lastUsedStep === undefined ? {} : { lastUsedStep: mfa.lastUsedStep }),
  };
}

/** The {@link AgentRepository} over the single table. */
export function makeAgentRepository(ctx: TableContext): AgentRepository {
  async function get(accountId: string, agentId: string): Promise<Agent | undefined> {
    const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: agentKey(accountId, agentId) }));
    return item ? agentFromItem(item) : undefined;
  }

  /** A retried create whose first attempt committed: same agent, claim pointing at it. */
  async function alreadyCreated(agent: Agent): Promise<boolean> {
    const [stored, route] = await Promise.all([
      getConsistent(ctx, agentKey(agent.accountId, agent.id)),
      getConsistent(ctx, agentEmailRouteKey(agent.email)),
    ]);
    return stored !== undefined && sameEntity(agentFromItem(stored), agentFromItem(agentToItem(agent)))
      && route?.accountId === agent.accountId && route.agentId === agent.id;
  }

  return {
    async create(agent) {
      try {
        // The SDK sends a ClientRequestToken, so its own retries within 10 minutes are
        // idempotent; the conditions below protect existing items from other writers.
        await ctx.client.send(new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: ctx.tableName,
                Item: agentToItem(agent),
                // Protects an existing agent from being overwritten by a colliding id.
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: ctx.tableName,
                Item: {
                  ...agentEmailRouteKey(agent.email),
                  entity: entityNames.agentEmailRoute,
                  accountId: agent.accountId,
                  agentId: agent.id,
                },
                // Protects the email's first claim: one email signs in to exactly one agent.
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }));
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (await alreadyCreated(agent)) return;
        if (codes[1] === 'ConditionalCheckFailed') throw new EmailTakenError();
        if (codes[0] === 'ConditionalCheckFailed') throw new ItemAlreadyExistsError(entityNames.agent);
        throw error;
      }
    },

    get,

    async list(accountId) {
      const { pk, skPrefix } = agentsQuery(accountId);
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      });
      return items.map(agentFromItem);
    },

    async update(accountId, agentId, changes) {
      const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
      if (entries.length === 0) return get(accountId, agentId);
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: agentKey(accountId, agentId),
          UpdateExpression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          // attribute_exists: an update must not create a headless agent item.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
          ReturnValues: 'ALL_NEW',
        }));
        return item ? agentFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async replaceMfa(accountId, agentId, expected, next) {
      const values: Record<string, unknown> = {};
      const conditions = ['attribute_exists(pk)'];
      if (expected === undefined) {
        conditions.push('attribute_not_exists(mfa)');
      } else {
        conditions.push('mfa.secretCiphertext = :s', 'mfa.enabled = :e', 'size(mfa.recoveryCodeHashes) = :n');
        Object.assign(values, { ':s': expected.secretCiphertext, ':e': expected.enabled, ':n': expected.recoveryCodeHashes.length });
        if (expected.lastUsedStep === undefined) conditions.push('attribute_not_exists(mfa.lastUsedStep)');
        else {
          conditions.push('mfa.lastUsedStep = :l');
          values[':l'] = expected.lastUsedStep;
        }
      }
      if (next !== undefined) values[':next'] = mfaItem(next);
      try {
        await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: agentKey(accountId, agentId),
          UpdateExpression: next === undefined ? 'REMOVE mfa' : 'SET mfa = :next',
          // Compare-and-swap: a TOTP step or recovery code is spent by exactly one request, and
          // set-up, enable and disable never overwrite a change they did not see.
          ConditionExpression: conditions.join(' AND '),
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        }));
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    async findByEmail(email) {
      if (email.trim().length === 0) return undefined;
      const { Item: route } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: agentEmailRouteKey(email) }));
      if (!route) return undefined;
      return get(str(route, entityNames.agentEmailRoute, 'accountId'), str(route, entityNames.agentEmailRoute, 'agentId'));
    },
  };
}
