/**
 * The AI models' configuration (`config.ai`, docs/CONFIGURATION.md "AI models"): Bedrock by
 * default in the function's region with 1024-dimension Titan v2 embeddings; an endpoint override
 * for the laptop; dimensions Titan cannot produce are refused where the call would go to AWS.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from '../../../shared/runtime/config.js';
import { awsFunctionEnv } from '../../helpers/aws-function-env.js';

const aws = awsFunctionEnv;

describe('config.ai', () => {
  it('defaults to Bedrock in the function\'s region, 1024 dimensions and Amazon Rerank there', () => {
    // Act
    const { ai } = loadConfig(aws);

    // Assess
    expect(ai).toEqual({
      provider: 'bedrock',
      bedrockRegion: 'eu-west-1',
      embeddingDimensions: 1024,
      rerankModelArn: 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.rerank-v1:0',
    });
  });

  it('reads the Bedrock region, dimensions and reranker ARN when set', () => {
    // Act
    const { ai } = loadConfig({
      ...aws,
      SWITCHBOARD_BEDROCK_REGION: 'eu-central-1',
      SWITCHBOARD_EMBEDDING_DIMENSIONS: '512',
      SWITCHBOARD_RERANK_MODEL_ARN: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0',
    });

    // Assess
    expect(ai).toMatchObject({ bedrockRegion: 'eu-central-1', embeddingDimensions: 512, rerankModelArn: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0' });
  });

  it('takes the laptop\'s endpoint override and any dimensions from 64 to 4096 with it', () => {
    // Act
    const { ai } = loadConfig({ ...aws, SWITCHBOARD_BEDROCK_ENDPOINT: 'http://127.0.0.1:4010/', SWITCHBOARD_EMBEDDING_DIMENSIONS: '384' });

    // Assess
    expect(ai).toMatchObject({ provider: 'bedrock', bedrockEndpoint: 'http://127.0.0.1:4010', embeddingDimensions: 384 });
  });

  it('refuses dimensions Titan v2 cannot produce when calling AWS, and nonsense anywhere', () => {
    expect(() => loadConfig({ ...aws, SWITCHBOARD_EMBEDDING_DIMENSIONS: '384' })).toThrow(/SWITCHBOARD_EMBEDDING_DIMENSIONS must be 256, 512 or 1024/);
    expect(() => loadConfig({ ...aws, SWITCHBOARD_AI_PROVIDER: 'local', SWITCHBOARD_EMBEDDING_DIMENSIONS: '10' })).toThrow(ConfigurationError);
    expect(() => loadConfig({ ...aws, SWITCHBOARD_AI_PROVIDER: 'openai' })).toThrow(/SWITCHBOARD_AI_PROVIDER/);
    expect(() => loadConfig({ ...aws, SWITCHBOARD_RERANK_MODEL_ARN: 'amazon.rerank-v1:0' })).toThrow(/SWITCHBOARD_RERANK_MODEL_ARN must be a Bedrock foundation-model ARN/);
  });
});
