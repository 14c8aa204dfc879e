// Hybrid retrieval fusion (shared/domain/retrieval.ts) — unit specification, hand-computed figures.
import { describe, expect, it } from 'vitest';
import {
  defaultFusionWeights, fuseHybrid, InvalidFusionWeightsError, maxNormalise, normaliseWeights,
  type RetrievalCandidate,
} from '../../../shared/domain/retrieval.js';

const candidate = (chunkId: string, score: number): RetrievalCandidate<string> => ({ chunkId, score, item: `item-${chunkId}` });

describe('maxNormalise', () => {
  it('divides every score by the best one', () => {
    // Prepare
    const scores = [candidate('a', 4), candidate('b', 2), candidate('c', 1)];

    // Act
    const normalised = maxNormalise(scores);

    // Assess
    expect([...normalised.values()].map((c) => [c.chunkId, c.score])).toEqual([['a', 1], ['b', 0.5], ['c', 0.25]]);
  });

  it('keeps a chunk once, with its best score, when a retriever returns it twice', () => {
    const normalised = maxNormalise([candidate('a', 1), candidate('b', 4), candidate('a', 2)]);

    expect(normalised.get('a')?.score).toBe(0.5);
    expect(normalised.size).toBe(2);
  });

  it('drops scores that are not positive or not finite, as no evidence of a match', () => {
    const normalised = maxNormalise([candidate('a', 0), candidate('b', -0.3), candidate('c', Number.NaN), candidate('d', 0.2)]);

    expect([...normalised.keys()]).toEqual(['d']);
    expect(normalised.get('d')?.score).toBe(1);
  });
});

describe('normaliseWeights', () => {
  it('scales weights to sum to one', () => {
    const weights = normaliseWeights({ semantic: 7, keyword: 3 });

    expect(weights.semantic).toBeCloseTo(0.7, 12);
    expect(weights.keyword).toBeCloseTo(0.3, 12);
  });

  it('refuses negative, non-finite and all-zero weights', () => {
    expect(() => normaliseWeights({ semantic: -1, keyword: 2 })).toThrow(InvalidFusionWeightsError);
    expect(() => normaliseWeights({ semantic: Number.POSITIVE_INFINITY, keyword: 1 })).toThrow(InvalidFusionWeightsError);
    expect(() => normaliseWeights({ semantic: 0, keyword: 0 })).toThrow(/not both zero/);
  });
});

describe('fuseHybrid', () => {
  // semantic a .8 b .4 c .2 → a 1, b .5, c .25; keyword b 6, d 3 → b 1, d .5
  // with 0.7 / 0.3: a .7, b .35 + .3 = .65, c .175, d .15
  const semantic = [candidate('a', 0.8), candidate('b', 0.4), candidate('c', 0.2)];
  const keyword = [candidate('b', 6), candidate('d', 3)];

  it('ranks the union by the weighted sum of max-normalised scores', () => {
    // Act
    const fused = fuseHybrid(semantic, keyword, { weights: defaultFusionWeights, minScore: 0, k: 10 });

    // Assess
    expect(fused.map((c) => c.chunkId)).toEqual(['a', 'b', 'c', 'd']);
    expect(fused.map((c) => c.score)).toEqual([
      expect.closeTo(0.7, 12), expect.closeTo(0.65, 12), expect.closeTo(0.175, 12), expect.closeTo(0.15, 12),
    ]);
    expect(fused[1]).toMatchObject({ chunkId: 'b', item: 'item-b', semanticScore: 0.5, keywordScore: 1 });
    expect(fused[3]).toMatchObject({ chunkId: 'd', semanticScore: 0, keywordScore: 0.5 });
  });

  it('lets the tenant weights change the ranking', () => {
    const fused = fuseHybrid(semantic, keyword, { weights: { semantic: 0.3, keyword: 0.7 }, minScore: 0, k: 10 });

    // b .15 + .7 = .85, d .35, a .3, c .075
    expect(fused.map((c) => c.chunkId)).toEqual(['b', 'd', 'a', 'c']);
    expect(fused[0]?.score).toBeCloseTo(0.85, 12);
  });

  it('drops results under the minimum score', () => {
    const fused = fuseHybrid(semantic, keyword, { weights: defaultFusionWeights, minScore: 0.16, k: 10 });

    expect(fused.map((c) => c.chunkId)).toEqual(['a', 'b', 'c']);
  });

  it('returns at most k results, the best ones', () => {
    const fused = fuseHybrid(semantic, keyword, { weights: defaultFusionWeights, minScore: 0, k: 2 });

    expect(fused.map((c) => c.chunkId)).toEqual(['a', 'b']);
  });

  it('lists a chunk found by both retrievers once', () => {
    const fused = fuseHybrid([candidate('x', 1), candidate('x', 0.5)], [candidate('x', 2)], {
      weights: defaultFusionWeights, minScore: 0, k: 10,
    });

    expect(fused).toEqual([{ chunkId: 'x', item: 'item-x', score: 1, semanticScore: 1, keywordScore: 1 }]);
  });

  it('orders equal scores by chunk id, whatever order the retrievers used', () => {
    const forwards = fuseHybrid([candidate('m', 1), candidate('k', 1), candidate('z', 1)], [], {
      weights: defaultFusionWeights, minScore: 0, k: 10,
    });
    const backwards = fuseHybrid([candidate('z', 1), candidate('k', 1), candidate('m', 1)], [], {
      weights: defaultFusionWeights, minScore: 0, k: 10,
    });

    expect(forwards.map((c) => c.chunkId)).toEqual(['k', 'm', 'z']);
    expect(backwards.map((c) => c.chunkId)).toEqual(['k', 'm', 'z']);
  });

  it('returns nothing when neither retriever found anything', () => {
    expect(fuseHybrid([], [], { weights: defaultFusionWeights, minScore: 0, k: 5 })).toEqual([]);
  });
});
