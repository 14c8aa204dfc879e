/**
 * The language-model port ↔ Bedrock Converse shapes — layer: adapters.
 *
 * Pure mapping, no I/O: the port's request becomes a ConverseCommand input (system as one text
 * block, tools wrapped as `{ toolSpec }` in `toolConfig` with the tool choice, images as bytes),
 * and Converse's output becomes the port's blocks, stop reason and usage.
 */
import type {
  ContentBlock as BedrockBlock, ConverseCommandInput, Message, StopReason as BedrockStopReason, Tool, ToolChoice as BedrockToolChoice,
  ToolResultContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import type { ContentBlock, ConverseRequest, JsonValue, StopReason, ToolChoice } from '../../ports/language-model.js';
import { ModelRequestError, ModelUnavailableError } from './errors.js';

function toBedrockBlock(block: ContentBlock): BedrockBlock {
  if (block.text !== undefined) return { text: block.text };
  if (block.image !== undefined) return { image: { format: block.image.format, source: { bytes: block.image.bytes } } };
  if (block.toolUse !== undefined) {
    return { toolUse: { toolUseId: block.toolUse.toolUseId, name: block.toolUse.name, input: block.toolUse.input as DocumentType } };
  }
  const content = block.toolResult.content.map((part): ToolResultContentBlock =>
    part.text !== undefined ? { text: part.text } : { json: part.json as DocumentType });
  return {
    toolResult: {
      toolUseId: block.toolResult.toolUseId,
      content,
      ...(block.toolResult.status ? { status: block.toolResult.status } : {}),
    },
  };
}

function toBedrockToolChoice(choice: ToolChoice): BedrockToolChoice {
  if (choice === 'auto') return { auto: {} };
  if (choice === 'any') return { any: {} };
  return { tool: { name: choice.tool } };
}

/** The ConverseCommand / ConverseStreamCommand input for a port request. */
export function toConverseInput(modelId: string, request: ConverseRequest): ConverseCommandInput {
  const messages: Message[] = request.messages.map((message) => ({ role: message.role, content: message.content.map(toBedrockBlock) }));
  const tools: Tool[] = (request.tools ?? []).map((tool) => ({
    toolSpec: { name: tool.name, description: tool.description, inputSchema: { json: tool.inputSchema.json as DocumentType } },
  }));
  return {
    modelId,
    messages,
    // Bedrock refuses an empty text block: no system prompt, no system list.
    ...(request.system.trim() === '' ? {} : { system: [{ text: request.system }] }),
    inferenceConfig: { maxTokens: request.maxTokens, ...(request.temperature === undefined ? {} : { temperature: request.temperature }) },
    ...(tools.length === 0 ? {} : { toolConfig: { tools, ...(request.toolChoice ? { toolChoice: toBedrockToolChoice(request.toolChoice) } : {}) } }),
  };
}

/** The port's blocks of a Converse output message (reasoning, citations and other blocks are dropped). */
export function fromBedrockBlocks(blocks: readonly BedrockBlock[]): ContentBlock[] {
  return blocks.flatMap((block): ContentBlock[] => {
    if (block.text !== undefined) return [{ text: block.text }];
    if (block.toolUse !== undefined) {
      return [{ toolUse: { toolUseId: block.toolUse.toolUseId ?? '', name: block.toolUse.name ?? '', input: (block.toolUse.input ?? {}) as JsonValue } }];
    }
    return [];
  });
}

/**
 * The port's stop reason for Bedrock's. `stop_sequence`, `content_filtered` and
 * `guardrail_intervened` end the answer (`end_turn`); a context overflow is a request error
 * (the same request overflows again); malformed model output may not repeat, so it is retryable.
 */
export function fromBedrockStopReason(reason: BedrockStopReason | string | undefined, what: string): StopReason {
  switch (reason) {
    case 'tool_use': return 'tool_use';
    case 'max_tokens': return 'max_tokens';
    case 'end_turn':
    case 'stop_sequence':
    case 'content_filtered':
    case 'guardrail_intervened':
      return 'end_turn';
    case 'model_context_window_exceeded':
      throw new ModelRequestError(`${what}: the request does not fit the model's context window`, 'ModelContextWindowExceeded');
    case 'malformed_model_output':
    case 'malformed_tool_use':
      throw new ModelUnavailableError(`${what}: the model produced malformed output (${reason})`, 'MalformedModelOutput');
    default:
      throw new ModelUnavailableError(`${what}: the answer ended without a known stop reason (${String(reason)})`, 'MissingStopReason');
  }
}
