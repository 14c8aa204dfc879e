/**
 * Cost arithmetic — layer: domain.
 *
 * Money is stored as integer nano-US-dollars (1e-9 USD): exact to add up in DynamoDB counters,
 * and fine enough for one embedding (a few nano-dollars). Every cost rounds UP to a whole
 * nano-dollar, so a sum of costs never underestimates the bill. Dollars appear only in API views
 * ({@link nanoUsdToUsd}). Prices come from shared/domain/ai-models.ts.
 */
import { embeddingModel, rerankModel, type ModelPriceRow } from './ai-models.js';

/** Tokens of one model call (the language-model port's `TokenUsage` has this shape). */
export interface TokenCount {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** One US dollar in nano-USD. */
export const nanoUsdPerUsd = 1_000_000_000;

const million = 1_000_000n;

/** A price in USD as integer nano-USD (exact for prices with up to 9 decimals). */
function nano(usd: number): bigint {
  return BigInt(Math.round(usd * 1e9));
}

function tokens(value: number, name: string): bigint {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer (got ${value})`);
  return BigInt(value);
}

/** ceil(numerator / denominator) for non-negative bigints. */
function divideUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator + denominator - 1n) / denominator);
}

/**
 * The cost of one call in nano-USD, rounded up.
 *
 * @example
 * costNanoUsd({ inputTokens: 1_000, outputTokens: 200 }, modelForTier('small')) // 35 000 + 28 000 = 63 000
 */
export function costNanoUsd(usage: TokenCount, row: Pick<ModelPriceRow, 'inputUsdPerMillion' | 'outputUsdPerMillion'>): number {
  const total = tokens(usage.inputTokens, 'inputTokens') * nano(row.inputUsdPerMillion) + tokens(usage.outputTokens, 'outputTokens') * nano(row.outputUsdPerMillion);
  return divideUp(total, million);
}

/** The cost of embedding `inputTokens` tokens with Titan Text Embeddings v2, in nano-USD, rounded up. */
export function embeddingCostNanoUsd(inputTokens: number): number {
  return divideUp(tokens(inputTokens, 'inputTokens') * nano(embeddingModel.inputUsdPerMillion), million);
}

/** The cost of one rerank call over `documents` documents (billed per started 100), in nano-USD. */
export function rerankCostNanoUsd(documents: number): number {
  const count = tokens(documents, 'documents');
  if (count === 0n) return 0;
  const queries = (count + BigInt(rerankModel.documentsPerQuery) - 1n) / BigInt(rerankModel.documentsPerQuery);
  return divideUp(queries * nano(rerankModel.usdPerThousandQueries), 1_000n);
}

/**
 * Nano-USD as dollars for API views, rounded to 6 decimals.
 *
 * @example
 * nanoUsdToUsd(63_000) // 0.000063
 */
export function nanoUsdToUsd(nanoUsd: number): number {
  return Math.round(nanoUsd / 1_000) / 1_000_000;
}

/** Dollars as nano-USD (budgets typed in dollars by admins), rounded to the nearest nano-dollar. */
export function usdToNanoUsd(usd: number): number {
  return Number(nano(usd));
}
