/**
 * The Bedrock reranker at the SDK seam: one Rerank call with the query and the documents inline,
 * numberOfResults = min(topN, documents), results most relevant first, errors typed.
 */
import { BedrockAgentRuntimeClient, RerankCommand, ValidationException } from '@aws-sdk/client-bedrock-agent-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeBedrockReranker } from '../../../../shared/adapters/bedrock/bedrock-reranker.js';
import { ModelRequestError } from '../../../../shared/adapters/bedrock/errors.js';

const client = new BedrockAgentRuntimeClient({ region: 'eu-central-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
const sdk = mockClient(client);
const modelArn = 'arn:aws:bedrock:eu-central-1::foundation-model/amazon.rerank-v1:0';

describe('the Bedrock reranker (Amazon Rerank 1.0)', () => {
  beforeEach(() => {
    sdk.reset();
  });

  it('sends one Rerank with the query, the inline documents and the model ARN, and sorts by relevance', async () => {
    // Prepare
    sdk.on(RerankCommand).resolves({ results: [{ index: 2, relevanceScore: 0.4 }, { index: 0, relevanceScore: 0.91 }] });
    const reranker = makeBedrockReranker({ client, modelArn });

    // Act
    const results = await reranker.rerank('refund time', ['Refunds take 5 days.', 'Stores open at 9.', 'Refund policy.'], 2);

    // Assess
    expect(reranker.modelId).toBe('amazon.rerank-v1:0');
    expect(sdk.commandCalls(RerankCommand)[0]?.args[0].input).toStrictEqual({
      queries: [{ type: 'TEXT', textQuery: { text: 'refund time' } }],
      sources: ['Refunds take 5 days.', 'Stores open at 9.', 'Refund policy.'].map((text) => ({ type: 'INLINE', inlineDocumentSource: { type: 'TEXT', textDocument: { text } } })),
      rerankingConfiguration: { type: 'BEDROCK_RERANKING_MODEL', bedrockRerankingConfiguration: { numberOfResults: 2, modelConfiguration: { modelArn } } },
    });
    expect(results).toEqual([{ index: 0, relevance: 0.91 }, { index: 2, relevance: 0.4 }]);
  });

  it('asks for no more results than documents, and makes no call for no documents', async () => {
    // Prepare
    sdk.on(RerankCommand).resolves({ results: [{ index: 0, relevanceScore: 0.5 }] });
    const reranker = makeBedrockReranker({ client, modelArn });

    // Act
    const none = await reranker.rerank('q', [], 5);
    await reranker.rerank('q', ['only one'], 5);

    // Assess
    expect(none).toEqual([]);
    expect(sdk.commandCalls(RerankCommand)).toHaveLength(1);
    expect(sdk.commandCalls(RerankCommand)[0]?.args[0].input.rerankingConfiguration?.bedrockRerankingConfiguration?.numberOfResults).toBe(1);
  });

  it('types a validation error as permanent', async () => {
    // Prepare
    sdk.on(RerankCommand).rejects(new ValidationException({ message: 'bad model', $metadata: { httpStatusCode: 400 } }));
    const reranker = makeBedrockReranker({ client, modelArn });

    // Act
    const error = await reranker.rerank('q', ['a'], 1).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ code: 'ValidationException' });
  });
});
