/**
 * Local language model — layer: adapters (the laptop's LanguageModel; Bedrock's stand-in).
 *
 * Honest about what it is: a deterministic, extractive stand-in, not a generative model. It
 * follows the Converse tool protocol the AI turn relies on, and answers only with sentences
 * copied from passages present in the request, so the whole AI flow (tool calls, retrieval,
 * hand-off, streaming, token accounting) runs on a laptop without model weights or a network.
 *
 * Primary course, for the last user question in the request:
 *   1. When `handoff_to_human` is offered, no tool has answered since the question, and the
 *      question asks for a person ("human", "agent", "person", "representative"), it calls
 *      `handoff_to_human`.
 *   2. Else, when `search_knowledge` is offered and no tool has answered since the question, it
 *      calls `search_knowledge` with `{ query: <the question> }`.
 *   3. Else, after a `handoff_to_human` result, it tells the customer a person will reply.
 *   4. Else it answers from the passages: the tool results since the question (text parts, and
 *      the `text` fields of JSON parts — the shape of a search hit) and any
 *      `<document>…</document>` spans in the system prompt or the question; the sentences sharing
 *      the most words with the question, verbatim. With no relevant sentence, it says so plainly.
 * `temperature` is ignored: the same request always gets the same reply.
 */
import type {
  ContentBlock, ConversationMessage, ConverseRequest, ConverseResult, ConverseStreamEvent, JsonValue,
  LanguageModel, StopReason, ToolResult,
} from '../../ports/language-model.js';
import { LocalModelRequestError } from './errors.js';
import { extractAnswer } from './extractive-answer.js';
import { fnv1a32, words } from './text.js';
import { contentChars, estimateTokens, requestChars } from './token-estimate.js';

/** The model id the local model reports. */
export const localLanguageModelId = 'local.extractive-v1';

/** The tool names the local model knows how to use (the AI agent's tools of the same names). */
export const localModelTools = { searchKnowledge: 'search_knowledge', handoffToHuman: 'handoff_to_human' } as const;

/** The fixed replies of the local model, for the cases with nothing to quote. */
export const localModelReplies = {
  notFound: 'I could not find this in our knowledge base.',
  handoff: 'I am passing you to a member of our team. They will reply here shortly.',
  handoffFailed: 'I could not reach a member of our team just now. Please try again in a moment.',
} as const;

/** The input the local model sends with `handoff_to_human`. */
export const localHandoffInput = { reason: 'The customer asked to talk to a person.' } as const;

/** Words by which a customer asks for a person rather than the bot. */
const personWords: ReadonlySet<string> = new Set([
  'human', 'humans', 'agent', 'agents', 'person', 'people', 'representative', 'representatives',
]);

const documentSpan = /<document\b[^>]*>([\s\S]*?)<\/document>/gi;

/** What the model decided to do. */
type Decision =
  | { readonly kind: 'tool'; readonly name: string; readonly input: JsonValue }
  | { readonly kind: 'text'; readonly text: string };

function validate(request: ConverseRequest): void {
  if (request.messages.length === 0) throw new LocalModelRequestError('messages must not be empty');
  if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1) {
    throw new LocalModelRequestError(`maxTokens must be a positive integer (got ${request.maxTokens})`);
  }
}

function textOf(message: ConversationMessage): string {
  return message.content.flatMap((block) => (block.text === undefined ? [] : [block.text])).join('\n');
}

function documentsIn(text: string): string[] {
  return [...text.matchAll(documentSpan)].map((match) => match[1] ?? '');
}

/** The string values of every `text` field in a JSON value, at any depth, in order. */
function textFields(value: JsonValue): string[] {
  if (Array.isArray(value)) return value.flatMap((item: JsonValue) => textFields(item));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'text' && typeof inner === 'string' ? [inner] : textFields(inner));
}

function passagesOf(result: ToolResult): string[] {
  return result.content.flatMap((part) => (part.text !== undefined ? [part.text] : textFields(part.json)));
}

/** A deterministic id in Bedrock's style: the same request gets the same id. */
function toolUseIdFor(request: ConverseRequest, name: string, input: JsonValue): string {
  const key = `${request.messages.length}:${name}:${JSON.stringify(input)}`;
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return `tooluse_${hex(fnv1a32(key, 1))}${hex(fnv1a32(key, 2))}`;
}

function decide(request: ConverseRequest): Decision {
  const questionAt = request.messages.findLastIndex((m) => m.role === 'user' && textOf(m).trim() !== '');
  const questionMessage = request.messages[questionAt];
  if (questionMessage === undefined) return { kind: 'text', text: localModelReplies.notFound };
  const questionText = textOf(questionMessage);
  const question = questionText.replace(documentSpan, ' ').trim();

  const since = request.messages.slice(questionAt + 1).flatMap((m) => m.content);
  const results = since.flatMap((block) => (block.toolResult === undefined ? [] : [block.toolResult]));
  const toolNames = new Map(since.flatMap((block) => (block.toolUse === undefined ? [] : [[block.toolUse.toolUseId, block.toolUse.name] as const])));
  const offered = new Set((request.tools ?? []).map((tool) => tool.name));

  if (results.length === 0) {
    if (offered.has(localModelTools.handoffToHuman) && words(question).some((word) => personWords.has(word))) {
      return { kind: 'tool', name: localModelTools.handoffToHuman, input: localHandoffInput };
    }
    if (offered.has(localModelTools.searchKnowledge)) {
      return { kind: 'tool', name: localModelTools.searchKnowledge, input: { query: question } };
    }
  }

  const handoff = results.find((result) => toolNames.get(result.toolUseId) === localModelTools.handoffToHuman);
  if (handoff !== undefined) {
    return { kind: 'text', text: handoff.status === 'error' ? localModelReplies.handoffFailed : localModelReplies.handoff };
  }

  const passages = [
    ...results.flatMap(passagesOf),
    ...documentsIn(request.system),
    ...documentsIn(questionText),
  ];
  return { kind: 'text', text: extractAnswer(question, passages) ?? localModelReplies.notFound };
}

/** Cuts text to whole words within `maxTokens` (estimated), as a real model stops mid-answer. */
function withinBudget(text: string, maxTokens: number): { text: string; stopReason: StopReason } {
  if (estimateTokens(text.length) <= maxTokens) return { text, stopReason: 'end_turn' };
  const maxChars = maxTokens * 4;
  let cut = '';
  for (const piece of text.match(/\S+\s*/g) ?? []) {
    if ((cut + piece).trimEnd().length > maxChars) break;
    cut += piece;
  }
  return { text: cut.trimEnd(), stopReason: 'max_tokens' };
}

function reply(request: ConverseRequest): ConverseResult {
  validate(request);
  const decision = decide(request);
  let content: ContentBlock[];
  let stopReason: StopReason;
  if (decision.kind === 'tool') {
    const toolUseId = toolUseIdFor(request, decision.name, decision.input);
    content = [{ toolUse: { toolUseId, name: decision.name, input: decision.input } }];
    stopReason = 'tool_use';
  } else {
    const budgeted = withinBudget(decision.text, request.maxTokens);
    content = [{ text: budgeted.text }];
    stopReason = budgeted.stopReason;
  }
  return {
    content,
    stopReason,
    usage: { inputTokens: estimateTokens(requestChars(request)), outputTokens: estimateTokens(contentChars(content)) },
    modelId: localLanguageModelId,
  };
}

/**
 * Creates the laptop's language model.
 *
 * @example
 * const model = createLocalLanguageModel();
 * const result = await model.converse({ system, messages, tools, maxTokens: 250 });
 * // result.stopReason === 'tool_use' → run result.content[0].toolUse, send back a toolResult
 */
export function createLocalLanguageModel(): LanguageModel {
  return {
    modelId: localLanguageModelId,
    async converse(request) {
      return reply(request);
    },
    async *converseStream(request): AsyncGenerator<ConverseStreamEvent> {
      const result = reply(request);
      for (const [contentBlockIndex, block] of result.content.entries()) {
        if (block.text === undefined) continue;
        // Word-sized deltas, each with its trailing space, so they concatenate to the block's text.
        for (const text of block.text.match(/\S+\s*/g) ?? []) {
          yield { contentBlockDelta: { contentBlockIndex, delta: { text } } };
        }
      }
      yield { result };
    },
  };
}
