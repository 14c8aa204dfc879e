/**
 * Knowledge sources against DynamoDB Local: AP-70..AP-74 (create/get, list newest first, a new
 * version only over the expected one, indexing writes only for the current version, delete).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeKnowledgeSourceRepository } from '../../../shared/adapters/dynamodb/knowledge-repository.js';
import { knowledgeContentKey, type KnowledgeSource } from '../../../shared/domain/knowledge.js';
import type { KnowledgeSourceRepository } from '../../../shared/ports/knowledge.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { newId } from './builders.js';

let table: DynamoTestTable;
let sources: KnowledgeSourceRepository;
beforeAll(async () => {
  table = await dynamoTestTable();
  sources = makeKnowledgeSourceRepository({ client: table.client, tableName: table.tableName });
});

function aSource(accountId: string, overrides: Partial<KnowledgeSource> = {}): KnowledgeSource {
  const id = overrides.id ?? newId();
  return {
    accountId, id, kind: 'markdown', title: 'Returns', visibility: 'public', status: 'queued', chunkCount: 0, version: 1,
    contentKey: knowledgeContentKey(accountId, id, 1), sizeBytes: 120, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('KnowledgeSourceRepository', () => {
  it('AP-70: creates and gets a source in the account collection; a retried create is a no-op', async () => {
    // Prepare
    const accountId = newAccountId();
    const source = aSource(accountId, { url: 'https://shop.test/returns' });

    // Act
    await sources.create(source);
    await sources.create(source);

    // Assess
    expect(await sources.get(accountId, source.id)).toStrictEqual(source);
    expect(await sources.get(newAccountId(), source.id)).toBeUndefined();
    expect(await table.rawItem({ pk: `ACC#${accountId}`, sk: `KSOURCE#${source.id}` })).toMatchObject({ entity: 'KnowledgeSource' });
  });

  it("AP-71: lists an account's sources newest first, and only its own", async () => {
    const accountId = newAccountId();
    const older = aSource(accountId);
    const newer = aSource(accountId);
    await sources.create(older);
    await sources.create(newer);
    await sources.create(aSource(newAccountId()));

    const listed = await sources.list(accountId);

    expect(listed.map((s) => s.id)).toEqual([older.id, newer.id].sort().reverse());
  });

  it('AP-72: writes a new version only over the version the caller read', async () => {
    const accountId = newAccountId();
    const source = aSource(accountId);
    await sources.create(source);
    const next = { ...source, version: 2, status: 'queued' as const, title: 'Returns v2' };

    const first = await sources.replaceVersion(next, 1);
    const stale = await sources.replaceVersion({ ...next, title: 'Lost update' }, 1);
    const missing = await sources.replaceVersion(aSource(accountId), 1);

    expect([first, stale, missing]).toEqual([true, false, false]);
    expect((await sources.get(accountId, source.id))?.title).toBe('Returns v2');
    expect(await sources.list(accountId)).toHaveLength(1);
  });

  it("AP-73: records indexing state only for the source's current version", async () => {
    // Prepare
    const accountId = newAccountId();
    const source = aSource(accountId, { version: 2, error: 'old failure' });
    await sources.create(source);

    // Act
    const progress = await sources.updateIndexing(accountId, source.id, 2, { status: 'indexing', at: '2026-12-01T10:01:00.000Z', progress: { done: 3, total: 10 }, error: null });
    const stale = await sources.updateIndexing(accountId, source.id, 1, { status: 'failed', at: '2026-12-01T10:02:00.000Z', error: 'stale job' });
    const ready = await sources.updateIndexing(accountId, source.id, 2, {
      status: 'ready', at: '2026-12-01T10:03:00.000Z', progress: null, chunkCount: 10, indexedAt: '2026-12-01T10:03:00.000Z',
    });
    const foreign = await sources.updateIndexing(newAccountId(), source.id, 2, { status: 'failed', at: '2026-12-01T10:04:00.000Z' });

    // Assess
    expect(progress).toMatchObject({ status: 'indexing', progress: { done: 3, total: 10 } });
    expect(progress).not.toHaveProperty('error');
    expect(stale).toBeUndefined();
    expect(foreign).toBeUndefined();
    expect(ready).toStrictEqual({ ...withoutError(source), status: 'ready', chunkCount: 10, indexedAt: '2026-12-01T10:03:00.000Z', updatedAt: '2026-12-01T10:03:00.000Z' });
  });

  it('AP-74: deletes a source once, and never another tenant\'s', async () => {
    const accountId = newAccountId();
    const source = aSource(accountId);
    await sources.create(source);

    const foreign = await sources.delete(newAccountId(), source.id);
    const deleted = await sources.delete(accountId, source.id);
    const again = await sources.delete(accountId, source.id);

    expect(foreign).toBeUndefined();
    expect(deleted).toStrictEqual(source);
    expect(again).toBeUndefined();
    expect(await sources.get(accountId, source.id)).toBeUndefined();
  });
});

function withoutError(source: KnowledgeSource): KnowledgeSource {
  const { error: _error, ...rest } = source;
  return rest;
}
