/**
 * The AI turn's conditional writes on a conversation — layer: adapters (DynamoDB). AP-90, AP-91.
 *
 * Both are single UpdateItem calls on the conversation's META item (AP-8) with `ADD seq 1`, so the
 * table stream tells the dashboards about the change like any other conversation update.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AiTurnRepository } from '../../ports/ai-turns.js';
import { isConditionalCheckFailed } from './conditional-writes.js';
import { conversationFromItem } from './item-mappers.js';
import { conversationKey } from './keys.js';
import type { TableContext } from './table-context.js';

/** The {@link AiTurnRepository} over the single table. */
export function makeAiTurnRepository(ctx: TableContext): AiTurnRepository {
  async function update(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'ReturnValues'>) {
    try {
      const { Attributes: item } = await ctx.client.send(new UpdateCommand({ TableName: ctx.tableName, ...input, ReturnValues: 'ALL_NEW' }));
      return item ? conversationFromItem(item) : undefined;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  return {
    claimTurn(accountId, conversationId, throughMessageId) {
      return update({
        Key: conversationKey(accountId, conversationId),
        UpdateExpression: 'SET aiAnsweredThrough = :through ADD seq :one',
        // Protects the one-answer-per-burst rule: a later job of the same burst, a redelivered
        // job or a retry after a crash finds the claim at or past its message and does nothing;
        // and a conversation a person took (handledBy <> bot) is never claimed. ULIDs sort by
        // time, so `<` compares message order. Also never upserts a missing conversation.
        ConditionExpression: 'attribute_exists(pk) AND handledBy = :bot AND (attribute_not_exists(aiAnsweredThrough) OR aiAnsweredThrough < :through)',
        ExpressionAttributeValues: { ':through': throughMessageId, ':bot': 'bot', ':one': 1 },
      });
    },

    async releaseTurn(accountId, conversationId, throughMessageId, previous) {
      await update({
        Key: conversationKey(accountId, conversationId),
        UpdateExpression: previous === undefined ? 'REMOVE aiAnsweredThrough ADD seq :one' : 'SET aiAnsweredThrough = :previous ADD seq :one',
        // Protects a newer claim: only this turn's own claim is given back, so a release that
        // comes after another turn claimed a later message changes nothing.
        ConditionExpression: 'aiAnsweredThrough = :through',
        ExpressionAttributeValues: { ':through': throughMessageId, ':one': 1, ...(previous === undefined ? {} : { ':previous': previous }) },
      });
    },

    changeHandler(accountId, conversationId, change) {
      const values: Record<string, unknown> = { ':to': change.to, ':one': 1 };
      const sets = ['handledBy = :to'];
      const removes: string[] = [];
      const conditions = ['attribute_exists(pk)'];
      change.from.forEach((from, i) => {
        values[`:from${i}`] = from;
      });
      conditions.push(`handledBy IN (${change.from.map((_f, i) => `:from${i}`).join(', ')})`);
      if (change.aiSummary === null) removes.push('aiSummary');
      else if (change.aiSummary !== undefined) {
        sets.push('aiSummary = :summary');
        values[':summary'] = change.aiSummary;
      }
      if (change.assignIfUnassigned !== undefined) {
        sets.push('assigneeId = if_not_exists(assigneeId, :assignee)');
        values[':assignee'] = change.assignIfUnassigned;
      }
      return update({
        Key: conversationKey(accountId, conversationId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''} ADD seq :one`,
        // Protects a decision made on a state read earlier: the bot hands off only a conversation
        // it still handles, so an agent's take-over in between is never overwritten; a retry that
        // finds the new state already applied answers undefined and changes nothing.
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeValues: values,
      });
    },
  };
}
