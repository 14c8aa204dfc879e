/**
 * The AI models — layer: runtime (container).
 *
 * The language model of each tier, the embedder and the reranker, built once per base from
 * `config.ai` (docs/CONFIGURATION.md "AI models"):
 * - provider `bedrock` (AWS, and the laptop, whose local Bedrock server speaks Bedrock's wire
 *   protocol): the Bedrock adapters, each tier's model from the price table
 *   (shared/domain/ai-models.ts) invoked through its inference profile in the Bedrock region;
 * - provider `local`: the in-process local models (no HTTP), every tier the same extractive model.
 * The language models' client makes one attempt per call: a throttled turn fails fast with a
 * ModelUnavailableError and its queue retries it; the embedder and reranker use the SDK's retries.
 */
import { makeBedrockAgentRuntimeClient, makeBedrockRuntimeClient } from '../../adapters/bedrock/client.js';
import { makeBedrockEmbedder } from '../../adapters/bedrock/bedrock-embedder.js';
import { makeBedrockLanguageModel } from '../../adapters/bedrock/bedrock-language-model.js';
import { makeBedrockReranker } from '../../adapters/bedrock/bedrock-reranker.js';
import { createLocalEmbedder } from '../../adapters/local-model/local-embedder.js';
import { createLocalLanguageModel } from '../../adapters/local-model/local-language-model.js';
import { createLocalReranker } from '../../adapters/local-model/local-reranker.js';
import { invocationModelId, modelForTier } from '../../domain/ai-models.js';
import { modelTiers, type ModelTier } from '../../domain/entities.js';
import type { Embedder } from '../../ports/embedder.js';
import type { LanguageModel } from '../../ports/language-model.js';
import type { Reranker } from '../../ports/reranker.js';
import { perBase, type Base } from './base.js';

function bedrockSettings(b: Base) {
  return { region: b.config.ai.bedrockRegion, ...(b.config.ai.bedrockEndpoint ? { endpoint: b.config.ai.bedrockEndpoint } : {}) };
}

/** One language model per tier (routing picks the tier; `modelForTier(tier)` prices it). */
export const languageModels = /* @__PURE__ */ perBase((b): Readonly<Record<ModelTier, LanguageModel>> => {
  if (b.config.ai.provider === 'local') {
    const local = createLocalLanguageModel();
    return Object.fromEntries(modelTiers.map((tier) => [tier, local])) as Record<ModelTier, LanguageModel>;
  }
  const client = makeBedrockRuntimeClient({ ...bedrockSettings(b), maxAttempts: 1 });
  return Object.fromEntries(modelTiers.map((tier) => [
    tier,
    makeBedrockLanguageModel({ client, modelId: invocationModelId(modelForTier(tier), b.config.ai.bedrockRegion) }),
  ])) as Record<ModelTier, LanguageModel>;
});

/** The embedder the knowledge indexer and the AI turn share (one vector space). */
export const embedder = /* @__PURE__ */ perBase((b): Embedder => b.config.ai.provider === 'local'
  ? createLocalEmbedder({ dimensions: b.config.ai.embeddingDimensions })
  : makeBedrockEmbedder({ client: makeBedrockRuntimeClient(bedrockSettings(b)), dimensions: b.config.ai.embeddingDimensions }));

/** The reranker retrieval uses when the tenant turns reranking on. */
export const reranker = /* @__PURE__ */ perBase((b): Reranker => b.config.ai.provider === 'local'
  ? createLocalReranker()
  : makeBedrockReranker({ client: makeBedrockAgentRuntimeClient(bedrockSettings(b)), modelArn: b.config.ai.rerankModelArn }));
