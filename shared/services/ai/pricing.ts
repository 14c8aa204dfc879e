/**
 * The price table as the AI turn uses it — layer: services (over H1's domain table).
 */
import { modelForTier, priceOf } from '../../domain/ai-models.js';
import { costNanoUsd, embeddingCostNanoUsd } from '../../domain/cost.js';
import type { Pricing } from './deps.js';

/**
 * Prices a call with the row of the model that answered; a model the table does not list (the
 * laptop's local model) is priced as its tier's model, so costs on the laptop look like AWS's.
 */
export const tablePricing: Pricing = {
  model(tier, modelId, usage) {
    const row = priceOf(modelId) ?? modelForTier(tier);
    return { costNanoUsd: costNanoUsd(usage, row), pricedAs: row.modelId };
  },
  embedding: (tokens) => embeddingCostNanoUsd(tokens),
};
