/**
 * Problem repository — layer: adapters (DynamoDB). AP-83..AP-87.
 *
 * A problem is one item (its embedding stored as float32 bytes); each affected contact is a claim
 * item in the problem's collection, written in the same transaction as the `affectedContacts`
 * increment, so a contact is counted once however often it asks. Every update is conditional on
 * the problem's `version` (optimistic concurrency: two occurrences at once cannot drop a sample).
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { problemStatuses, type Problem, type ProblemDraft, type ProblemSample } from '../../domain/problems.js';
import type { ProblemRepository } from '../../ports/problems.js';
import { cancellationCodes, getConsistent, isConditionalCheckFailed, sameEntity } from './conditional-writes.js';
import { ItemAlreadyExistsError, MalformedItemError } from './errors.js';
import { num, oneOf, optStr, str, type Item } from './item-fields.js';
import {
  entityNames, indexNames, problemContactKey, problemContactPrefix, problemGsi1, problemKey, problemPartition, problemsByStatusPartition,
} from './keys.js';
import { queryAll } from './query-all.js';
import type { TableContext } from './table-context.js';

function embeddingToBytes(embedding: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(embedding).buffer);
}

function embeddingFromBytes(value: unknown): number[] {
  if (!(value instanceof Uint8Array) || value.byteLength % 4 !== 0) throw new MalformedItemError(entityNames.problem, 'embedding');
  const copy = new Uint8Array(value);
  return Array.from(new Float32Array(copy.buffer, 0, copy.byteLength / 4));
}

function samplesFromItem(value: unknown): ProblemSample[] {
  if (!Array.isArray(value)) throw new MalformedItemError(entityNames.problem, 'samples');
  return value.map((s: Item) => ({
    conversationId: str(s, entityNames.problem, 'conversationId'),
    contactId: str(s, entityNames.problem, 'contactId'),
    question: str(s, entityNames.problem, 'question'),
    at: str(s, entityNames.problem, 'at'),
  }));
}

function draftFromItem(value: unknown): ProblemDraft | undefined {
  if (value === undefined) return undefined;
  const d = value as Item;
  return { title: str(d, entityNames.problem, 'title'), content: str(d, entityNames.problem, 'content'), createdAt: str(d, entityNames.problem, 'createdAt') };
}

/** The item of a problem (AP-83, AP-84). */
export function problemToItem(problem: Problem): Item {
  return {
    ...problemKey(problem.accountId, problem.id),
    ...problemGsi1(problem.accountId, problem.status, problem.createdAt, problem.id),
    entity: entityNames.problem,
    ...problem,
    embedding: embeddingToBytes(problem.embedding),
  };
}

/** The problem of an item. */
export function problemFromItem(item: Item): Problem {
  const e = entityNames.problem;
  const draft = draftFromItem(item.draft);
  const sourceId = optStr(item, e, 'sourceId');
  const resolvedAt = optStr(item, e, 'resolvedAt');
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    question: str(item, e, 'question'),
    embedding: embeddingFromBytes(item.embedding),
    status: oneOf(item, e, 'status', problemStatuses),
    affectedContacts: num(item, e, 'affectedContacts'),
    occurrences: num(item, e, 'occurrences'),
    samples: samplesFromItem(item.samples),
    ...(draft ? { draft } : {}),
    ...(sourceId !== undefined ? { sourceId } : {}),
    version: num(item, e, 'version'),
    createdAt: str(item, e, 'createdAt'),
    lastSeenAt: str(item, e, 'lastSeenAt'),
    ...(resolvedAt !== undefined ? { resolvedAt } : {}),
  };
}

function contactClaim(accountId: string, problemId: string, contactId: string, at: string): Item {
  return { ...problemContactKey(accountId, problemId, contactId), entity: entityNames.problemContact, accountId, problemId, contactId, createdAt: at };
}

/** The {@link ProblemRepository} over the single table. */
export function makeProblemRepository(ctx: TableContext): ProblemRepository {
  async function occurrence(
    accountId: string, problemId: string, o: { contactId: string; at: string; samples: readonly ProblemSample[] }, expectedVersion: number, newContact: boolean,
  ): Promise<void> {
    const update = {
      TableName: ctx.tableName,
      Key: problemKey(accountId, problemId),
      UpdateExpression: `SET lastSeenAt = :at, samples = :samples ADD occurrences :one, version :one${newContact ? ', affectedContacts :one' : ''}`,
      // Optimistic concurrency: only the version read is changed, so a concurrent occurrence's sample is not overwritten.
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':at': o.at, ':samples': o.samples, ':one': 1, ':expected': expectedVersion },
    };
    if (!newContact) {
      await ctx.client.send(new UpdateCommand(update));
      return;
    }
    await ctx.client.send(new TransactWriteCommand({
      TransactItems: [
        // A contact is counted once per problem: the claim fails when it asked before.
        { Put: { TableName: ctx.tableName, Item: contactClaim(accountId, problemId, o.contactId, o.at), ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: update },
      ],
    }));
  }

  return {
    async create(problem) {
      const item = problemToItem(problem);
      const first = problem.samples[0];
      try {
        await ctx.client.send(new TransactWriteCommand({
          TransactItems: [
            // Protects an existing problem from being overwritten by a colliding id.
            { Put: { TableName: ctx.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...(first ? [{ Put: { TableName: ctx.tableName, Item: contactClaim(problem.accountId, problem.id, first.contactId, problem.createdAt) } }] : []),
          ],
        }));
      } catch (error) {
        if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
        const stored = await getConsistent(ctx, problemKey(problem.accountId, problem.id));
        if (stored && sameEntity(problemFromItem(stored), problemFromItem(item))) return;
        throw new ItemAlreadyExistsError(entityNames.problem);
      }
    },

    async get(accountId, problemId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: problemKey(accountId, problemId), ConsistentRead: true }));
      return item ? problemFromItem(item) : undefined;
    },

    async listByStatus(accountId, status, limit) {
      // Pages are at most 1 MB (a few hundred embeddings): follow them until `limit` problems.
      const items: Item[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await ctx.client.send(new QueryCommand({
          TableName: ctx.tableName,
          IndexName: indexNames.gsi1,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': problemsByStatusPartition(accountId, status) },
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey: startKey,
        }));
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey && items.length < limit);
      return items.map(problemFromItem);
    },

    async recordOccurrence(accountId, problemId, o, expectedVersion) {
      try {
        await occurrence(accountId, problemId, o, expectedVersion, true);
        return 'updated';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[1] === 'ConditionalCheckFailed') return 'conflict';
        if (codes[0] !== 'ConditionalCheckFailed') throw error;
      }
      // The contact was counted before: one more occurrence only.
      try {
        await occurrence(accountId, problemId, o, expectedVersion, false);
        return 'updated';
      } catch (error) {
        if (isConditionalCheckFailed(error)) return 'conflict';
        throw error;
      }
    },

    async update(accountId, problemId, changes, expectedVersion) {
      const sets: string[] = ['version = version + :one'];
      const values: Record<string, unknown> = { ':one': 1, ':expected': expectedVersion };
      const names: Record<string, string> = {};
      for (const [name, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        sets.push(`#${name} = :${name}`);
        names[`#${name}`] = name;
        values[`:${name}`] = value;
      }
      if (changes.status !== undefined) {
        // The status partition of AP-84 moves with the status.
        sets.push('gsi1pk = :gsi1pk');
        values[':gsi1pk'] = problemsByStatusPartition(accountId, changes.status);
      }
      try {
        const { Attributes: item } = await ctx.client.send(new UpdateCommand({
          TableName: ctx.tableName,
          Key: problemKey(accountId, problemId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          // Optimistic concurrency (and no headless item): only the version the caller read is changed.
          ConditionExpression: 'attribute_exists(pk) AND version = :expected',
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }));
        return item ? problemFromItem(item) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async listContacts(accountId, problemId) {
      const items = await queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': problemPartition(accountId, problemId), ':prefix': problemContactPrefix },
      });
      return items.map((item) => String(item.contactId));
    },
  };
}
