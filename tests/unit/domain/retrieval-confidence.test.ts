// Retrieval confidence (shared/domain/retrieval.ts) — unit specification.
import { describe, expect, it } from 'vitest';
import { retrievalConfidence } from '../../../shared/domain/retrieval.js';

describe('retrievalConfidence', () => {
  it('is the best raw similarity among the hits', () => {
    expect(retrievalConfidence([{ similarity: 0.2 }, { similarity: 0.55 }, { similarity: 0 }])).toBe(0.55);
  });

  it('is 0 without hits, or when no hit is similar at all', () => {
    expect(retrievalConfidence([])).toBe(0);
    expect(retrievalConfidence([{ similarity: -0.4 }, { similarity: 0 }])).toBe(0);
  });

  it('stays within [0, 1] and ignores values that are not finite', () => {
    expect(retrievalConfidence([{ similarity: 1.0000001 }])).toBe(1);
    expect(retrievalConfidence([{ similarity: Number.NaN }, { similarity: 0.3 }])).toBe(0.3);
  });
});
