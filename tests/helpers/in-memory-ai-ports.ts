/**
 * In-memory fakes for the AI turn's unit tests: the turn-state repository over the in-memory
 * conversations, a scripted language model, a canned retrieval, and the whole deps object.
 */
import { defaultAiSettings, type AiSettings } from '../../shared/domain/ai-settings.js';
import type { Citation, ModelTier } from '../../shared/domain/entities.js';
import type { AiTurnRepository } from '../../shared/ports/ai-turns.js';
import type { ContentBlock, ConverseRequest, ConverseResult, ConverseStreamEvent, LanguageModel, TokenUsage } from '../../shared/ports/language-model.js';
import type { ConversationChanges, ConversationRepository } from '../../shared/ports/repositories.js';
import type { SearchHit } from '../../shared/ports/search-index.js';
import { makeAnswerStreams } from '../../shared/services/ai/answer-stream.js';
import type { AiTurnDeps, RetrieveForTurn } from '../../shared/services/ai/deps.js';
import { makeSendBotMessage } from '../../shared/services/ai/send-bot-message.js';
import type { OutboundJob } from '../../shared/ports/job-queue.js';
import { memoryConnections, recordingPublisher } from './in-memory-ports.js';
import { memoryConversationPorts } from './in-memory-conversation-ports.js';

/** The turn-state writes over in-memory conversations, with the same conditions as DynamoDB. */
export function memoryAiTurns(conversations: ConversationRepository): AiTurnRepository {
  const write = (accountId: string, id: string, changes: Record<string, unknown>) =>
    conversations.update(accountId, id, changes as ConversationChanges, { at: '' });
  return {
    async claimTurn(accountId, conversationId, through) {
      const c = await conversations.get(accountId, conversationId);
      if (!c || c.handledBy !== 'bot' || (c.aiAnsweredThrough !== undefined && c.aiAnsweredThrough >= through)) return undefined;
      return write(accountId, conversationId, { aiAnsweredThrough: through });
    },
    async releaseTurn(accountId, conversationId, through, previous) {
      const c = await conversations.get(accountId, conversationId);
      if (c?.aiAnsweredThrough === through) await write(accountId, conversationId, { aiAnsweredThrough: previous ?? null });
    },
    async changeHandler(accountId, conversationId, change) {
      const c = await conversations.get(accountId, conversationId);
      if (!c || !change.from.includes(c.handledBy)) return undefined;
      return write(accountId, conversationId, {
        handledBy: change.to,
        ...(change.aiSummary !== undefined ? { aiSummary: change.aiSummary } : {}),
        ...(change.assignIfUnassigned !== undefined && c.assigneeId === undefined ? { assigneeId: change.assignIfUnassigned } : {}),
      });
    },
  };
}

/** One scripted reply: text (streamed in two pieces), a tool call, or an error. */
export type ScriptStep =
  | { readonly text: string; readonly usage?: TokenUsage }
  | { readonly toolUse: { readonly name: string; readonly input: unknown }; readonly text?: string; readonly usage?: TokenUsage }
  | { readonly error: string; readonly retryable?: boolean };

/** A language model that plays its script in order and records every request. */
export function scriptedModel(modelId: string, steps: ScriptStep[] = []) {
  const requests: ConverseRequest[] = [];
  let n = 0;
  function next(request: ConverseRequest): ConverseResult {
    requests.push(request);
    const step = steps.shift() ?? { text: 'Our return window is 30 days.' };
    if ('error' in step) throw Object.assign(new Error(step.error), { name: step.retryable ? 'ModelUnavailableError' : 'ModelRequestError', retryable: step.retryable === true });
    const usage = step.usage ?? { inputTokens: 1000, outputTokens: 100 };
    if ('toolUse' in step) {
      const content: ContentBlock[] = [...(step.text ? [{ text: step.text }] : []), { toolUse: { toolUseId: `tool-${++n}`, name: step.toolUse.name, input: step.toolUse.input as never } }];
      return { content, stopReason: 'tool_use', usage, modelId };
    }
    return { content: [{ text: step.text }], stopReason: 'end_turn', usage, modelId };
  }
  const model: LanguageModel & { requests: ConverseRequest[]; script: ScriptStep[] } = {
    modelId,
    requests,
    script: steps,
    async converse(request) {
      return next(request);
    },
    async *converseStream(request): AsyncIterable<ConverseStreamEvent> {
      const result = next(request);
      const text = result.content.find((b) => b.text)?.text ?? '';
      const half = Math.ceil(text.length / 2);
      for (const piece of [text.slice(0, half), text.slice(half)]) {
        if (piece) yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: piece } } };
      }
      yield { result };
    },
  };
  return model;
}

/** A search hit of a public document. */
export function aHit(overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    chunkId: 'chunk-1', sourceId: 'source-1', title: 'Returns policy', heading: 'Window', text: 'You can return any item within 30 days.',
    score: 0.82, semanticScore: 0.9, keywordScore: 0.6, similarity: 0.71, ...overrides,
  };
}

/** A canned retrieval answering every query with `hits` at `confidence`. */
export function cannedRetrieval(hits: SearchHit[] = [aHit()], confidence = 0.8) {
  const queries: string[] = [];
  const retrieve: RetrieveForTurn = async ({ query, settings }) => {
    queries.push(query);
    const citations: Citation[] = hits.map((h) => ({ sourceId: h.sourceId, chunkId: h.chunkId, title: h.title, ...(h.heading ? { heading: h.heading } : {}), score: h.score }));
    return { hits, citations, confidence, answerable: confidence >= settings.minConfidence, embeddingTokens: 12, queryEmbedding: [0.6, 0.8] };
  };
  return { retrieve, queries };
}

/** Every dependency of the AI turn over in-memory ports, with hooks to look inside. */
export function memoryAiTurnDeps(options: { settings?: Partial<AiSettings>; budget?: 'ok' | 'over_budget' | 'exhausted'; retrieval?: ReturnType<typeof cannedRetrieval> } = {}) {
  const ports = memoryConversationPorts();
  const { subscriptions } = memoryConnections();
  const publisher = recordingPublisher();
  const models = {
    small: scriptedModel('model-small'), mid: scriptedModel('model-mid'), premium: scriptedModel('model-premium'), vision: scriptedModel('model-vision'),
  } satisfies Record<ModelTier, unknown>;
  const retrieval = options.retrieval ?? cannedRetrieval();
  const costs: Parameters<AiTurnDeps['recordAiCost']>[0][] = [];
  const unanswered: Parameters<AiTurnDeps['recordUnanswered']>[0][] = [];
  const outbound: OutboundJob[] = [];
  const assigned: string[] = [];
  const files = new Map<string, Uint8Array>();
  const settings = { ...defaultAiSettings, ...options.settings };
  const { deps: c, clock, ids } = ports;
  const deps: AiTurnDeps = {
    accounts: c.accounts, inboxes: c.inboxes, conversations: c.conversations, messages: c.messages,
    aiTurns: memoryAiTurns(c.conversations),
    models,
    retrieve: retrieval.retrieve,
    files: { getObject: async (key) => files.get(key) },
    budgetGate: async () => ({ state: options.budget ?? 'ok', settings, monthSpendNanoUsd: 0 }),
    recordAiCost: async (input) => {
      costs.push(input);
      return { monthSpendNanoUsd: input.costNanoUsd };
    },
    recordUnanswered: async (input) => {
      unanswered.push(input);
    },
    pricing: {
      model: (tier, _modelId, usage) => ({ costNanoUsd: usage.inputTokens * 100 + usage.outputTokens * 400, pricedAs: `priced-${tier}` }),
      embedding: (tokens) => tokens * 20,
    },
    streams: makeAnswerStreams({ subscriptions, publisher, flushMs: 0 }),
    sendBotMessage: makeSendBotMessage({ ...c, enqueueOutbound: async (job) => { outbound.push(job); } }),
    autoAssign: async (conversation) => {
      assigned.push(conversation.id);
      return conversation;
    },
    clock, ids,
    sleep: async (ms) => clock.advance(ms),
    burstQuietMs: 1_200,
  };
  return { deps, ports, subscriptions, publisher, models, retrieval, costs, unanswered, outbound, assigned, files, clock, ids };
}
