/**
 * Token estimates — layer: adapters (the local language model's usage figures).
 *
 * The local model has no tokenizer; it reports ceil(characters / 4), the usual rule of thumb for
 * English with BPE tokenizers, so cost and token budgets can be exercised on the laptop. Tool
 * inputs and JSON tool results count as their JSON text, tools as name, description and schema.
 */
import type { ContentBlock, ConverseRequest, ToolResultContent } from '../../ports/language-model.js';

/**
 * Tokens counted for one image. The local model cannot see images; Bedrock's vision models bill
 * roughly (width × height) / 750 tokens, about 1,600 for a 1,092 × 1,092 picture — the figure used.
 */
export const imageTokens = 1_600;

/** Tokens for a number of characters: ceil(chars / 4). */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function toolResultChars(part: ToolResultContent): number {
  return part.text !== undefined ? part.text.length : JSON.stringify(part.json).length;
}

/** The characters of some content blocks, as the model would read them. */
export function contentChars(blocks: readonly ContentBlock[]): number {
  let chars = 0;
  for (const block of blocks) {
    if (block.text !== undefined) chars += block.text.length;
    else if (block.image !== undefined) chars += imageTokens * 4;
    else if (block.toolUse !== undefined) chars += block.toolUse.name.length + JSON.stringify(block.toolUse.input).length;
    else for (const part of block.toolResult.content) chars += toolResultChars(part);
  }
  return chars;
}

/** The characters of a whole request: system prompt, every message, every tool spec. */
export function requestChars(request: ConverseRequest): number {
  let chars = request.system.length;
  for (const message of request.messages) chars += contentChars(message.content);
  for (const tool of request.tools ?? []) {
    chars += tool.name.length + tool.description.length + JSON.stringify(tool.inputSchema.json).length;
  }
  return chars;
}
