/**
 * The Bedrock language model at the SDK seam (aws-sdk-client-mock): the exact Converse and
 * ConverseStream inputs, the folding of the event stream into the port's deltas and one result,
 * tool use from partial JSON, and errors typed as retryable or permanent.
 */
import {
  BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, ModelStreamErrorException, ThrottlingException, ValidationException,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeBedrockLanguageModel } from '../../../../shared/adapters/bedrock/bedrock-language-model.js';
import { ModelRequestError, ModelUnavailableError } from '../../../../shared/adapters/bedrock/errors.js';
import type { ConverseRequest, ConverseStreamEvent } from '../../../../shared/ports/language-model.js';

const client = new BedrockRuntimeClient({ region: 'eu-west-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
const sdk = mockClient(client);
const modelId = 'eu.amazon.nova-micro-v1:0';
const model = makeBedrockLanguageModel({ client, modelId });

const searchTool = {
  name: 'search_knowledge',
  description: 'Search the knowledge base.',
  inputSchema: { json: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
} as const;

const request: ConverseRequest = {
  system: 'You are helpful.',
  messages: [
    { role: 'user', content: [{ text: 'Can I return shoes?' }, { image: { format: 'jpeg', bytes: new Uint8Array([1, 2, 3]) } }] },
    { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'search_knowledge', input: { query: 'shoes' } } }] },
    { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ json: { hits: [] } }, { text: 'none' }], status: 'error' } }] },
  ],
  tools: [searchTool],
  toolChoice: { tool: 'search_knowledge' },
  maxTokens: 250,
  temperature: 0.2,
};

async function* events(...list: ConverseStreamOutput[]): AsyncGenerator<ConverseStreamOutput> {
  for (const event of list) yield event;
}

async function drain(iterable: AsyncIterable<ConverseStreamEvent>): Promise<ConverseStreamEvent[]> {
  const out: ConverseStreamEvent[] = [];
  for await (const event of iterable) out.push(event);
  return out;
}

describe('the Bedrock language model', () => {
  beforeEach(() => {
    sdk.reset();
  });

  it('sends Converse the mapped request: system block, content blocks, inference config, tools and the tool choice', async () => {
    // Prepare
    sdk.on(ConverseCommand).resolves({
      output: { message: { role: 'assistant', content: [{ text: 'Yes, within 30 days.' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 120, outputTokens: 8, totalTokens: 128 },
      metrics: { latencyMs: 300 },
    });

    // Act
    const result = await model.converse(request);

    // Assess
    expect(sdk.commandCalls(ConverseCommand)[0]?.args[0].input).toStrictEqual({
      modelId,
      messages: [
        { role: 'user', content: [{ text: 'Can I return shoes?' }, { image: { format: 'jpeg', source: { bytes: new Uint8Array([1, 2, 3]) } } }] },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'search_knowledge', input: { query: 'shoes' } } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ json: { hits: [] } }, { text: 'none' }], status: 'error' } }] },
      ],
      system: [{ text: 'You are helpful.' }],
      inferenceConfig: { maxTokens: 250, temperature: 0.2 },
      toolConfig: { tools: [{ toolSpec: searchTool }], toolChoice: { tool: { name: 'search_knowledge' } } },
    });
    expect(result).toEqual({ content: [{ text: 'Yes, within 30 days.' }], stopReason: 'end_turn', usage: { inputTokens: 120, outputTokens: 8 }, modelId });
  });

  it('omits an empty system prompt and the tool config without tools, and maps auto and any', async () => {
    // Prepare
    sdk.on(ConverseCommand).resolves({ output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'stop_sequence', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } });
    const plain: ConverseRequest = { system: ' ', messages: [{ role: 'user', content: [{ text: 'hi' }] }], maxTokens: 10 };

    // Act
    const result = await model.converse(plain);
    await model.converse({ ...plain, tools: [searchTool], toolChoice: 'any' });
    await model.converse({ ...plain, tools: [searchTool], toolChoice: 'auto' });

    // Assess
    const inputs = sdk.commandCalls(ConverseCommand).map((call) => call.args[0].input);
    expect(inputs[0]).toStrictEqual({ modelId, messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 10 } });
    expect(inputs[1]?.toolConfig?.toolChoice).toStrictEqual({ any: {} });
    expect(inputs[2]?.toolConfig?.toolChoice).toStrictEqual({ auto: {} });
    expect(result.stopReason).toBe('end_turn');
  });

  it('returns tool uses from Converse with stop reason tool_use', async () => {
    // Prepare
    sdk.on(ConverseCommand).resolves({
      output: { message: { role: 'assistant', content: [{ text: 'Looking.' }, { toolUse: { toolUseId: 'tooluse_1', name: 'search_knowledge', input: { query: 'refund' } } }] } },
      stopReason: 'tool_use',
      usage: { inputTokens: 50, outputTokens: 20, totalTokens: 70 },
    });

    // Act
    const result = await model.converse(request);

    // Assess
    expect(result.stopReason).toBe('tool_use');
    expect(result.content).toEqual([{ text: 'Looking.' }, { toolUse: { toolUseId: 'tooluse_1', name: 'search_knowledge', input: { query: 'refund' } } }]);
  });

  it('folds a stream: text deltas pass through, partial tool-input JSON is assembled, stop reason and usage complete one result', async () => {
    // Prepare
    sdk.on(ConverseStreamCommand).resolves({
      stream: events(
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Let me ' } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'check.' } } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_9', name: 'search_knowledge' } } } },
        { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"que' } } } },
        { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: 'ry":"shoe returns"}' } } } },
        { contentBlockStop: { contentBlockIndex: 1 } },
        { messageStop: { stopReason: 'tool_use' } },
        { metadata: { usage: { inputTokens: 400, outputTokens: 31, totalTokens: 431 }, metrics: { latencyMs: 512 } } },
      ),
    });

    // Act
    const out = await drain(model.converseStream(request));

    // Assess
    expect(sdk.commandCalls(ConverseStreamCommand)[0]?.args[0].input.toolConfig?.toolChoice).toStrictEqual({ tool: { name: 'search_knowledge' } });
    expect(out).toEqual([
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Let me ' } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'check.' } } },
      {
        result: {
          content: [{ text: 'Let me check.' }, { toolUse: { toolUseId: 'tooluse_9', name: 'search_knowledge', input: { query: 'shoe returns' } } }],
          stopReason: 'tool_use',
          usage: { inputTokens: 400, outputTokens: 31 },
          modelId,
        },
      },
    ]);
  });

  it('renumbers delta indices to the positions of the kept blocks (reasoning blocks are dropped)', async () => {
    // Prepare
    sdk.on(ConverseStreamCommand).resolves({
      stream: events(
        { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'thinking' } } } },
        { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Answer.' } } },
        { messageStop: { stopReason: 'max_tokens' } },
        { metadata: { usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 }, metrics: { latencyMs: 1 } } },
      ),
    });

    // Act
    const out = await drain(model.converseStream(request));

    // Assess
    expect(out[0]).toEqual({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Answer.' } } });
    expect(out[1]?.result).toMatchObject({ content: [{ text: 'Answer.' }], stopReason: 'max_tokens' });
  });

  it('types throttling as retryable and validation as permanent (Converse and ConverseStream)', async () => {
    // Prepare
    sdk.on(ConverseCommand).rejects(new ThrottlingException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } }));
    sdk.on(ConverseStreamCommand).rejects(new ValidationException({ message: 'Malformed input request', $metadata: { httpStatusCode: 400 } }));

    // Act
    const throttled = await model.converse(request).catch((e: unknown) => e);
    const invalid = await drain(model.converseStream(request)).catch((e: unknown) => e);

    // Assess
    expect(throttled).toBeInstanceOf(ModelUnavailableError);
    expect(throttled).toMatchObject({ name: 'ModelUnavailableError', code: 'ThrottlingException', retryable: true });
    expect(invalid).toBeInstanceOf(ModelRequestError);
    expect(invalid).toMatchObject({ name: 'ModelRequestError', code: 'ValidationException', retryable: false });
  });

  it('types an exception in the middle of a stream as retryable, after the deltas already passed on', async () => {
    // Prepare
    async function* broken(): AsyncGenerator<ConverseStreamOutput> {
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Half' } } };
      throw new ModelStreamErrorException({ message: 'stream broke', $metadata: {} });
    }
    sdk.on(ConverseStreamCommand).resolves({ stream: broken() });
    const seen: ConverseStreamEvent[] = [];

    // Act
    const error = await (async () => {
      for await (const event of model.converseStream(request)) seen.push(event);
    })().catch((e: unknown) => e);

    // Assess
    expect(seen).toEqual([{ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Half' } } }]);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ code: 'ModelStreamErrorException' });
  });

  it('types a stream that ends before messageStop as retryable', async () => {
    // Prepare
    sdk.on(ConverseStreamCommand).resolves({ stream: events({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Cut' } } }) });

    // Act
    const error = await drain(model.converseStream(request)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ code: 'TruncatedStream' });
  });

  it('types a context-window overflow as permanent and malformed tool input as retryable', async () => {
    // Prepare
    sdk.on(ConverseCommand).resolves({ output: { message: { role: 'assistant', content: [] } }, stopReason: 'model_context_window_exceeded', usage: { inputTokens: 1, outputTokens: 0, totalTokens: 1 } });
    sdk.on(ConverseStreamCommand).resolves({
      stream: events(
        { contentBlockStart: { contentBlockIndex: 0, start: { toolUse: { toolUseId: 't', name: 'search_knowledge' } } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"query":' } } } },
        { messageStop: { stopReason: 'tool_use' } },
      ),
    });

    // Act
    const overflow = await model.converse(request).catch((e: unknown) => e);
    const malformed = await drain(model.converseStream(request)).catch((e: unknown) => e);

    // Assess
    expect(overflow).toBeInstanceOf(ModelRequestError);
    expect(malformed).toBeInstanceOf(ModelUnavailableError);
    expect(malformed).toMatchObject({ code: 'MalformedToolInput' });
  });

  it('types a network failure as retryable', async () => {
    // Prepare
    sdk.on(ConverseCommand).rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));

    // Act
    const error = await model.converse(request).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
