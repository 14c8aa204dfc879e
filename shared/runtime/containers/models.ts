/**
 * The AI models — layer: runtime (container).
 *
 * The language model of each tier, the embedder and the reranker, built once per base from
 * `config.ai` (docs/CONFIGURATION.md "AI models"):
 * - provider `bedrock` (AWS, and the laptop, whose local Bedrock server speaks Bedrock's wire
 *   protocol): the Bedrock adapters, each tier's model from the price table
 *   (shared/domain/ai-models.ts) invoked through its inference profile in the Bedrock region;
 * - provider `local`: the in-process local models (no HTTP), every tier the same extractive model;
 *   laptop-only, so they are loaded on first use and kept out of Lambda bundles (laptop-only.ts).
 * The language models' client makes one attempt per call: a throttled turn fails fast with a
 * ModelUnavailableError and its queue retries it; the embedder and reranker use the SDK's retries.
 */
import { makeBedrockAgentRuntimeClient, makeBedrockRuntimeClient } from '../../adapters/bedrock/client.js';
import { makeBedrockEmbedder } from '../../adapters/bedrock/bedrock-embedder.js';
import { makeBedrockLanguageModel } from '../../adapters/bedrock/bedrock-language-model.js';
import { makeBedrockReranker } from '../../adapters/bedrock/bedrock-reranker.js';
import { localEmbedderModelId, localLanguageModelId, localRerankerModelId } from '../../adapters/local-model/model-ids.js';
import { invocationModelId, modelForTier } from '../../domain/ai-models.js';
import { modelTiers, type ModelTier } from '../../domain/entities.js';
import type { Embedder } from '../../ports/embedder.js';
import type { LanguageModel } from '../../ports/language-model.js';
import type { Reranker } from '../../ports/reranker.js';
import { perBase, type Base } from './base.js';
import { importLaptopOnly, laptopOnlyModules } from './laptop-only.js';

type LocalLanguageModelModule = typeof import('../../adapters/local-model/local-language-model.js');
type LocalEmbedderModule = typeof import('../../adapters/local-model/local-embedder.js');
type LocalRerankerModule = typeof import('../../adapters/local-model/local-reranker.js');

/** Builds a laptop-only model on first use (one attempt at a time; a failed load is not remembered). */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}

/** The local language model, loaded on its first call (kept out of Lambda bundles: laptop-only.ts). */
function localLanguageModel(): LanguageModel {
  const model = onFirstUse(async () => (await importLaptopOnly<LocalLanguageModelModule>(laptopOnlyModules.localLanguageModel)).createLocalLanguageModel());
  return {
    modelId: localLanguageModelId,
    converse: async (request) => (await model()).converse(request),
    async *converseStream(request) {
      yield* (await model()).converseStream(request);
    },
  };
}

/** The local embedder, loaded on its first call (the configuration checked its dimensions). */
function localEmbedder(dimensions: number): Embedder {
  const model = onFirstUse(async () => (await importLaptopOnly<LocalEmbedderModule>(laptopOnlyModules.localEmbedder)).createLocalEmbedder({ dimensions }));
  return {
    dimensions,
    modelId: localEmbedderModelId,
    embed: async (texts) => (await model()).embed(texts),
    async embedWithUsage(texts) {
      const embedder = await model();
      return embedder.embedWithUsage ? embedder.embedWithUsage(texts) : { vectors: await embedder.embed(texts), inputTokens: 0 };
    },
  };
}

/** The local reranker, loaded on its first call. */
function localReranker(): Reranker {
  const model = onFirstUse(async () => (await importLaptopOnly<LocalRerankerModule>(laptopOnlyModules.localReranker)).createLocalReranker());
  return {
    modelId: localRerankerModelId,
    rerank: async (query, documents, topN) => (await model()).rerank(query, documents, topN),
  };
}

function bedrockSettings(b: Base) {
  return { region: b.config.ai.bedrockRegion, ...(b.config.ai.bedrockEndpoint ? { endpoint: b.config.ai.bedrockEndpoint } : {}) };
}

/** One language model per tier (routing picks the tier; `modelForTier(tier)` prices it). */
export const languageModels = /* @__PURE__ */ perBase((b): Readonly<Record<ModelTier, LanguageModel>> => {
  if (b.config.ai.provider === 'local') {
    const local = localLanguageModel();
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
  ? localEmbedder(b.config.ai.embeddingDimensions)
  : makeBedrockEmbedder({ client: makeBedrockRuntimeClient(bedrockSettings(b)), dimensions: b.config.ai.embeddingDimensions }));

/** The reranker retrieval uses when the tenant turns reranking on. */
export const reranker = /* @__PURE__ */ perBase((b): Reranker => b.config.ai.provider === 'local'
  ? localReranker()
  : makeBedrockReranker({ client: makeBedrockAgentRuntimeClient(bedrockSettings(b)), modelArn: b.config.ai.rerankModelArn }));
