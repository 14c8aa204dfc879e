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
 *   2. Else, when `search_knowledge` is offered, no tool has answered since the question, and the
 *      `<document>` spans it was given (system prompt, question) do not answer the question, it
 *      calls `search_knowledge` with `{ query: <the question> }`.
 *   3. Else, after a `handoff_to_human` result, it tells the customer a person will reply.
 *   4. Else it answers from the passages: the tool results since the question (text parts, and
 *      the `text` fields of JSON parts — the shape of a search hit) and any
 *      `<document>…</document>` spans in the system prompt or the question; the sentences sharing
 *      the most words with the question, verbatim. With no relevant sentence, it says so plainly.
 * `toolChoice` is honoured: `{ tool }` always calls that tool (a forced `record_summary` gets
 * `{ summary }` built from the customer's own messages, quoted, never invented; other tools get
 * their required string fields filled with the question), `any` calls a tool when it would
 * otherwise answer in text. Images cannot be read: a message with only images gets
 * {@link localModelReplies.cannotSeeImages}; next to a text question they are ignored.
 * `temperature` is ignored: the same request always gets the same reply.
 */
import type {
  ContentBlock, ConversationMessage, ConverseRequest, ConverseResult, ConverseStreamEvent, JsonObject, JsonValue,
  LanguageModel, StopReason, ToolResult,
} from '../../ports/language-model.js';
import { LocalModelRequestError } from './errors.js';
import { extractAnswer } from './extractive-answer.js';
import { fnv1a32, words } from './text.js';
import { contentChars, estimateTokens, requestChars } from './token-estimate.js';
import { localLanguageModelId } from './model-ids.js';

/** The model id the local model reports. */
export { localLanguageModelId };

/** The tool names the local model knows how to use (the AI agent's tools of the same names). */
export const localModelTools = { searchKnowledge: 'search_knowledge', handoffToHuman: 'handoff_to_human', recordSummary: 'record_summary' } as const;

/** The fixed replies of the local model, for the cases with nothing to quote. */
export const localModelReplies = {
  notFound: 'I could not find this in our knowledge base.',
  handoff: 'I am passing you to a member of our team. They will reply here shortly.',
  handoffFailed: 'I could not reach a member of our team just now. Please try again in a moment.',
  cannotSeeImages: 'I cannot see images. Could you describe in words what the picture shows?',
} as const;

/** The most characters of customer text a forced `record_summary` quotes. */
const maxSummaryChars = 600;

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

/** The customer's words in a user message's text (quoted documents removed). */
function customerText(message: ConversationMessage): string {
  return textOf(message).replace(documentSpan, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * `{ summary }` for a forced `record_summary`: the customer's messages, quoted in order (the
 * latest kept when they are too long), so the summary says only what the customer said.
 */
function summaryInput(request: ConverseRequest): JsonObject {
  const said = request.messages.filter((m) => m.role === 'user').map(customerText).filter((text) => text !== '');
  const kept: string[] = [];
  let length = 0;
  for (const text of [...said].reverse()) {
    const quoted = `"${text.length > 200 ? `${text.slice(0, 199)}…` : text}"`;
    if (kept.length > 0 && length + quoted.length > maxSummaryChars) break;
    kept.unshift(quoted);
    length += quoted.length + 2;
  }
  return { summary: kept.length === 0 ? 'The customer has not written anything yet.' : `The customer wrote: ${kept.join('; ')}.` };
}

/** The input of a tool the request forces (or that `any` makes the model call). */
function forcedInput(request: ConverseRequest, name: string, question: string): JsonValue {
  if (name === localModelTools.recordSummary) return summaryInput(request);
  if (name === localModelTools.handoffToHuman) return localHandoffInput;
  if (name === localModelTools.searchKnowledge) return { query: question };
  const schema = request.tools?.find((tool) => tool.name === name)?.inputSchema.json;
  const required = Array.isArray(schema?.required) ? schema.required : [];
  const properties = (schema?.properties ?? {}) as JsonObject;
  const input: Record<string, JsonValue> = {};
  for (const field of required) {
    if (typeof field !== 'string') continue;
    const type = (properties[field] as JsonObject | undefined)?.type;
    if (type === undefined || type === 'string') input[field] = question;
  }
  return input;
}

function decide(request: ConverseRequest): Decision {
  const decided = decideFreely(request);
  const choice = request.toolChoice ?? 'auto';
  if (choice === 'auto' || (choice === 'any' && decided.kind === 'tool')) return decided;
  const lastAt = request.messages.findLastIndex((m) => m.role === 'user' && customerText(m) !== '');
  const question = lastAt < 0 ? '' : customerText(request.messages[lastAt]!);
  const offered = (request.tools ?? []).map((tool) => tool.name);
  if (choice === 'any') {
    const name = offered.includes(localModelTools.searchKnowledge) ? localModelTools.searchKnowledge : offered[0];
    if (name === undefined) throw new LocalModelRequestError('toolChoice any needs at least one tool');
    return { kind: 'tool', name, input: forcedInput(request, name, question) };
  }
  if (!offered.includes(choice.tool)) throw new LocalModelRequestError(`toolChoice names ${choice.tool}, which is not among the tools`);
  return { kind: 'tool', name: choice.tool, input: forcedInput(request, choice.tool, question) };
}

function decideFreely(request: ConverseRequest): Decision {
  const lastCustomerAt = request.messages.findLastIndex((m) => m.role === 'user' && m.content.some((b) => b.image !== undefined || (b.text ?? '').trim() !== ''));
  const lastCustomer = request.messages[lastCustomerAt];
  if (lastCustomer !== undefined && textOf(lastCustomer).trim() === '') return { kind: 'text', text: localModelReplies.cannotSeeImages };
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
    // Like a model reading its prompt: passages it was given that answer the question make a search unnecessary.
    const given = [...documentsIn(request.system), ...documentsIn(questionText)];
    if (offered.has(localModelTools.searchKnowledge) && extractAnswer(question, given) === undefined) {
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
