/**
 * Bedrock embedder — layer: adapters (the Embedder port over Amazon Titan Text Embeddings v2).
 *
 * Titan v2 embeds one text per InvokeModel call (`{ inputText, dimensions, normalize: true }` →
 * `{ embedding, inputTextTokenCount }`), so a batch is many calls, at most `concurrency` at a
 * time, in input order. Vectors are unit length (`normalize`), so a dot product is the cosine.
 * `embedWithUsage` also returns the tokens Titan counted (what the call is billed by). An empty
 * text is not sent (Titan refuses it): its vector is all zeros, which matches nothing.
 */
import { InvokeModelCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { Embedder, EmbeddingResult } from '../../ports/embedder.js';
import { toModelError } from './error-mapping.js';
import { ModelUnavailableError } from './errors.js';

/** Titan Text Embeddings v2. */
export const titanEmbedV2ModelId = 'amazon.titan-embed-text-v2:0';

/** What the adapter needs. */
export interface BedrockEmbedderDeps {
  readonly client: BedrockRuntimeClient;
  /** 256, 512 or 1024 with Titan v2. */
  readonly dimensions: number;
  /** Default {@link titanEmbedV2ModelId}. */
  readonly modelId?: string;
  /** Calls in flight at once (default 8). */
  readonly concurrency?: number;
}

interface TitanResponse {
  readonly embedding?: unknown;
  readonly inputTextTokenCount?: unknown;
}

/**
 * Creates an Embedder over Titan Text Embeddings v2.
 *
 * @example
 * const embedder = makeBedrockEmbedder({ client: makeBedrockRuntimeClient({ region }), dimensions: 1024 });
 * const { vectors, inputTokens } = await embedder.embedWithUsage(['How do refunds work?']);
 */
export function makeBedrockEmbedder(deps: BedrockEmbedderDeps): Embedder & { embedWithUsage(texts: readonly string[]): Promise<EmbeddingResult> } {
  const modelId = deps.modelId ?? titanEmbedV2ModelId;
  const { client, dimensions } = deps;
  const concurrency = Math.max(1, deps.concurrency ?? 8);
  const what = `Bedrock ${modelId} InvokeModel`;

  async function embedOne(text: string): Promise<{ vector: number[]; tokens: number }> {
    if (text.trim() === '') return { vector: new Array<number>(dimensions).fill(0), tokens: 0 };
    let raw: Uint8Array;
    try {
      const output = await client.send(new InvokeModelCommand({
        modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: new TextEncoder().encode(JSON.stringify({ inputText: text, dimensions, normalize: true })),
      }));
      raw = output.body;
    } catch (error) {
      throw toModelError(error, what);
    }
    let parsed: TitanResponse;
    try {
      parsed = JSON.parse(new TextDecoder().decode(raw)) as TitanResponse;
    } catch (error) {
      throw new ModelUnavailableError(`${what}: the response is not JSON`, 'MalformedResponse', { cause: error });
    }
    const { embedding, inputTextTokenCount } = parsed;
    if (!Array.isArray(embedding) || embedding.length !== dimensions || !embedding.every((n) => typeof n === 'number')) {
      throw new ModelUnavailableError(`${what}: expected ${dimensions} numbers, got ${Array.isArray(embedding) ? embedding.length : typeof embedding}`, 'MalformedResponse');
    }
    return { vector: embedding as number[], tokens: typeof inputTextTokenCount === 'number' ? inputTextTokenCount : 0 };
  }

  async function embedWithUsage(texts: readonly string[]): Promise<EmbeddingResult> {
    const vectors: number[][] = new Array<number[]>(texts.length);
    let inputTokens = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < texts.length) {
        const index = next;
        next += 1;
        const { vector, tokens } = await embedOne(texts[index]!);
        vectors[index] = vector;
        inputTokens += tokens;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, texts.length) }, worker));
    return { vectors, inputTokens };
  }

  return {
    dimensions,
    modelId,
    async embed(texts) {
      return (await embedWithUsage(texts)).vectors;
    },
    embedWithUsage,
  };
}
