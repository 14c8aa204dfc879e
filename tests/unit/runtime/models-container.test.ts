/**
 * The models container (shared/runtime/containers/models.ts): one language model per tier from
 * the price table, invoked through the Bedrock region's inference profile; the in-process local
 * models with provider `local`; built once per base.
 */
import { describe, expect, it } from 'vitest';
import { localEmbedderModelId } from '../../../shared/adapters/local-model/local-embedder.js';
import { localLanguageModelId } from '../../../shared/adapters/local-model/local-language-model.js';
import { localRerankerModelId } from '../../../shared/adapters/local-model/local-reranker.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { buildBase } from '../../../shared/runtime/containers/base.js';
import { embedder, languageModels, reranker } from '../../../shared/runtime/containers/models.js';
import { awsFunctionEnv } from '../../helpers/aws-function-env.js';

const env = awsFunctionEnv;

describe('the models container', () => {
  it('builds the Bedrock adapters per tier with the region\'s inference profiles', () => {
    // Prepare
    const base = buildBase(loadConfig({ ...env, SWITCHBOARD_BEDROCK_REGION: 'eu-central-1' }));

    // Act
    const models = languageModels(base);

    // Assess
    expect(Object.fromEntries(Object.entries(models).map(([tier, model]) => [tier, model.modelId]))).toEqual({
      small: 'eu.amazon.nova-micro-v1:0',
      vision: 'eu.amazon.nova-lite-v1:0',
      mid: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
      premium: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    expect(embedder(base)).toMatchObject({ modelId: 'amazon.titan-embed-text-v2:0', dimensions: 1024 });
    expect(reranker(base).modelId).toBe('amazon.rerank-v1:0');
    expect(languageModels(base)).toBe(models);
  });

  it('uses the in-process local models with provider local', () => {
    // Prepare
    const base = buildBase(loadConfig({ ...env, SWITCHBOARD_AI_PROVIDER: 'local', SWITCHBOARD_EMBEDDING_DIMENSIONS: '384' }));

    // Act
    const models = languageModels(base);

    // Assess
    expect(new Set(Object.values(models).map((m) => m.modelId))).toEqual(new Set([localLanguageModelId]));
    expect(embedder(base)).toMatchObject({ modelId: localEmbedderModelId, dimensions: 384 });
    expect(reranker(base).modelId).toBe(localRerankerModelId);
  });
});
