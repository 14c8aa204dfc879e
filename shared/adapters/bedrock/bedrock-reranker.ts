/**
 * Bedrock reranker — layer: adapters (the Reranker port over Bedrock Agent Runtime's Rerank with
 * Amazon Rerank 1.0).
 *
 * One Rerank call per query: the query and the documents inline as text, `numberOfResults` =
 * min(topN, documents). Results come back most relevant first with `relevanceScore` 0–1.
 * Billing is per query of up to 100 documents (shared/domain/cost.ts `rerankCostNanoUsd`).
 */
import { RerankCommand, type BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import type { Reranker, RerankResult } from '../../ports/reranker.js';
import { toModelError } from './error-mapping.js';

/** What the adapter needs. */
export interface BedrockRerankerDeps {
  readonly client: BedrockAgentRuntimeClient;
  /** e.g. `arn:aws:bedrock:eu-central-1::foundation-model/amazon.rerank-v1:0`. */
  readonly modelArn: string;
}

/**
 * Creates a Reranker over Bedrock.
 *
 * @example
 * const reranker = makeBedrockReranker({ client: makeBedrockAgentRuntimeClient({ region }), modelArn });
 * const best = await reranker.rerank('refund time', chunks.map((c) => c.text), 5);
 */
export function makeBedrockReranker(deps: BedrockRerankerDeps): Reranker {
  const { client, modelArn } = deps;
  const modelId = modelArn.replace(/^.*foundation-model\//, '');
  return {
    modelId,
    async rerank(query, documents, topN): Promise<RerankResult[]> {
      const wanted = Math.min(Math.max(0, Math.floor(topN)), documents.length);
      if (wanted === 0 || query.trim() === '') return [];
      let output;
      try {
        output = await client.send(new RerankCommand({
          queries: [{ type: 'TEXT', textQuery: { text: query } }],
          sources: documents.map((text) => ({ type: 'INLINE', inlineDocumentSource: { type: 'TEXT', textDocument: { text } } })),
          rerankingConfiguration: {
            type: 'BEDROCK_RERANKING_MODEL',
            bedrockRerankingConfiguration: { numberOfResults: wanted, modelConfiguration: { modelArn } },
          },
        }));
      } catch (error) {
        throw toModelError(error, `Bedrock ${modelId} Rerank`);
      }
      return (output.results ?? [])
        .filter((r) => typeof r.index === 'number' && r.index >= 0 && r.index < documents.length)
        .map((r) => ({ index: r.index!, relevance: Math.max(0, Math.min(1, r.relevanceScore ?? 0)) }))
        .sort((a, b) => b.relevance - a.relevance || a.index - b.index);
    },
  };
}
