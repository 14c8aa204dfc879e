/**
 * The model and price table (shared/domain/ai-models.ts) and the cost arithmetic
 * (shared/domain/cost.ts): integer nano-US-dollars, always rounded up.
 */
import { describe, expect, it } from 'vitest';
import { embeddingModel, invocationModelId, languageModelRows, modelForTier, priceOf, rerankModel } from '../../../shared/domain/ai-models.js';
import { costNanoUsd, embeddingCostNanoUsd, nanoUsdToUsd, rerankCostNanoUsd, usdToNanoUsd } from '../../../shared/domain/cost.js';
import { modelTiers } from '../../../shared/domain/entities.js';

describe('the model table', () => {
  it('has exactly one row per tier, every one able to use tools, the vision tier able to read images', () => {
    // Prepare / Act
    const tiers = languageModelRows.map((row) => row.tier);

    // Assess
    expect([...tiers].sort()).toEqual([...modelTiers].sort());
    expect(languageModelRows.every((row) => row.supportsTools)).toBe(true);
    expect(modelForTier('vision').supportsImages).toBe(true);
  });

  it('prices the tiers in increasing order: small < mid < premium', () => {
    // Prepare
    const price = (tier: 'small' | 'mid' | 'premium') => modelForTier(tier).inputUsdPerMillion + modelForTier(tier).outputUsdPerMillion;

    // Act / Assess
    expect(price('small')).toBeLessThan(price('mid'));
    expect(price('mid')).toBeLessThan(price('premium'));
  });

  it('finds a row by foundation-model id or by inference profile, and nothing for an unknown id', () => {
    // Prepare
    const small = modelForTier('small');

    // Act / Assess
    expect(priceOf(small.modelId)).toBe(small);
    expect(priceOf(`eu.${small.modelId}`)).toBe(small);
    expect(priceOf('local.extractive-v1')).toBeUndefined();
  });

  it('invokes through the geographic inference profile of the region', () => {
    // Prepare
    const row = modelForTier('premium');

    // Act / Assess
    expect(invocationModelId(row, 'eu-west-1')).toBe(`eu.${row.modelId}`);
    expect(invocationModelId(row, 'us-east-1')).toBe(`us.${row.modelId}`);
    expect(invocationModelId(row, 'ap-northeast-1')).toBe(`apac.${row.modelId}`);
  });

  it('names Titan Text Embeddings v2 and Amazon Rerank 1.0', () => {
    expect(embeddingModel.modelId).toBe('amazon.titan-embed-text-v2:0');
    expect(rerankModel.modelId).toBe('amazon.rerank-v1:0');
  });
});

describe('costNanoUsd', () => {
  it("prices input and output tokens at the row's rates, in whole nano-dollars", () => {
    // Prepare
    const row = { inputUsdPerMillion: 0.035, outputUsdPerMillion: 0.14 };

    // Act
    const cost = costNanoUsd({ inputTokens: 1_000, outputTokens: 200 }, row);

    // Assess: 1000 × 35 + 200 × 140 nano-USD
    expect(cost).toBe(63_000);
  });

  it('rounds a fraction of a nano-dollar up, never down', () => {
    expect(costNanoUsd({ inputTokens: 1, outputTokens: 0 }, { inputUsdPerMillion: 0.0005, outputUsdPerMillion: 0 })).toBe(1);
    expect(costNanoUsd({ inputTokens: 3, outputTokens: 0 }, { inputUsdPerMillion: 0.0005, outputUsdPerMillion: 0 })).toBe(2);
    expect(costNanoUsd({ inputTokens: 0, outputTokens: 0 }, modelForTier('premium'))).toBe(0);
  });

  it('is exact for a whole million tokens (no floating-point drift)', () => {
    expect(costNanoUsd({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, modelForTier('premium'))).toBe(18_000_000_000);
    expect(costNanoUsd({ inputTokens: 1_000_000, outputTokens: 0 }, { inputUsdPerMillion: 0.07, outputUsdPerMillion: 0 })).toBe(70_000_000);
  });

  it('refuses negative or fractional token counts', () => {
    expect(() => costNanoUsd({ inputTokens: -1, outputTokens: 0 }, modelForTier('small'))).toThrow(RangeError);
    expect(() => costNanoUsd({ inputTokens: 1.5, outputTokens: 0 }, modelForTier('small'))).toThrow(RangeError);
  });
});

describe('embedding and rerank costs', () => {
  it('prices Titan v2 at $0.02 per million tokens, rounded up', () => {
    expect(embeddingCostNanoUsd(1_000)).toBe(20_000);
    expect(embeddingCostNanoUsd(0)).toBe(0);
  });

  it('bills a rerank per started 100 documents at $1 per 1,000 queries', () => {
    expect(rerankCostNanoUsd(0)).toBe(0);
    expect(rerankCostNanoUsd(20)).toBe(1_000_000);
    expect(rerankCostNanoUsd(101)).toBe(2_000_000);
  });
});

describe('nanoUsdToUsd and usdToNanoUsd', () => {
  it('shows dollars rounded to 6 decimals', () => {
    expect(nanoUsdToUsd(63_000)).toBe(0.000063);
    expect(nanoUsdToUsd(1_499)).toBe(0.000001);
    expect(nanoUsdToUsd(1_234_567_890)).toBe(1.234568);
  });

  it('turns a budget in dollars into nano-dollars', () => {
    expect(usdToNanoUsd(25)).toBe(25_000_000_000);
    expect(usdToNanoUsd(0.1)).toBe(100_000_000);
  });
});
