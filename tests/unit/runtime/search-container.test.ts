// The search index container (shared/runtime/containers/search.ts) — which backend, shared how.
import { describe, expect, it } from 'vitest';
import { defaultFusionWeights } from '../../../shared/domain/retrieval.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { buildBase } from '../../../shared/runtime/containers/base.js';
import { searchIndex } from '../../../shared/runtime/containers/search.js';

const environment = {
  AWS_REGION: 'eu-west-1',
  SWITCHBOARD_TABLE_NAME: 'switchboard-main',
  SWITCHBOARD_ATTACHMENTS_BUCKET: 'switchboard-attachments',
  SWITCHBOARD_WS_ENDPOINT: 'http://127.0.0.1:3000',
  SWITCHBOARD_ALLOWED_ORIGINS: 'http://127.0.0.1:3000',
  SWITCHBOARD_AI_QUEUE_URL: 'http://127.0.0.1:1/ai.fifo',
  SWITCHBOARD_OUTBOUND_QUEUE_URL: 'http://127.0.0.1:1/out.fifo',
  SWITCHBOARD_KNOWLEDGE_QUEUE_URL: 'http://127.0.0.1:1/kb',
  SWITCHBOARD_APP_SECRET: 'a'.repeat(43),
  SWITCHBOARD_AI_PROVIDER: 'local',
  SWITCHBOARD_EMBEDDING_DIMENSIONS: '64',
};

const unit = (axis: number): number[] => Array.from({ length: 64 }, (_, i) => (i === axis ? 1 : 0));

describe('searchIndex container', () => {
  it('gives every base of a process the same in-process Orama index (the laptop\'s functions share it)', async () => {
    // Prepare: two bases, as two functions of the laptop cloud build them
    const writer = searchIndex(buildBase(loadConfig(environment)));
    const reader = searchIndex(buildBase(loadConfig(environment)));
    const accountId = `acc-${Date.now()}`;

    // Act
    await writer.replaceSource(accountId, 'src-1', [{
      accountId, sourceId: 'src-1', chunkId: 'c-1', title: 'Returns', text: 'Refunds within 30 days.', visibility: 'public', embedding: unit(3),
    }]);
    const hits = await reader.search({ accountId, text: 'refunds', embedding: unit(3), visibility: 'public', k: 5, weights: defaultFusionWeights, minScore: 0 });

    // Assess
    expect(hits.map((hit) => hit.chunkId)).toEqual(['c-1']);
    expect(hits[0]?.similarity).toBeCloseTo(1, 6);
  });

  it('keeps indexes of different embedding dimensions apart', async () => {
    const small = searchIndex(buildBase(loadConfig(environment)));
    const large = searchIndex(buildBase(loadConfig({ ...environment, SWITCHBOARD_EMBEDDING_DIMENSIONS: '128' })));

    await expect(large.search({ accountId: 'acc', text: 'x', embedding: unit(1), visibility: 'any', k: 1, weights: defaultFusionWeights, minScore: 0 }))
      .rejects.toThrow(/128 dimensions \(got 64\)/);
    await expect(small.search({ accountId: 'acc', text: 'x', embedding: unit(1), visibility: 'any', k: 1, weights: defaultFusionWeights, minScore: 0 }))
      .resolves.toEqual([]);
  });
});
