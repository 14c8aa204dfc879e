/**
 * Bedrock Runtime's wire shapes, server side — layer: infra (the local Bedrock server).
 *
 * Reads a Converse / ConverseStream request body (restJson1: the JSON the SDK sends, blobs as
 * base64) into the language-model port's request, and writes a port result back as Converse's
 * response JSON and as ConverseStream's events (the `:event-type` name and the JSON payload of
 * each), so the local server can answer with any `LanguageModel` behind it.
 */
import type {
  ContentBlock, ConversationMessage, ConverseRequest, ConverseResult, ImageFormat, JsonObject, JsonValue,
  StopReason, ToolChoice, ToolResultContent, ToolSpec,
} from '../../shared/ports/language-model.js';

/** A request body Bedrock would refuse with a ValidationException. */
export class BedrockWireValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BedrockWireValidationError';
  }
}

/** One ConverseStream event: its `:event-type` and JSON payload. */
export interface WireStreamEvent {
  readonly type: 'messageStart' | 'contentBlockStart' | 'contentBlockDelta' | 'contentBlockStop' | 'messageStop' | 'metadata';
  readonly payload: JsonObject;
}

/** Bedrock's default `maxTokens` when the request has no inferenceConfig.maxTokens. */
const defaultMaxTokens = 1_024;
const imageFormats: ReadonlySet<string> = new Set(['png', 'jpeg', 'gif', 'webp']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new BedrockWireValidationError(message);
}

function readToolResultContent(part: unknown): ToolResultContent {
  if (isObject(part) && typeof part.text === 'string') return { text: part.text };
  if (isObject(part) && 'json' in part) return { json: part.json as JsonValue };
  return fail('toolResult content blocks must be text or json');
}

function readBlock(block: unknown, role: string): ContentBlock | undefined {
  if (!isObject(block)) fail('content blocks must be objects');
  if (typeof block.text === 'string') return { text: block.text };
  if (isObject(block.image)) {
    if (role !== 'user') fail('image blocks are allowed in user messages only');
    const format = String(block.image.format);
    const source = block.image.source;
    if (!imageFormats.has(format)) fail(`image format must be png, jpeg, gif or webp (got ${format})`);
    if (!isObject(source) || typeof source.bytes !== 'string') fail('image source.bytes must be base64');
    return { image: { format: format as ImageFormat, bytes: new Uint8Array(Buffer.from(source.bytes, 'base64')) } };
  }
  if (isObject(block.toolUse)) {
    const { toolUseId, name, input } = block.toolUse;
    if (typeof toolUseId !== 'string' || typeof name !== 'string') fail('toolUse needs toolUseId and name');
    return { toolUse: { toolUseId, name, input: (input ?? {}) as JsonValue } };
  }
  if (isObject(block.toolResult)) {
    const { toolUseId, content, status } = block.toolResult;
    if (typeof toolUseId !== 'string' || !Array.isArray(content)) fail('toolResult needs toolUseId and content');
    return {
      toolResult: {
        toolUseId,
        content: content.map(readToolResultContent),
        ...(status === 'success' || status === 'error' ? { status } : {}),
      },
    };
  }
  // cachePoint, guardContent, documents, reasoning: not used by Switchboard, skipped.
  return undefined;
}

function readToolChoice(choice: unknown): ToolChoice | undefined {
  if (!isObject(choice)) return undefined;
  if (isObject(choice.tool) && typeof choice.tool.name === 'string') return { tool: choice.tool.name };
  if ('any' in choice) return 'any';
  if ('auto' in choice) return 'auto';
  return fail('toolChoice must be auto, any or tool');
}

/**
 * The port request in a Converse / ConverseStream body.
 *
 * @throws BedrockWireValidationError where Bedrock answers 400 ValidationException.
 */
export function readConverseBody(body: unknown): ConverseRequest {
  if (!isObject(body)) fail('the body must be a JSON object');
  if (!Array.isArray(body.messages) || body.messages.length === 0) fail('messages must be a non-empty list');
  const messages: ConversationMessage[] = body.messages.map((message: unknown) => {
    if (!isObject(message) || (message.role !== 'user' && message.role !== 'assistant') || !Array.isArray(message.content)) {
      fail('each message needs a role (user or assistant) and a content list');
    }
    const role = message.role;
    const content = message.content.flatMap((block: unknown) => readBlock(block, role) ?? []);
    return { role, content };
  });
  if (messages[0]?.role !== 'user') fail('a conversation must start with a user message');
  const system = Array.isArray(body.system)
    ? body.system.flatMap((block: unknown) => (isObject(block) && typeof block.text === 'string' ? [block.text] : [])).join('\n')
    : '';
  const inference = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
  const maxTokens = inference.maxTokens === undefined ? defaultMaxTokens : Number(inference.maxTokens);
  const toolConfig = isObject(body.toolConfig) ? body.toolConfig : undefined;
  const tools: ToolSpec[] = Array.isArray(toolConfig?.tools)
    ? toolConfig.tools.flatMap((tool: unknown) => {
        if (!isObject(tool) || !isObject(tool.toolSpec)) return [];
        const spec = tool.toolSpec;
        const schema = isObject(spec.inputSchema) && isObject(spec.inputSchema.json) ? spec.inputSchema.json as JsonObject : {};
        return [{ name: String(spec.name), description: String(spec.description ?? ''), inputSchema: { json: schema } }];
      })
    : [];
  const toolChoice = readToolChoice(toolConfig?.toolChoice);
  if (toolChoice !== undefined && tools.length === 0) fail('toolChoice needs tools');
  return {
    system,
    messages,
    maxTokens,
    ...(typeof inference.temperature === 'number' ? { temperature: inference.temperature } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolChoice !== undefined ? { toolChoice } : {}),
  };
}

/** The text of the last user message that has text (tool-result messages have none). */
export function lastUserText(body: unknown): string {
  if (!isObject(body) || !Array.isArray(body.messages)) return '';
  for (let i = body.messages.length - 1; i >= 0; i -= 1) {
    const message: unknown = body.messages[i];
    if (!isObject(message) || message.role !== 'user' || !Array.isArray(message.content)) continue;
    const text = message.content.flatMap((block: unknown) => (isObject(block) && typeof block.text === 'string' ? [block.text] : [])).join('\n');
    if (text.trim() !== '') return text;
  }
  return '';
}

function writeBlock(block: ContentBlock): JsonObject {
  if (block.text !== undefined) return { text: block.text };
  if (block.toolUse !== undefined) return { toolUse: { toolUseId: block.toolUse.toolUseId, name: block.toolUse.name, input: block.toolUse.input } };
  if (block.image !== undefined) return { image: { format: block.image.format, source: { bytes: Buffer.from(block.image.bytes).toString('base64') } } };
  return { toolResult: { toolUseId: block.toolResult.toolUseId, content: block.toolResult.content as unknown as JsonValue[] } };
}

function usageOf(result: ConverseResult): JsonObject {
  const { inputTokens, outputTokens } = result.usage;
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/** Converse's response JSON for a result. */
export function converseResponse(result: ConverseResult, latencyMs: number): JsonObject {
  return {
    output: { message: { role: 'assistant', content: result.content.map(writeBlock) } },
    stopReason: result.stopReason satisfies StopReason,
    usage: usageOf(result),
    metrics: { latencyMs },
  };
}

/** Splits text into word-sized pieces (each with its trailing space), as a model streams. */
export function textPieces(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

/** Splits serialized JSON into a few pieces, as Bedrock streams a tool's input. */
function jsonPieces(json: string): string[] {
  const size = Math.max(1, Math.ceil(json.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += size) pieces.push(json.slice(i, i + size));
  return pieces.length === 0 ? ['{}'] : pieces;
}

/**
 * ConverseStream's events for a result, in Bedrock's order: messageStart; per block
 * (contentBlockStart for a tool use) contentBlockDelta… contentBlockStop; messageStop; metadata.
 */
export function streamEvents(result: ConverseResult, latencyMs: number): WireStreamEvent[] {
  const events: WireStreamEvent[] = [{ type: 'messageStart', payload: { role: 'assistant' } }];
  result.content.forEach((block, contentBlockIndex) => {
    if (block.text !== undefined) {
      for (const text of textPieces(block.text)) events.push({ type: 'contentBlockDelta', payload: { contentBlockIndex, delta: { text } } });
    } else if (block.toolUse !== undefined) {
      events.push({ type: 'contentBlockStart', payload: { contentBlockIndex, start: { toolUse: { toolUseId: block.toolUse.toolUseId, name: block.toolUse.name } } } });
      for (const input of jsonPieces(JSON.stringify(block.toolUse.input))) {
        events.push({ type: 'contentBlockDelta', payload: { contentBlockIndex, delta: { toolUse: { input } } } });
      }
    } else {
      return;
    }
    events.push({ type: 'contentBlockStop', payload: { contentBlockIndex } });
  });
  events.push({ type: 'messageStop', payload: { stopReason: result.stopReason } });
  events.push({ type: 'metadata', payload: { usage: usageOf(result), metrics: { latencyMs } } });
  return events;
}
