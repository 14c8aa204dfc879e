/**
 * The Titan v2 embedder at the SDK seam: one InvokeModel per text with the exact body, results
 * in input order, at most `concurrency` calls in flight, the tokens Titan counted, errors typed.
 */
import { BedrockRuntimeClient, InvokeModelCommand, ThrottlingException } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeBedrockEmbedder, titanEmbedV2ModelId } from '../../../../shared/adapters/bedrock/bedrock-embedder.js';
import { ModelUnavailableError } from '../../../../shared/adapters/bedrock/errors.js';

const client = new BedrockRuntimeClient({ region: 'eu-west-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
const sdk = mockClient(client);

function titanBody(embedding: number[], inputTextTokenCount: number) {
  return new TextEncoder().encode(JSON.stringify({ embedding, inputTextTokenCount })) as never;
}

function sentText(call: { args: [InvokeModelCommand] }): { inputText: string; dimensions: number; normalize: boolean } {
  return JSON.parse(new TextDecoder().decode(call.args[0].input.body as Uint8Array)) as { inputText: string; dimensions: number; normalize: boolean };
}

describe('the Bedrock embedder (Titan Text Embeddings v2)', () => {
  beforeEach(() => {
    sdk.reset();
  });

  it('invokes Titan v2 once per text with inputText, dimensions and normalize, in order, summing the tokens', async () => {
    // Prepare
    sdk.on(InvokeModelCommand).callsFake(async (input: { body: Uint8Array }) => {
      const { inputText } = JSON.parse(new TextDecoder().decode(input.body)) as { inputText: string };
      return { body: titanBody([inputText.length, 0, 0, 1], inputText.length * 2), contentType: 'application/json' };
    });
    const embedder = makeBedrockEmbedder({ client, dimensions: 4 });

    // Act
    const { vectors, inputTokens } = await embedder.embedWithUsage(['a', 'bbb', 'cc']);

    // Assess
    expect(embedder.modelId).toBe(titanEmbedV2ModelId);
    expect(vectors).toEqual([[1, 0, 0, 1], [3, 0, 0, 1], [2, 0, 0, 1]]);
    expect(inputTokens).toBe(12);
    const calls = sdk.commandCalls(InvokeModelCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0]?.args[0].input).toMatchObject({ modelId: 'amazon.titan-embed-text-v2:0', contentType: 'application/json', accept: 'application/json' });
    expect(calls.map(sentText)).toEqual([
      { inputText: 'a', dimensions: 4, normalize: true },
      { inputText: 'bbb', dimensions: 4, normalize: true },
      { inputText: 'cc', dimensions: 4, normalize: true },
    ]);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;
    sdk.on(InvokeModelCommand).callsFake(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return { body: titanBody([1, 0], 1) };
    });
    const embedder = makeBedrockEmbedder({ client, dimensions: 2, concurrency: 3 });

    // Act
    const vectors = await embedder.embed(Array.from({ length: 10 }, (_, i) => `text ${i}`));

    // Assess
    expect(vectors).toHaveLength(10);
    expect(most).toBe(3);
  });

  it('does not send an empty text: its vector is zeros and it costs nothing', async () => {
    // Prepare
    sdk.on(InvokeModelCommand).resolves({ body: titanBody([0.6, 0.8], 3) });
    const embedder = makeBedrockEmbedder({ client, dimensions: 2 });

    // Act
    const { vectors, inputTokens } = await embedder.embedWithUsage(['  ', 'hello']);

    // Assess
    expect(vectors).toEqual([[0, 0], [0.6, 0.8]]);
    expect(inputTokens).toBe(3);
    expect(sdk.commandCalls(InvokeModelCommand)).toHaveLength(1);
  });

  it('types throttling as retryable and a vector of the wrong length as a malformed response', async () => {
    // Prepare
    sdk.on(InvokeModelCommand)
      .rejectsOnce(new ThrottlingException({ message: 'slow down', $metadata: { httpStatusCode: 429 } }))
      .resolves({ body: titanBody([1, 2, 3], 1) });
    const embedder = makeBedrockEmbedder({ client, dimensions: 2 });

    // Act
    const throttled = await embedder.embed(['x']).catch((e: unknown) => e);
    const malformed = await embedder.embed(['x']).catch((e: unknown) => e);

    // Assess
    expect(throttled).toBeInstanceOf(ModelUnavailableError);
    expect(throttled).toMatchObject({ code: 'ThrottlingException' });
    expect(malformed).toMatchObject({ name: 'ModelUnavailableError', code: 'MalformedResponse' });
  });
});
