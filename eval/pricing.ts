/**
 * Turn pricing for the evaluation — layer: eval (over the product's price table).
 *
 * Prices a turn exactly as the product does: the tier's row of `shared/domain/ai-models.ts` and
 * the integer nano-dollar arithmetic of `shared/domain/cost.ts`, plus the question's embedding.
 */
import { modelForTier } from '../shared/domain/ai-models.js';
import { costNanoUsd, embeddingCostNanoUsd } from '../shared/domain/cost.js';
import type { ModelTier } from '../shared/domain/entities.js';
import { textTiers } from '../shared/domain/model-routing.js';

/** The tokens of one turn: the model call and the question's embedding. */
export interface TurnUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly embeddingTokens: number;
}

/** A turn's cost in nano-US-dollars if it ran on `tier`. */
export function turnCost(tier: ModelTier, usage: TurnUsage): number {
  const row = modelForTier(tier);
  return costNanoUsd({ inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }, row) + embeddingCostNanoUsd(usage.embeddingTokens);
}

/** The text tiers' rows, cheapest first (what routing chooses between). */
export function pricedTiers(): { readonly tier: ModelTier; readonly modelId: string; readonly label: string }[] {
  return textTiers.map((tier) => {
    const row = modelForTier(tier);
    return { tier, modelId: row.modelId, label: row.label };
  });
}
