/**
 * The local Bedrock server with the REAL Bedrock adapters: the models container of a base built
 * from the laptop cloud's environment calls the server the global setup started, over HTTP, with
 * the production SDK clients (Converse, ConverseStream's event stream, InvokeModel for Titan v2,
 * Agent Runtime's Rerank). Scripts make the model answer exactly; without one, the local models do.
 * Every test matches on its own random token (the server is shared by every test file).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ModelRequestError, ModelUnavailableError } from '../../../shared/adapters/bedrock/errors.js';
import { embedText } from '../../../shared/adapters/local-model/local-embedder.js';
import { localModelReplies } from '../../../shared/adapters/local-model/local-language-model.js';
import { invocationModelId, modelForTier } from '../../../shared/domain/ai-models.js';
import type { ConverseRequest, ConverseResult, ConverseStreamEvent, LanguageModel } from '../../../shared/ports/language-model.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { buildBase } from '../../../shared/runtime/containers/base.js';
import { embedder, languageModels, reranker } from '../../../shared/runtime/containers/models.js';
import { fakeBedrock } from '../../helpers/fake-bedrock.js';

const base = buildBase(loadConfig(process.env));
const bedrock = fakeBedrock();

function question(text: string, extra: Partial<ConverseRequest> = {}): ConverseRequest {
  return { system: 'You are the support assistant of a shop.', messages: [{ role: 'user', content: [{ text }] }], maxTokens: 300, ...extra };
}

async function collect(model: LanguageModel, request: ConverseRequest): Promise<{ deltas: string[]; result: ConverseResult; events: ConverseStreamEvent[] }> {
  const events: ConverseStreamEvent[] = [];
  for await (const event of model.converseStream(request)) events.push(event);
  const deltas = events.flatMap((e) => (e.contentBlockDelta ? [e.contentBlockDelta.delta.text] : []));
  const last = events.at(-1);
  if (!last?.result) throw new Error('the stream did not end with a result');
  return { deltas, result: last.result, events };
}

const searchTool = {
  name: 'search_knowledge',
  description: 'Search the knowledge base.',
  inputSchema: { json: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
} as const;

describe('the local Bedrock server behind the real Bedrock adapters', () => {
  it('configures the laptop for the Bedrock adapters against the local server', () => {
    // Prepare / Act
    const ai = base.config.ai;

    // Assess
    expect(ai.provider).toBe('bedrock');
    expect(ai.bedrockEndpoint).toBe(bedrock.url);
    expect(languageModels(base).small.modelId).toBe(invocationModelId(modelForTier('small'), ai.bedrockRegion));
  });

  it('answers Converse with the local model by default, recording the model id and body', async () => {
    // Prepare
    const token = randomUUID();
    const request = { ...question('How long do refunds take? <document>Refunds take 5 business days to arrive. Shipping is free.</document>'), system: `You are the support assistant of a shop. ${token}` };

    // Act
    const result = await languageModels(base).small.converse(request);

    // Assess
    expect(result.content).toEqual([{ text: 'Refunds take 5 business days to arrive.' }]);
    expect(result.stopReason).toBe('end_turn');
    expect(result.usage.inputTokens).toBeGreaterThan(10);
    expect(result.modelId).toBe(languageModels(base).small.modelId);
    const [recorded] = await bedrock.requests(token);
    expect(recorded?.operation).toBe('converse');
    expect(recorded?.modelId).toBe(languageModels(base).small.modelId);
    expect(recorded?.body).toMatchObject({ system: [{ text: `You are the support assistant of a shop. ${token}` }], inferenceConfig: { maxTokens: 300 } });
  });

  it('streams a scripted answer as text deltas that add up to the final text, with the scripted usage', async () => {
    // Prepare
    const token = randomUUID();
    await bedrock.script(token, [{ text: 'Your parcel left our warehouse on Monday.', usage: { inputTokens: 812, outputTokens: 11 } }]);

    // Act
    const { deltas, result, events } = await collect(languageModels(base).mid, question(`Where is my parcel? ${token}`));

    // Assess
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('Your parcel left our warehouse on Monday.');
    expect(events.filter((e) => e.result)).toHaveLength(1);
    expect(result).toEqual({
      content: [{ text: 'Your parcel left our warehouse on Monday.' }],
      stopReason: 'end_turn',
      usage: { inputTokens: 812, outputTokens: 11 },
      modelId: languageModels(base).mid.modelId,
    });
  });

  it('streams a tool use assembled from partial JSON, then answers the tool result (a round trip)', async () => {
    // Prepare
    const token = randomUUID();
    await bedrock.script(token, [
      { text: 'Let me look that up.', toolUse: { name: 'search_knowledge', input: { query: 'return window for shoes', limit: 3 } } },
      { text: 'You can return shoes within 30 days.' },
    ]);
    const first = question(`Can I return shoes? ${token}`, { tools: [searchTool] });

    // Act
    const round1 = await collect(languageModels(base).small, first);
    const toolUse = round1.result.content.find((b) => b.toolUse)?.toolUse;
    const round2 = await collect(languageModels(base).small, {
      ...first,
      messages: [
        ...first.messages,
        { role: 'assistant', content: round1.result.content },
        { role: 'user', content: [{ toolResult: { toolUseId: toolUse?.toolUseId ?? '', content: [{ json: { hits: [{ text: 'Shoes: 30 days.' }] } }] } }] },
      ],
    });

    // Assess
    expect(round1.result.stopReason).toBe('tool_use');
    expect(round1.deltas.join('')).toBe('Let me look that up.');
    expect(round1.result.content).toEqual([
      { text: 'Let me look that up.' },
      { toolUse: { toolUseId: expect.stringMatching(/^tooluse_/), name: 'search_knowledge', input: { query: 'return window for shoes', limit: 3 } } },
    ]);
    expect(round2.result.content).toEqual([{ text: 'You can return shoes within 30 days.' }]);
    const recorded = await bedrock.requests(token);
    expect(recorded.map((r) => r.operation)).toEqual(['converse-stream', 'converse-stream']);
    expect(recorded[1]?.body).toMatchObject({
      toolConfig: { tools: [{ toolSpec: { name: 'search_knowledge' } }] },
      messages: [
        { role: 'user' },
        { role: 'assistant', content: [{ text: 'Let me look that up.' }, { toolUse: { name: 'search_knowledge' } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: toolUse?.toolUseId, content: [{ json: { hits: [{ text: 'Shoes: 30 days.' }] } }] } }] },
      ],
    });
  });

  it('turns throttling and server errors into a retryable error and validation into a permanent one', async () => {
    // Prepare
    const token = randomUUID();
    await bedrock.script(token, [
      { status: 429, message: 'Too many requests' },
      { status: 500, message: 'Internal failure' },
      { status: 400, message: 'Malformed input request' },
    ]);
    const model = languageModels(base).premium;

    // Act
    const throttled = await model.converse(question(`hello ${token}`)).catch((e: unknown) => e);
    const failed = await collect(model, question(`hello ${token}`)).catch((e: unknown) => e);
    const invalid = await model.converse(question(`hello ${token}`)).catch((e: unknown) => e);

    // Assess
    expect(throttled).toBeInstanceOf(ModelUnavailableError);
    expect(throttled).toMatchObject({ code: 'ThrottlingException', retryable: true });
    expect(failed).toBeInstanceOf(ModelUnavailableError);
    expect(failed).toMatchObject({ code: 'InternalServerException' });
    expect(invalid).toBeInstanceOf(ModelRequestError);
    expect(invalid).toMatchObject({ code: 'ValidationException', retryable: false });
    expect((await bedrock.requests(token)).map((r) => r.status)).toEqual([429, 500, 400]);
  });

  it('fails a stream midway with a scripted status: the deltas arrive, then a retryable error', async () => {
    // Prepare
    const token = randomUUID();
    await bedrock.script(token, [{ text: 'The first half of', status: 503, message: 'capacity' }]);
    const seen: ConverseStreamEvent[] = [];

    // Act
    const error = await (async () => {
      for await (const event of languageModels(base).small.converseStream(question(`tell me ${token}`))) seen.push(event);
    })().catch((e: unknown) => e);

    // Assess
    expect(seen.map((e) => e.contentBlockDelta?.delta.text).join('')).toBe('The first half of');
    expect(seen.some((e) => e.result)).toBe(false);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ code: 'ServiceUnavailableException' });
  });

  it('delays a scripted answer by delayMs', async () => {
    // Prepare
    const token = randomUUID();
    await bedrock.script(token, [{ text: 'Sorry for the wait.', delayMs: 300 }]);
    const startedAt = Date.now();

    // Act
    const result = await languageModels(base).small.converse(question(`anyone there? ${token}`));

    // Assess
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(result.content).toEqual([{ text: 'Sorry for the wait.' }]);
  });

  it('honours a forced tool with the local model: record_summary quotes the customer', async () => {
    // Prepare
    const token = randomUUID();
    const summaryTool = { name: 'record_summary', description: 'Record a summary.', inputSchema: { json: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] } } };
    const request: ConverseRequest = {
      system: 'Summarise the conversation for the agent.',
      messages: [
        { role: 'user', content: [{ text: `My order ${token} arrived broken.` }] },
        { role: 'assistant', content: [{ text: 'I am sorry to hear that.' }] },
        { role: 'user', content: [{ text: 'I want a refund please.' }] },
      ],
      tools: [summaryTool],
      toolChoice: { tool: 'record_summary' },
      maxTokens: 200,
    };

    // Act
    const result = await languageModels(base).small.converse(request);

    // Assess
    expect(result.stopReason).toBe('tool_use');
    expect(result.content[0]?.toolUse?.name).toBe('record_summary');
    expect(result.content[0]?.toolUse?.input).toEqual({ summary: `The customer wrote: "My order ${token} arrived broken."; "I want a refund please.".` });
    const [recorded] = await bedrock.requests(token);
    expect(recorded?.body).toMatchObject({ toolConfig: { toolChoice: { tool: { name: 'record_summary' } } } });
  });

  it('carries image blocks as bytes (the local model says it cannot see an image sent alone)', async () => {
    // Prepare
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const token = randomUUID();
    const request: ConverseRequest = { system: token, messages: [{ role: 'user', content: [{ image: { format: 'png', bytes } }] }], maxTokens: 100 };

    // Act
    const result = await languageModels(base).vision.converse(request);

    // Assess
    expect(result.content).toEqual([{ text: localModelReplies.cannotSeeImages }]);
    const [recorded] = await bedrock.requests(token);
    expect(recorded?.body).toMatchObject({ messages: [{ content: [{ image: { format: 'png', source: { bytes: Buffer.from(bytes).toString('base64') } } }] }] });
  });

  it('embeds with Titan v2 InvokeModel at the configured dimensions and reports the tokens', async () => {
    // Prepare
    const model = embedder(base);
    const texts = ['How do I get a refund?', '', 'Shipping to Norway takes four days.'];

    // Act
    const { vectors, inputTokens } = await model.embedWithUsage!(texts);

    // Assess
    expect(model.dimensions).toBe(base.config.ai.embeddingDimensions);
    expect(vectors.map((v) => v.length)).toEqual([model.dimensions, model.dimensions, model.dimensions]);
    expect(vectors[0]).toEqual(embedText(texts[0]!, model.dimensions));
    expect(vectors[1]!.every((n) => n === 0)).toBe(true);
    expect(inputTokens).toBe(Math.ceil(texts[0]!.length / 4) + Math.ceil(texts[2]!.length / 4));
    const recorded = await bedrock.requests('Shipping to Norway', 'invoke');
    expect(recorded.at(-1)).toMatchObject({ modelId: 'amazon.titan-embed-text-v2:0', body: { inputText: texts[2], dimensions: model.dimensions, normalize: true } });
  });

  it('reranks with Agent Runtime Rerank, most relevant first', async () => {
    // Prepare
    const documents = ['Our stores open at nine.', 'Refunds are paid back to your card within five days.', 'Gift cards never expire.'];

    // Act
    const results = await reranker(base).rerank('when do I get my refund', documents, 2);

    // Assess
    expect(results).toHaveLength(2);
    expect(results[0]?.index).toBe(1);
    expect(results[0]!.relevance).toBeGreaterThan(results[1]!.relevance);
    const recorded = await bedrock.requests('when do I get my refund', 'rerank');
    expect(recorded.at(-1)?.modelId).toBe(base.config.ai.rerankModelArn);
  });

  it('refuses a malformed script on its control API and can drop unplayed steps', async () => {
    // Prepare
    const token = randomUUID();

    // Act
    const refused = await fetch(`${bedrock.url}/__scripts`, { method: 'POST', body: JSON.stringify({ match: token, steps: [{ status: 418 }] }) });
    await bedrock.script(token, [{ text: 'one' }, { text: 'two' }]);
    const dropped = await bedrock.clear(token);

    // Assess
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ message: expect.stringContaining('status must be one of') });
    expect(dropped).toBe(2);
  });
});
