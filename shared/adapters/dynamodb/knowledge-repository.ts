/**
 * Knowledge source repository — layer: adapters (DynamoDB). AP-70..AP-74.
 *
 * Sources live in the account's item collection (`ACC#<a>`, sk `KSOURCE#<id>`): an account has
 * few, so listing them is one query, newest first because ids are ULIDs. Every write after the
 * create is conditional on the source's version, so an indexing job of an old version can never
 * overwrite the state of a newer one, and a change never overwrites a concurrent change.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  knowledgeSourceKinds, knowledgeSourceStatuses, type IndexingProgress, type KnowledgeSource,
} from '../../domain/knowledge.js';
import { knowledgeVisibilities } from '../../domain/retrieval.js';
import type { KnowledgeSourceRepository } from '../../ports/knowledge.js';
import { isConditionalCheckFailed, putNew } from './conditional-writes.js';
import { map, num, oneOf, optStr, optional, str, type Item } from './item-fields.js';
import { entityNames, knowledgeSourceKey, knowledgeSourcesQuery } from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

const entity = entityNames.knowledgeSource;

/** The item of a knowledge source (AP-70). */
export function knowledgeSourceToItem(source: KnowledgeSource): Item {
  return { ...knowledgeSourceKey(source.accountId, source.id), entity, ...source };
}

/** The knowledge source of an item (also used by the table-stream decoder). */
export function knowledgeSourceFromItem(item: Item): KnowledgeSource {
  const progressItem = item.progress === undefined ? undefined : map(item, entity, 'progress');
  const progress: IndexingProgress | undefined = progressItem
    ? { done: num(progressItem, entity, 'done'), total: num(progressItem, entity, 'total') }
    : undefined;
  return {
    accountId: str(item, entity, 'accountId'),
    id: str(item, entity, 'id'),
    kind: oneOf(item, entity, 'kind', knowledgeSourceKinds),
    title: str(item, entity, 'title'),
    visibility: oneOf(item, entity, 'visibility', knowledgeVisibilities),
    ...optional('url', optStr(item, entity, 'url')),
    status: oneOf(item, entity, 'status', knowledgeSourceStatuses),
    ...optional('error', optStr(item, entity, 'error')),
    chunkCount: num(item, entity, 'chunkCount'),
    version: num(item, entity, 'version'),
    contentKey: str(item, entity, 'contentKey'),
    sizeBytes: num(item, entity, 'sizeBytes'),
    ...optional('progress', progress),
    createdAt: str(item, entity, 'createdAt'),
    updatedAt: str(item, entity, 'updatedAt'),
    ...optional('indexedAt', optStr(item, entity, 'indexedAt')),
  };
}

/** The {@link KnowledgeSourceRepository} over the single table. */
export function makeKnowledgeSourceRepository(ctx: TableContext): KnowledgeSourceRepository {
  return {
    async create(source) {
      await putNew(ctx, knowledgeSourceToItem(source), entity, knowledgeSourceFromItem);
    },

    async get(accountId, sourceId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: knowledgeSourceKey(accountId, sourceId) }));
      return item ? knowledgeSourceFromItem(item) : undefined;
    },

    async list(accountId) {
      const { pk, skPrefix } = knowledgeSourcesQuery(accountId);
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ScanIndexForward: false,
      });
      return items.map(knowledgeSourceFromItem);
    },

    async replaceVersion(source, expectedVersion) {
      try {
        await ctx.client.send(new PutCommand({
          TableName: ctx.tableName,
          Item: knowledgeSourceToItem(source),
          // Protects a concurrent change (another edit, a re-index) from being lost, and a deleted
          // source from coming back.
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }));
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    async updateIndexing(accountId, sourceId, version, changes) {
      const names: Record<string, string> = { '#version': 'version', '#status': 'status', '#updatedAt': 'updatedAt' };
      const values: Record<string, unknown> = { ':version': version, ':status': changes.status, ':at': changes.at };
      const set = ['#status = :status', '#updatedAt = :at'];
      const remove: string[] = [];
      const field = (name: string, value: unknown): void => {
        names[`#${name}`] = name;
        if (value === null) remove.push(`#${name}`);
        else {
          values[`:${name}`] = value;
          set.push(`#${name} = :${name}`);
        }
      };
      if (changes.progress !== undefined) field('progress', changes.progress);
      if (changes.error !== undefined) field('error', changes.error);
      if (changes.chunkCount !== undefined) field('chunkCount', changes.chunkCount);
      if (changes.indexedAt !== undefined) field('indexedAt', changes.indexedAt);
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: knowledgeSourceKey(accountId, sourceId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
          // Protects a newer version's state (and a deleted source) from a stale or retried job.
          ConditionExpression: 'attribute_exists(pk) AND #version = :version',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }));
        return item ? knowledgeSourceFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async delete(accountId, sourceId) {
      try {
        const { Attributes: item } = await ctx.client.send(new DeleteCommand({
          TableName: ctx.tableName,
          Key: knowledgeSourceKey(accountId, sourceId),
          // Makes a repeated delete report "nothing deleted" instead of succeeding silently.
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'ALL_OLD',
        }));
        return item ? knowledgeSourceFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },
  };
}
