/**
 * The AI turn's pipeline — layer: bench (tooling). Part of `npm run bench` (`--only ai-turn`).
 *
 * Measures what the product adds around the language model in one AI turn, in one run, on the
 * laptop cloud's DynamoDB Local (through a capacity-counting proxy) and an in-process Orama index
 * holding the evaluation knowledge base (eval/knowledge, indexed with the product's chunker):
 * - **pipeline time before the model** (p50 / p99): from the job entering `makeRunAiTurn` to the
 *   model's first call — conversation reads, the burst check, the turn claim (conditional write),
 *   the account and budget reads, the question's embedding, hybrid retrieval, routing, the
 *   answer stream's subscriber lookups and the prompt;
 * - **the whole turn** with a zero-latency model (the model answers at once), so the time after
 *   the model (storing the answer, recording the cost) shows too;
 * - **tokens per turn** (p50 / p95, input and output) of the prompt the turn really sends, counted
 *   by the local token estimate (characters / 4);
 * - **DynamoDB reads, writes, RRU and WRU per turn**, from the capacity DynamoDB Local reports.
 * Two scenarios: questions the knowledge base answers (the bot answers) and questions it does not
 * (the bot records the problem and hands over, with a summary call to the model).
 *
 * The model: every tier is one zero-latency LanguageModel that answers with the first sentences
 * of the first document in its prompt (a forced `record_summary` gets the customer's question),
 * and reports the local token estimate as usage — so time is the pipeline's, tokens are real
 * prompt sizes, and cost follows the price table.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { join, resolve } from 'node:path';
import { ulid } from 'ulid';
import { loadDocuments, loadQuestions, type EvalQuestion } from '../eval/corpus.js';
import { mean, percentile } from '../eval/metrics.js';
import { contentChars, estimateTokens, requestChars } from '../shared/adapters/local-model/token-estimate.js';
import { modelTiers, type ModelTier } from '../shared/domain/entities.js';
import { chunkEmbeddingText, chunkMarkdown, knowledgeChunkId } from '../shared/domain/knowledge-chunking.js';
import type { ContentBlock, ConverseRequest, ConverseResult, ConverseStreamEvent, LanguageModel } from '../shared/ports/language-model.js';
import type { IndexedChunk } from '../shared/ports/search-index.js';
import { makeAnswerStreams } from '../shared/services/ai/answer-stream.js';
import type { AiTurnDeps } from '../shared/services/ai/deps.js';
import { tablePricing } from '../shared/services/ai/pricing.js';
import { makeRunAiTurn, type AiTurnOutcome } from '../shared/services/ai/run-ai-turn.js';
import { makeAutoAssign } from '../shared/services/conversations/auto-assign.js';
import { makeRetrieveKnowledge } from '../shared/services/knowledge/retrieve-knowledge.js';
import { loadConfig } from '../shared/runtime/config.js';
import { botMessages } from '../shared/runtime/containers/ai.js';
import { aiCosts, problemRecorder } from '../shared/runtime/containers/ai-admin.js';
import { buildBase, realtimePublisher, type Base } from '../shared/runtime/containers/base.js';
import { visitorConversations } from '../shared/runtime/containers/conversations.js';
import { aiTurnRepository } from '../shared/runtime/containers/handoff.js';
import { embedder, reranker } from '../shared/runtime/containers/models.js';
import { repositories } from '../shared/runtime/containers/repositories.js';
import { searchIndex } from '../shared/runtime/containers/search.js';
import { startCapacityProxy, type CapacityCounters } from './capacity-proxy.js';

const evalDir = resolve(import.meta.dirname, '..', 'eval');
const companyName = 'Northwind Outfitters';

/** The zero-latency model's id (priced as the tier it stands in for). */
const benchModelId = 'bench.zero-latency';

/** One measured turn. */
interface TurnSample {
  readonly outcome: AiTurnOutcome;
  readonly beforeModelMs: number;
  readonly totalMs: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly modelCalls: number;
  readonly capacity: CapacityCounters;
}

/** A scenario's figures. */
export interface AiTurnScenarioResult {
  readonly name: string;
  readonly turns: number;
  /** How the measured turns ended (e.g. `{ answered: 200 }`). */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly beforeModel: { readonly p50: number; readonly p99: number };
  readonly total: { readonly p50: number; readonly p99: number };
  readonly inputTokens: { readonly p50: number; readonly p95: number };
  readonly outputTokens: { readonly p50: number; readonly p95: number };
  readonly modelCallsPerTurn: number;
  readonly readsPerTurn: number;
  readonly writesPerTurn: number;
  readonly rruPerTurn: number;
  readonly wruPerTurn: number;
  /** DynamoDB calls per turn by operation, e.g. `GetItem 4, Query 6, UpdateItem 2`. */
  readonly operationsPerTurn: string;
}

/** The ai-turn bench's results. */
export interface AiTurnResult {
  readonly turnsPerScenario: number;
  readonly chunks: number;
  readonly scenarios: readonly AiTurnScenarioResult[];
}

/** The first `count` sentences of the first `<document>` of a prompt (unescaped enough to read). */
function firstSentences(system: string, count: number): string {
  const document = /<document\b[^>]*>\n?([\s\S]*?)<\/document>/.exec(system)?.[1] ?? '';
  const sentences = document.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+/).slice(0, count).join(' ');
  return sentences || 'Thank you for your question.';
}

/** The last user text of a request (the customer's question). */
function lastUserText(request: ConverseRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i -= 1) {
    const message = request.messages[i]!;
    if (message.role !== 'user') continue;
    const text = message.content.flatMap((block) => (block.text === undefined ? [] : [block.text])).join('\n');
    if (text) return text;
  }
  return '';
}

/** A model that answers at once; it notes when it is first called in a turn and what it was sent. */
function zeroLatencyModel(probe: { firstCallAt?: number; calls: number; inputTokens: number; outputTokens: number }): LanguageModel {
  const reply = (request: ConverseRequest): ConverseResult => {
    probe.firstCallAt ??= performance.now();
    probe.calls += 1;
    const forced = typeof request.toolChoice === 'object' ? request.toolChoice.tool : undefined;
    const content: ContentBlock[] = forced !== undefined
      ? [{ toolUse: { toolUseId: `bench-${probe.calls}`, name: forced, input: { summary: `The customer asked: ${lastUserText(request).slice(0, 300)}` } } }]
      : [{ text: firstSentences(request.system, 2) }];
    const usage = { inputTokens: estimateTokens(requestChars(request)), outputTokens: estimateTokens(contentChars(content)) };
    probe.inputTokens += usage.inputTokens;
    probe.outputTokens += usage.outputTokens;
    return { content, stopReason: forced !== undefined ? 'tool_use' : 'end_turn', usage, modelId: benchModelId };
  };
  return {
    modelId: benchModelId,
    async converse(request) {
      return reply(request);
    },
    async *converseStream(request): AsyncGenerator<ConverseStreamEvent> {
      const result = reply(request);
      for (const [contentBlockIndex, block] of result.content.entries()) {
        if (block.text !== undefined) yield { contentBlockDelta: { contentBlockIndex, delta: { text: block.text } } };
      }
      yield { result };
    },
  };
}

/**
 * The turn's dependencies over a base, wired as ai-responder's container wires them
 * (shared/runtime/containers/ai.ts) — the product's repositories, retrieval over the base's
 * embedder and search index, budget gate, cost ledger, problems, answer stream and bot
 * messages — except the model, which is this bench's zero-latency one for every tier.
 */
function turnDeps(b: Base, model: LanguageModel): AiTurnDeps {
  const repos = repositories(b);
  const models = Object.fromEntries(modelTiers.map((tier) => [tier, model])) as Record<ModelTier, LanguageModel>;
  const retrieve = makeRetrieveKnowledge({ embedder: embedder(b), searchIndex: searchIndex(b), reranker: reranker(b) });
  return {
    accounts: repos.accounts,
    inboxes: repos.inboxes,
    conversations: repos.conversations,
    messages: repos.messages,
    aiTurns: aiTurnRepository(b),
    models,
    retrieve: (input) => retrieve(input),
    budgetGate: (accountId, loaded) => aiCosts(b).budgetGate(accountId, loaded),
    recordAiCost: (input, loaded) => aiCosts(b).recordAiCost(input, loaded),
    recordUnanswered: async (input) => {
      const [embedding] = await embedder(b).embed([input.question]);
      await problemRecorder(b).recordUnansweredQuestion({ ...input, embedding: embedding ?? [] });
    },
    pricing: tablePricing,
    streams: makeAnswerStreams({ subscriptions: repos.subscriptions, publisher: realtimePublisher(b) }),
    sendBotMessage: botMessages(b),
    autoAssign: makeAutoAssign({ ...repos, clock: b.clock, ids: b.ids }),
    clock: b.clock,
    ids: b.ids,
    sleep: (ms) => sleep(ms),
    // The customer's message is already older than the quiet period: the turn answers at once.
    burstQuietMs: 0,
  };
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** The mean DynamoDB calls per turn by operation, most frequent first. */
function operationsPerTurn(samples: readonly TurnSample[]): string {
  const totals = new Map<string, number>();
  for (const s of samples) for (const [op, n] of Object.entries(s.capacity.operations)) totals.set(op, (totals.get(op) ?? 0) + n);
  return [...totals].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${round(n / samples.length)}`).join(', ');
}

/**
 * Runs the ai-turn bench against the laptop cloud whose configuration is given (its DynamoDB
 * endpoint is put behind a capacity-counting proxy).
 */
export async function benchAiTurn(input: {
  readonly configuration: Readonly<Record<string, string>>;
  readonly turns: number;
  readonly warmup: number;
  readonly say: (line: string) => void;
}): Promise<AiTurnResult> {
  const proxy = await startCapacityProxy(input.configuration.SWITCHBOARD_DYNAMODB_ENDPOINT!);
  try {
    const configuration: Record<string, string> = { ...input.configuration, SWITCHBOARD_DYNAMODB_ENDPOINT: proxy.url, SWITCHBOARD_AI_PROVIDER: 'local', SWITCHBOARD_LOG_LEVEL: 'ERROR' };
    delete configuration.SWITCHBOARD_ORAMA_SNAPSHOT;
    const config = loadConfig(configuration);
    const b = buildBase(config);
    const repos = repositories(b);

    // The tenant: an account with the default AI settings (enabled), a web inbox, the knowledge base.
    const accountId = ulid();
    const inboxId = ulid();
    const now = () => new Date().toISOString();
    await repos.accounts.create({ id: accountId, name: companyName, mfaRequired: false, autoAssign: true, agentCapacity: 10, createdAt: now() });
    await repos.inboxes.create({ accountId, id: inboxId, name: 'Website', channel: 'web', createdAt: now() });

    const documents = await loadDocuments(join(evalDir, 'knowledge'));
    const questions = await loadQuestions(join(evalDir, 'questions.json'), new Set(documents.map((d) => d.id)));
    // The base's embedder and search index (the local embedder and the process's Orama index),
    // which the turn's retrieval reads; the bench's base has no snapshot file.
    const vectorsOf = embedder(b);
    const index = searchIndex(b);
    let chunks = 0;
    for (const document of documents) {
      const pieces = chunkMarkdown(document.markdown);
      const vectors = await vectorsOf.embed(pieces.map((piece) => chunkEmbeddingText(document.title, piece)));
      const indexed: IndexedChunk[] = pieces.map((piece, i) => ({
        accountId, sourceId: document.id, chunkId: knowledgeChunkId(document.id, 1, piece.index), title: document.title,
        ...(piece.heading === undefined ? {} : { heading: piece.heading }), text: piece.text, visibility: 'public', embedding: vectors[i]!,
      }));
      await index.replaceSource(accountId, document.id, indexed);
      chunks += indexed.length;
    }
    input.say(`  indexed the evaluation knowledge base: ${documents.length} articles, ${chunks} chunks (Orama, ${vectorsOf.modelId}, ${vectorsOf.dimensions} dimensions)`);
    const probe: { firstCallAt?: number; calls: number; inputTokens: number; outputTokens: number } = { calls: 0, inputTokens: 0, outputTokens: 0 };
    const runAiTurn = makeRunAiTurn(turnDeps(b, zeroLatencyModel(probe)));
    const receive = visitorConversations(b).receiveCustomerMessage;

    /** One customer, one conversation, one question; then the measured turn. */
    async function turn(question: EvalQuestion): Promise<TurnSample> {
      const contactId = ulid();
      await repos.contacts.create({ accountId, id: contactId, name: 'Bench Visitor', createdAt: now(), updatedAt: now() });
      const { conversation, message } = await receive({ accountId, inboxId, contactId, body: question.question });
      if (conversation.handledBy !== 'bot') throw new Error(`expected a bot-handled conversation, got handledBy=${conversation.handledBy}`);
      delete probe.firstCallAt;
      probe.calls = 0;
      probe.inputTokens = 0;
      probe.outputTokens = 0;
      const before = proxy.snapshot();
      const startedAt = performance.now();
      const outcome = await runAiTurn({ kind: 'ai-turn', accountId, conversationId: conversation.id, messageId: message.id });
      const endedAt = performance.now();
      const after = proxy.snapshot();
      return {
        outcome,
        beforeModelMs: (probe.firstCallAt ?? endedAt) - startedAt,
        totalMs: endedAt - startedAt,
        inputTokens: probe.inputTokens,
        outputTokens: probe.outputTokens,
        modelCalls: probe.calls,
        capacity: {
          reads: after.reads - before.reads, writes: after.writes - before.writes,
          rru: after.rru - before.rru, wru: after.wru - before.wru, other: after.other - before.other, queueSends: after.queueSends - before.queueSends,
          operations: Object.fromEntries(Object.entries(after.operations).map(([op, n]) => [op, n - (before.operations[op] ?? 0)]).filter(([, n]) => (n as number) > 0)),
        },
      };
    }

    const answerable = questions.filter((q) => q.relevant.length > 0);
    const unanswerable = questions.filter((q) => q.relevant.length === 0);
    const scenarios: AiTurnScenarioResult[] = [];
    for (const [name, pool, expected] of [
      ['answered', answerable, 'answered'],
      ['handed over (no answer in the knowledge base)', unanswerable, 'handed_off'],
    ] as const) {
      for (let i = 0; i < input.warmup; i += 1) await turn(pool[i % pool.length]!);
      const samples: TurnSample[] = [];
      for (let i = 0; i < input.turns; i += 1) samples.push(await turn(pool[i % pool.length]!));
      const outcomes: Record<string, number> = {};
      for (const s of samples) outcomes[s.outcome] = (outcomes[s.outcome] ?? 0) + 1;
      // The scenario's figures describe its path; the questions that took the other path are
      // counted in `outcomes` (e.g. an answerable question retrieval was not confident about).
      const onPath = samples.filter((s) => s.outcome === expected);
      const measured = onPath.length > 0 ? onPath : samples;
      const result: AiTurnScenarioResult = {
        name,
        turns: measured.length,
        outcomes,
        beforeModel: { p50: round(percentile(measured.map((s) => s.beforeModelMs), 50)), p99: round(percentile(measured.map((s) => s.beforeModelMs), 99)) },
        total: { p50: round(percentile(measured.map((s) => s.totalMs), 50)), p99: round(percentile(measured.map((s) => s.totalMs), 99)) },
        inputTokens: { p50: percentile(measured.map((s) => s.inputTokens), 50), p95: percentile(measured.map((s) => s.inputTokens), 95) },
        outputTokens: { p50: percentile(measured.map((s) => s.outputTokens), 50), p95: percentile(measured.map((s) => s.outputTokens), 95) },
        modelCallsPerTurn: round(mean(measured.map((s) => s.modelCalls))),
        readsPerTurn: round(mean(measured.map((s) => s.capacity.reads))),
        writesPerTurn: round(mean(measured.map((s) => s.capacity.writes))),
        rruPerTurn: round(mean(measured.map((s) => s.capacity.rru))),
        wruPerTurn: round(mean(measured.map((s) => s.capacity.wru))),
        operationsPerTurn: operationsPerTurn(measured),
      };
      scenarios.push(result);
      input.say(`  ${name}: ${result.turns} turns on this path (${Object.entries(outcomes).map(([k, v]) => `${v} ${k}`).join(', ')}); before the model p50 ${result.beforeModel.p50} ms p99 ${result.beforeModel.p99} ms; whole turn p50 ${result.total.p50} ms p99 ${result.total.p99} ms; tokens in p50 ${result.inputTokens.p50} p95 ${result.inputTokens.p95}, out p50 ${result.outputTokens.p50} p95 ${result.outputTokens.p95}; ${result.readsPerTurn} reads / ${result.rruPerTurn} RRU, ${result.writesPerTurn} writes / ${result.wruPerTurn} WRU per turn (${result.operationsPerTurn})`);
    }
    return { turnsPerScenario: input.turns, chunks, scenarios };
  } finally {
    await proxy.close();
  }
}

/** The "AI turn pipeline" section of docs/BENCHMARKS.md. */
export function aiTurnSection(result: AiTurnResult, meta: { command: string; date: string; node: string; cores: number; cpu: string; loadAverage: number }): string {
  const rows = result.scenarios.map((s) => `| ${s.name} | ${s.turns} | ${s.beforeModel.p50} | ${s.beforeModel.p99} | ${s.total.p50} | ${s.total.p99} | ${s.inputTokens.p50} / ${s.inputTokens.p95} | ${s.outputTokens.p50} / ${s.outputTokens.p95} | ${s.modelCallsPerTurn} | ${s.readsPerTurn} | ${s.rruPerTurn} | ${s.writesPerTurn} | ${s.wruPerTurn} |`);
  const outcomes = result.scenarios.map((s) => `${s.name}: ${Object.entries(s.outcomes).map(([k, v]) => `${v} ${k}`).join(', ')}`).join('; ');
  return [
    '## AI turn pipeline',
    '',
    `Command: \`${meta.command}\` (${result.turnsPerScenario} turns per scenario after a warm-up; each turn is a new visitor conversation with one question from \`eval/questions.json\`).`,
    '',
    `Measured ${meta.date} on Node ${meta.node}, ${meta.cores} cores (${meta.cpu}), one-minute load average ${meta.loadAverage.toFixed(1)} at the end of the run (the machine is shared: the p99 column feels it first). The real AI turn (\`makeRunAiTurn\`) over the product's DynamoDB repositories and services (budget gate, cost ledger, problems, answer stream, bot message) against the laptop cloud's DynamoDB Local, through a proxy that sums the consumed capacity DynamoDB Local reports; retrieval is the product's service over an in-process Orama index holding the evaluation knowledge base (${result.chunks} chunks). The model is a zero-latency stand-in for every tier (it answers at once with the first sentences of the first document it was given), so the times are the pipeline's own; tokens are the real prompts' sizes by the local estimate (characters / 4). Before the model = from the job entering the turn to the model's first call.`,
    '',
    '| Scenario | Turns | Before the model p50 ms | p99 ms | Whole turn p50 ms | p99 ms | Input tokens p50 / p95 | Output tokens p50 / p95 | Model calls / turn | Reads / turn | RRU / turn | Writes / turn | WRU / turn |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'DynamoDB calls per turn by operation:',
    '',
    ...result.scenarios.map((s) => `- ${s.name}: ${s.operationsPerTurn}`),
    '',
    `Outcomes of the measured turns — ${outcomes}. Each row describes the turns that took its path. The turn reads the conversation, the account and the inbox once each and hands them to the steps that need them (budget gate, bot message, cost recording, hand-off, auto-assignment). Answered: reads of the conversation, its recent messages, the account and the month's spend (budget gate), the turn claim (a conditional update), retrieval, the answer stream's two subscriber queries; after the model, the inbox (the answer's channel), the bot message (the conversation update and the message put) and the cost ledger — one transaction of five items (the answer's cost entry, the conversation's total, the day, the month and the month's per-conversation ranking), which DynamoDB bills at 2 WRU per item-KB, then a strongly consistent read of the month (1 RRU: the total after this answer, for the budget alerts). Handed over: the unanswered question recorded as a problem (with its affected contact), the summary call (forced \`record_summary\`), the handler change, the activity line, the notice to the customer and its cost, auto-assignment. The problem record first reads the tenant's unresolved problems with their embeddings (to merge a question asked before; only the open and fix-drafted status partitions), so a hand-over's RRU grows with the number of unresolved problems and the vector size (here at most 26 distinct questions, 384-dimension vectors; Titan's 1,024 would weigh more); a projection would not lower it, since DynamoDB bills a Query by the size of the items it reads, not of the attributes it returns.`,
    '',
  ].join('\n');
}
