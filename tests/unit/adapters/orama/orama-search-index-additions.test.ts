// Orama search index (shared/adapters/orama) — replaceSource, raw similarity, url and snapshots.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOramaSearchIndex } from '../../../../shared/adapters/orama/orama-search-index.js';
import { SearchIndexInputError, SearchIndexSnapshotError } from '../../../../shared/adapters/orama/errors.js';
import { defaultFusionWeights } from '../../../../shared/domain/retrieval.js';
import type { IndexedChunk, SearchQuery } from '../../../../shared/ports/search-index.js';

const dimensions = 4;
const refunds = [1, 0, 0, 0];

function chunk(overrides: Partial<IndexedChunk> & Pick<IndexedChunk, 'chunkId'>): IndexedChunk {
  return {
    accountId: 'acc-a',
    sourceId: 'src-1',
    title: 'Refund policy',
    text: 'You can return any item within 30 days for a full refund.',
    visibility: 'public',
    embedding: refunds,
    ...overrides,
  };
}

function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { accountId: 'acc-a', text: 'refund', embedding: refunds, visibility: 'any', k: 10, weights: defaultFusionWeights, minScore: 0, ...overrides };
}

const directories: string[] = [];
function snapshotPath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'orama-snapshot-'));
  directories.push(directory);
  return join(directory, 'nested', 'index.json');
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('createOramaSearchIndex additions', () => {
  describe('replaceSource', () => {
    it('leaves exactly the new chunks of the source, and other sources and tenants untouched', async () => {
      // Prepare
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([
        chunk({ chunkId: 'old-1', text: 'Old refund text one' }),
        chunk({ chunkId: 'keep', text: 'Refund text that stays by id' }),
        chunk({ chunkId: 'other', sourceId: 'src-2', text: 'Another refund source' }),
        chunk({ chunkId: 'old-1', accountId: 'acc-b', text: 'Tenant B refund chunk' }),
      ]);

      // Act
      await index.replaceSource('acc-a', 'src-1', [
        chunk({ chunkId: 'keep', text: 'Refund text, new version' }),
        chunk({ chunkId: 'new-2', text: 'Brand new refund chunk' }),
      ]);

      // Assess
      const hits = await index.search(query());
      expect(hits.map((hit) => [hit.chunkId, hit.text]).sort()).toEqual([
        ['keep', 'Refund text, new version'],
        ['new-2', 'Brand new refund chunk'],
        ['other', 'Another refund source'],
      ]);
      expect((await index.search(query({ accountId: 'acc-b' }))).map((hit) => hit.chunkId)).toEqual(['old-1']);
    });

    it('empties the source when given no chunks', async () => {
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([chunk({ chunkId: 'c-1' })]);

      await index.replaceSource('acc-a', 'src-1', []);

      expect(await index.search(query())).toEqual([]);
    });

    it('refuses a chunk of another source or tenant and writes nothing', async () => {
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([chunk({ chunkId: 'c-1' })]);

      await expect(index.replaceSource('acc-a', 'src-1', [chunk({ chunkId: 'x', accountId: 'acc-b' })])).rejects.toThrow(SearchIndexInputError);
      await expect(index.replaceSource('acc-a', 'src-1', [chunk({ chunkId: 'x', sourceId: 'src-2' })])).rejects.toThrow(SearchIndexInputError);

      expect((await index.search(query())).map((hit) => hit.chunkId)).toEqual(['c-1']);
    });
  });

  describe('similarity and url', () => {
    it('reports the raw cosine similarity of semantic hits and 0 for keyword-only hits', async () => {
      // Prepare: one chunk near the query by meaning (cos 0.6), one matching only by words (cos 0)
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([
        chunk({ chunkId: 'semantic', text: 'Money back rules', embedding: [0.6, 0.8, 0, 0] }),
        chunk({ chunkId: 'keyword', text: 'refund', embedding: [0, 0, 1, 0] }),
      ]);

      // Act
      const hits = await index.search(query());

      // Assess
      const byId = Object.fromEntries(hits.map((hit) => [hit.chunkId, hit]));
      expect(byId.semantic?.similarity).toBeCloseTo(0.6, 6);
      expect(byId.semantic?.semanticScore).toBe(1);
      expect(byId.keyword?.similarity).toBe(0);
    });

    it('carries the source url to its hits, and none when the chunk has none', async () => {
      const index = createOramaSearchIndex({ dimensions });
      await index.upsert([chunk({ chunkId: 'web', url: 'https://shop.example/returns' }), chunk({ chunkId: 'plain', sourceId: 'src-2' })]);

      const hits = await index.search(query());

      expect(hits.find((hit) => hit.chunkId === 'web')?.url).toBe('https://shop.example/returns');
      expect(hits.find((hit) => hit.chunkId === 'plain')).not.toHaveProperty('url');
    });
  });

  describe('snapshot file', () => {
    it('keeps indexed chunks across a restart', async () => {
      // Prepare
      const file = snapshotPath();
      const first = createOramaSearchIndex({ dimensions, snapshotFile: file });
      await first.upsert([chunk({ chunkId: 'c-1', url: 'https://shop.example/returns', heading: 'Refunds' })]);
      await first.flush();

      // Act
      const second = createOramaSearchIndex({ dimensions, snapshotFile: file });
      const hits = await second.search(query());

      // Assess
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ chunkId: 'c-1', heading: 'Refunds', url: 'https://shop.example/returns' });
      expect(hits[0]?.similarity).toBeCloseTo(1, 6);
    });

    it('writes the snapshot by itself after the debounce, without a leftover temporary file', async () => {
      const file = snapshotPath();
      const index = createOramaSearchIndex({ dimensions, snapshotFile: file, snapshotDebounceMs: 10 });

      await index.upsert([chunk({ chunkId: 'c-1' })]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await index.flush();

      const stored = JSON.parse(readFileSync(file, 'utf8')) as { format: number; dimensions: number };
      expect(stored).toMatchObject({ format: 1, dimensions });
      expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
    });

    it('persists deletions too', async () => {
      const file = snapshotPath();
      const first = createOramaSearchIndex({ dimensions, snapshotFile: file });
      await first.upsert([chunk({ chunkId: 'c-1' }), chunk({ chunkId: 'c-2', sourceId: 'src-2' })]);
      await first.deleteBySource('acc-a', 'src-1');
      await first.flush();

      const hits = await createOramaSearchIndex({ dimensions, snapshotFile: file }).search(query());

      expect(hits.map((hit) => hit.chunkId)).toEqual(['c-2']);
    });

    it('starts empty when the file does not exist yet', async () => {
      const index = createOramaSearchIndex({ dimensions, snapshotFile: snapshotPath() });

      expect(await index.search(query())).toEqual([]);
    });

    it('refuses a snapshot made for another embedding dimension, naming the file', async () => {
      const file = snapshotPath();
      const first = createOramaSearchIndex({ dimensions, snapshotFile: file });
      await first.upsert([chunk({ chunkId: 'c-1' })]);
      await first.flush();

      expect(() => createOramaSearchIndex({ dimensions: 8, snapshotFile: file })).toThrow(SearchIndexSnapshotError);
      expect(() => createOramaSearchIndex({ dimensions: 8, snapshotFile: file })).toThrow(/4-dimension embeddings but the embedder makes 8/);
    });

    it('refuses a file that is not a snapshot', () => {
      const file = snapshotPath();
      createOramaSearchIndex({ dimensions, snapshotFile: file });
      writeFileSync(file, 'not json');

      expect(() => createOramaSearchIndex({ dimensions, snapshotFile: file })).toThrow(/is not valid JSON/);
    });
  });
});
