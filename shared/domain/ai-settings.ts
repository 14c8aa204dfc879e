/**
 * A tenant's AI settings — layer: domain (pure types and defaults).
 *
 * Stored on the Account item (`Account.ai`, every field optional); {@link resolveAiSettings}
 * fills in the defaults, so items written before a setting existed read the same as new ones.
 */
import type { ModelTier } from './entities.js';
import { defaultFusionWeights, type FusionWeights } from './retrieval.js';

/** Everything an admin can tune about the AI agent. Money is in US dollars. */
export interface AiSettings {
  /** The bot answers new conversations first; off: every conversation goes straight to people. */
  readonly enabled: boolean;
  /** The most capable (and costly) text tier routing may choose (model policy). */
  readonly maxTier: Exclude<ModelTier, 'vision'>;
  /** Retriever weights for hybrid search (default 0.7 semantic / 0.3 keyword). */
  readonly fusionWeights: FusionWeights;
  /** Fused results below this score (0–1) are dropped. */
  readonly minScore: number;
  /** The best chunk's confidence (0–1) under which the bot does not answer and hands over. */
  readonly minConfidence: number;
  /** Rerank retrieved chunks with Bedrock's reranker (costs per query). */
  readonly rerank: boolean;
  /** Monthly AI budget; alerts fire at `alertPercents` of it; above it only the small model answers. */
  readonly monthlyBudgetUsd: number;
  /** Percentages of the monthly budget at which admins get a dashboard notification. */
  readonly alertPercents: readonly number[];
  /** At or above this month-to-date spend the bot stops and hands every conversation to people. */
  readonly hardCapUsd: number;
}

/** Defaults for a tenant that has not changed a setting. */
export const defaultAiSettings: AiSettings = {
  enabled: true,
  maxTier: 'premium',
  fusionWeights: defaultFusionWeights,
  minScore: 0.2,
  minConfidence: 0.35,
  rerank: false,
  monthlyBudgetUsd: 50,
  alertPercents: [50, 80, 100],
  hardCapUsd: 60,
};

/** The settings in force: the stored ones over the defaults. */
export function resolveAiSettings(stored: Partial<AiSettings> | undefined): AiSettings {
  return { ...defaultAiSettings, ...(stored ?? {}) };
}
