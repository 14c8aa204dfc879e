/**
 * The model and price table — layer: domain (the ONE place models and their prices are listed).
 *
 * Each tier routing can pick (shared/domain/model-routing.ts) names one Amazon Bedrock model with
 * its on-demand list price; the embedding model and the reranker are here too. Costs are computed
 * from these rows only (shared/domain/cost.ts), in integer nano-US-dollars.
 *
 * Prices: Amazon Bedrock on-demand list prices, us-east-1, USD (https://aws.amazon.com/bedrock/pricing/),
 * as read on 2026-12-01. Other regions and the geographic cross-region inference profiles (`eu.`,
 * `us.`, `apac.`) can differ by about 10 %; the table is a budget guard, not an invoice.
 *
 * Model ids are foundation-model ids; {@link invocationModelId} turns a row into the id the
 * Converse call uses in a region (the Nova and Claude 4.5 models are invoked through a geographic
 * cross-region inference profile), and {@link priceOf} accepts either form.
 */
import type { ModelTier } from './entities.js';

/** One language model of the table. */
export interface ModelPriceRow {
  readonly tier: ModelTier;
  /** The Bedrock foundation-model id. */
  readonly modelId: string;
  readonly label: string;
  /** USD per million input tokens. */
  readonly inputUsdPerMillion: number;
  /** USD per million output tokens. */
  readonly outputUsdPerMillion: number;
  readonly supportsImages: boolean;
  readonly supportsTools: boolean;
  /** Invoked through a geographic cross-region inference profile (`eu.`/`us.`/`apac.` + id). */
  readonly crossRegionProfile: boolean;
}

/** The language models, one per tier, cheapest first. */
export const languageModelRows: readonly ModelPriceRow[] = [
  {
    tier: 'small', modelId: 'amazon.nova-micro-v1:0', label: 'Amazon Nova Micro',
    inputUsdPerMillion: 0.035, outputUsdPerMillion: 0.14, supportsImages: false, supportsTools: true, crossRegionProfile: true,
  },
  {
    tier: 'vision', modelId: 'amazon.nova-lite-v1:0', label: 'Amazon Nova Lite',
    inputUsdPerMillion: 0.06, outputUsdPerMillion: 0.24, supportsImages: true, supportsTools: true, crossRegionProfile: true,
  },
  {
    tier: 'mid', modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0', label: 'Claude Haiku 4.5',
    inputUsdPerMillion: 1, outputUsdPerMillion: 5, supportsImages: true, supportsTools: true, crossRegionProfile: true,
  },
  {
    tier: 'premium', modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', label: 'Claude Sonnet 4.5',
    inputUsdPerMillion: 3, outputUsdPerMillion: 15, supportsImages: true, supportsTools: true, crossRegionProfile: true,
  },
];

/** The embedding model: Amazon Titan Text Embeddings v2 (256, 512 or 1024 dimensions). */
export const embeddingModel = {
  modelId: 'amazon.titan-embed-text-v2:0',
  label: 'Amazon Titan Text Embeddings v2',
  /** USD per million input tokens ($0.00002 per 1,000). */
  inputUsdPerMillion: 0.02,
  dimensions: [256, 512, 1024] as const,
} as const;

/** The reranker: Amazon Rerank 1.0, billed per query of up to 100 documents. */
export const rerankModel = {
  modelId: 'amazon.rerank-v1:0',
  label: 'Amazon Rerank 1.0',
  /** USD per 1,000 queries. */
  usdPerThousandQueries: 1,
  /** A query with more documents is billed as several queries. */
  documentsPerQuery: 100,
} as const;

/** The table's row of a tier. */
export function modelForTier(tier: ModelTier): ModelPriceRow {
  const row = languageModelRows.find((r) => r.tier === tier);
  // Every tier has a row (a unit test checks it); this guards the table against an edit that drops one.
  if (row === undefined) throw new RangeError(`no model for tier ${tier}`);
  return row;
}

/** Geographic inference-profile prefixes, e.g. `eu.amazon.nova-micro-v1:0`. */
const profilePrefix = /^(?:us|eu|apac|us-gov|ca|jp|au|global)\./;

/** The row of a model id (a foundation-model id or an inference profile of one), if listed. */
export function priceOf(modelId: string): ModelPriceRow | undefined {
  const base = modelId.replace(profilePrefix, '');
  return languageModelRows.find((r) => r.modelId === base);
}

/**
 * The id a Converse call uses for a row in a region: the geographic inference profile
 * (`eu.` for eu-*, `apac.` for ap-*, `us.` elsewhere) when the row needs one, else the id.
 */
export function invocationModelId(row: ModelPriceRow, region: string): string {
  if (!row.crossRegionProfile) return row.modelId;
  const geo = region.startsWith('eu-') ? 'eu' : region.startsWith('ap-') ? 'apac' : 'us';
  return `${geo}.${row.modelId}`;
}
