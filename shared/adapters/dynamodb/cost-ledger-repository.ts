/**
 * AI cost ledger — layer: adapters (DynamoDB). AP-75..AP-79 (docs/COSTS.md).
 *
 * Recording an answer is ONE transaction: the claim of its message id (AP-75, put if absent) and
 * `ADD` of cost, turns and tokens to the conversation item (AP-8), the day (AP-76), the month
 * (AP-77) and the month's conversation row (AP-78). A retried job fails the claim and adds
 * nothing; a half-recorded answer cannot exist. The month's total is then read back (consistent).
 * Alerts are claimed on the month item itself (AP-79): `ADD alertedPercents :p` conditional on the
 * set not holding it yet, so each (month, percent) is claimed exactly once.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dayOf, monthOf } from '../../domain/budget.js';
import type { AiCostEntry, ConversationCost, CostLedger, CostTotals, DayCost } from '../../ports/cost-ledger.js';
import { cancellationCodes, isConditionalCheckFailed } from './conditional-writes.js';
import type { Item } from './item-fields.js';
import {
  aiCostEntryKey, conversationCostKey, conversationCostsPartition, conversationKey, costDayKey, costMonthKey, costsPartition, entityNames,
} from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

function n(item: Item | undefined, name: string): number {
  const value = item?.[name];
  return typeof value === 'number' ? value : 0;
}

function totalsOf(item: Item | undefined): CostTotals {
  return { costNanoUsd: n(item, 'costNanoUsd'), turns: n(item, 'turns'), inputTokens: n(item, 'inputTokens'), outputTokens: n(item, 'outputTokens') };
}

function percentsOf(item: Item | undefined): number[] {
  const value = item?.alertedPercents;
  if (value instanceof Set) return [...value].map(Number).sort((a, b) => a - b);
  return [];
}

/** The {@link CostLedger} over the single table. */
export function makeCostLedgerRepository(ctx: TableContext): CostLedger {
  async function getMonth(accountId: string, month: string): Promise<Item | undefined> {
    const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: costMonthKey(accountId, month), ConsistentRead: true }));
    return item;
  }

  return {
    async record(entry: AiCostEntry) {
      const { conversationId } = entry;
      const month = monthOf(entry.at);
      const day = dayOf(entry.at);
      const add = { ':cost': entry.costNanoUsd, ':one': 1, ':in': entry.inputTokens, ':out': entry.outputTokens };
      const totals = 'ADD costNanoUsd :cost, turns :one, inputTokens :in, outputTokens :out';
      let recorded = true;
      try {
        await ctx.client.send(new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: ctx.tableName,
                Item: {
                  ...aiCostEntryKey(entry.accountId, entry.messageId), entity: entityNames.aiCostEntry,
                  accountId: entry.accountId, conversationId, messageId: entry.messageId, at: entry.at,
                  costNanoUsd: entry.costNanoUsd, inputTokens: entry.inputTokens, outputTokens: entry.outputTokens, modelId: entry.modelId,
                },
                // Protects against counting one answer twice (a retried job records the same message id).
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...(conversationId === undefined ? [] : [{
              Update: {
                TableName: ctx.tableName,
                Key: conversationKey(entry.accountId, conversationId),
                UpdateExpression: 'ADD aiCostNanoUsd :cost',
                // A missing conversation must not be created as a headless item by ADD.
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':cost': entry.costNanoUsd },
              },
            }]),
            {
              Update: {
                TableName: ctx.tableName, Key: costDayKey(entry.accountId, day),
                UpdateExpression: `SET entity = :entity, #day = :day, accountId = :acc ${totals}`,
                ExpressionAttributeNames: { '#day': 'day' },
                ExpressionAttributeValues: { ...add, ':entity': entityNames.costDay, ':day': day, ':acc': entry.accountId },
              },
            },
            {
              Update: {
                TableName: ctx.tableName, Key: costMonthKey(entry.accountId, month),
                UpdateExpression: `SET entity = :entity, #month = :month, accountId = :acc ${totals}`,
                ExpressionAttributeNames: { '#month': 'month' },
                ExpressionAttributeValues: { ...add, ':entity': entityNames.costMonth, ':month': month, ':acc': entry.accountId },
              },
            },
            ...(conversationId === undefined ? [] : [{
              Update: {
                TableName: ctx.tableName, Key: conversationCostKey(entry.accountId, month, conversationId),
                UpdateExpression: 'SET entity = :entity, conversationId = :conv, accountId = :acc ADD costNanoUsd :cost, turns :one',
                ExpressionAttributeValues: {
                  ':cost': entry.costNanoUsd, ':one': 1, ':entity': entityNames.conversationCost, ':conv': conversationId, ':acc': entry.accountId,
                },
              },
            }]),
          ],
        }));
      } catch (error) {
        const codes = cancellationCodes(error);
        // The claim or the conversation's existence failed: nothing was added.
        if (!codes || !(codes[0] === 'ConditionalCheckFailed' || (conversationId !== undefined && codes[1] === 'ConditionalCheckFailed'))) throw error;
        recorded = false;
      }
      const item = await getMonth(entry.accountId, month);
      return { recorded, monthSpendNanoUsd: n(item, 'costNanoUsd'), alertedPercents: percentsOf(item) };
    },

    async month(accountId, month) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: costMonthKey(accountId, month) }));
      return totalsOf(item);
    },

    async days(accountId, from, to) {
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': costsPartition(accountId), ':from': costDayKey(accountId, from).sk, ':to': costDayKey(accountId, to).sk },
      });
      return items.map((item): DayCost => ({ day: String(item.day), ...totalsOf(item) }));
    },

    async topConversations(accountId, month, limit) {
      // One partition per (tenant, month): read it whole and rank in memory (docs/COSTS.md).
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': conversationCostsPartition(accountId, month) },
      });
      return items
        .map((item): ConversationCost => ({ conversationId: String(item.conversationId), costNanoUsd: n(item, 'costNanoUsd'), turns: n(item, 'turns') }))
        .sort((a, b) => b.costNanoUsd - a.costNanoUsd || (a.conversationId < b.conversationId ? -1 : 1))
        .slice(0, limit);
    },

    async claimAlert(accountId, month, percent, at) {
      try {
        await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: costMonthKey(accountId, month),
          UpdateExpression: 'SET entity = :entity, #month = :month, accountId = :acc, lastAlertAt = :at ADD alertedPercents :set',
          // Each (month, percent) alert is claimed once, however many answers reach it together.
          ConditionExpression: 'attribute_not_exists(alertedPercents) OR NOT contains(alertedPercents, :p)',
          ExpressionAttributeNames: { '#month': 'month' },
          ExpressionAttributeValues: {
            ':entity': entityNames.costMonth, ':month': month, ':acc': accountId, ':at': at, ':set': new Set([percent]), ':p': percent,
          },
        }));
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },
  };
}
