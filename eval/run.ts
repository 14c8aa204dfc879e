/**
 * `npm run eval` — layer: eval (tooling): the retrieval and routing evaluation.
 *
 * Indexes the evaluation knowledge base (eval/knowledge/*.md) exactly as the product does — the
 * product's Markdown chunker and embedding text (shared/domain/knowledge-chunking.ts), the
 * laptop's embedder and the Orama search index — then asks every question of eval/questions.json
 * through the product's retrieval service (makeRetrieveKnowledge) three times:
 *   keyword-only (weights semantic 0 / keyword 1), semantic-only (1 / 0) and hybrid (the tenant
 *   default), each with the default minimum score and minimum confidence;
 * and prints Recall@5, nDCG@10 and no-answer precision/recall per mode (eval/metrics.ts says how
 * they are computed), a per-kind breakdown, the hybrid confidence threshold sweep, the routing
 * tiers of the answered questions (shared/domain/model-routing.ts), the tokens per turn of the
 * prompt the bot would send (shared/domain/ai-prompt.ts + the bot's tools, counted by the local
 * token estimate; the reply is the local model's) and the cost of the whole set with routing vs
 * every turn on the premium tier (the price table, shared/domain/ai-models.ts).
 *
 * Usage: npm run eval -- [--write-docs] [--misses] [--dimensions 384]
 *   --write-docs  rewrites the "Retrieval evaluation" section of docs/BENCHMARKS.md
 *   --misses      lists the answerable questions hybrid retrieval missed in its top 5
 */
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSection } from '../bench/report.js';
import { localEmbeddingDimensions } from '../infra/local/handler-env.js';
import { createLocalEmbedder } from '../shared/adapters/local-model/local-embedder.js';
import { createLocalLanguageModel } from '../shared/adapters/local-model/local-language-model.js';
import { estimateTokens, requestChars } from '../shared/adapters/local-model/token-estimate.js';
import { createOramaSearchIndex } from '../shared/adapters/orama/orama-search-index.js';
import { buildSystemPrompt } from '../shared/domain/ai-prompt.js';
import { defaultAiSettings, type AiSettings } from '../shared/domain/ai-settings.js';
import type { ModelTier } from '../shared/domain/entities.js';
import { chunkEmbeddingText, chunkMarkdown, knowledgeChunkId } from '../shared/domain/knowledge-chunking.js';
import { routeTurn } from '../shared/domain/model-routing.js';
import type { FusionWeights } from '../shared/domain/retrieval.js';
import type { ConverseRequest } from '../shared/ports/language-model.js';
import type { IndexedChunk } from '../shared/ports/search-index.js';
import { answerMaxTokens } from '../shared/services/ai/deps.js';
import { answerTools } from '../shared/services/ai/tools.js';
import { makeRetrieveKnowledge, type RetrieveKnowledgeResult } from '../shared/services/knowledge/retrieve-knowledge.js';
import { loadDocuments, loadQuestions, questionKinds, type EvalQuestion, type QuestionKind } from './corpus.js';
import { mean, ndcgAtK, noAnswerCounts, noAnswerPrecision, noAnswerRecall, percentile, recallAtK, separationAuc, type NoAnswerCounts } from './metrics.js';
import { turnCost, pricedTiers, type TurnUsage } from './pricing.js';

const evalDir = import.meta.dirname;
const repositoryDir = resolve(evalDir, '..');
const docsPath = join(repositoryDir, 'docs', 'BENCHMARKS.md');
const sectionHeading = 'Retrieval evaluation';
/** The tenant the evaluation indexes into; the index holds nothing else. */
const accountId = 'acct_eval_northwind';
const companyName = 'Northwind Outfitters';
/** Chunks the bot puts in its prompt (the retrieval default) and the depth nDCG is judged at. */
const promptK = 5;
const ndcgK = 10;
/** The semantic weights the fusion sweep tries (keyword = 1 − semantic). */
const weightSweep = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** The minConfidence values the threshold sweep tries. */
const sweep = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];

const say = (line = '') => process.stdout.write(`${line}\n`);

/** A retrieval configuration under test. */
interface Mode {
  readonly name: 'keyword-only' | 'semantic-only' | 'hybrid';
  readonly weights: FusionWeights;
}

const modes: readonly Mode[] = [
  { name: 'keyword-only', weights: { semantic: 0, keyword: 1 } },
  { name: 'semantic-only', weights: { semantic: 1, keyword: 0 } },
  { name: 'hybrid', weights: defaultAiSettings.fusionWeights },
];

/** What one question gave in one mode. */
interface Outcome {
  readonly question: EvalQuestion;
  /** The source (article) id of each of the top {@link promptK} chunks. */
  readonly top5: readonly string[];
  /** The source id of each of the top {@link ndcgK} chunks. */
  readonly top10: readonly string[];
  readonly result: RetrieveKnowledgeResult;
  readonly millis: number;
}

/** A mode's figures. */
interface ModeSummary {
  readonly mode: Mode;
  readonly recall5: number;
  readonly ndcg10: number;
  readonly noAnswer: NoAnswerCounts;
  /** Answerable questions the bot would hand over (predicted no answer). */
  readonly falseHandoffs: number;
  readonly recallByKind: ReadonlyMap<QuestionKind, number>;
  readonly queryP50Ms: number;
  readonly outcomes: readonly Outcome[];
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      'write-docs': { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
      dimensions: { type: 'string', default: String(localEmbeddingDimensions) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    say('Usage: npm run eval -- [--write-docs] [--misses] [--dimensions 384]');
    process.exit(0);
  }
  const dimensions = Number(values.dimensions);
  if (!Number.isInteger(dimensions) || dimensions < 64 || dimensions > 4096) {
    throw new RangeError(`--dimensions must be an integer from 64 to 4096, got "${values.dimensions}"`);
  }
  return { writeDocs: values['write-docs'], misses: values.misses, dimensions };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const fixed = (value: number, digits = 3) => value.toFixed(digits);
const usd = (nano: number) => `$${(nano / 1e9).toFixed(4)}`;

function summarise(mode: Mode, outcomes: readonly Outcome[]): ModeSummary {
  const answerable = outcomes.filter((o) => o.question.relevant.length > 0);
  const recallByKind = new Map<QuestionKind, number>();
  for (const kind of questionKinds) {
    if (kind === 'none') continue;
    const ofKind = answerable.filter((o) => o.question.kind === kind);
    if (ofKind.length > 0) recallByKind.set(kind, mean(ofKind.map((o) => recallAtK(o.top5, o.question.relevant, promptK))));
  }
  const noAnswer = noAnswerCounts(outcomes.map((o) => ({ hasAnswer: o.question.relevant.length > 0, answerable: o.result.answerable })));
  return {
    mode,
    recall5: mean(answerable.map((o) => recallAtK(o.top5, o.question.relevant, promptK))),
    ndcg10: mean(answerable.map((o) => ndcgAtK(o.top10, o.question.relevant, ndcgK))),
    noAnswer,
    falseHandoffs: noAnswer.falsePositives,
    recallByKind,
    queryP50Ms: percentile(outcomes.map((o) => o.millis), 50),
    outcomes,
  };
}

/** The no-answer decision at another minConfidence, from the confidences already measured. */
function sweepRow(outcomes: readonly Outcome[], minConfidence: number) {
  const counts = noAnswerCounts(outcomes.map((o) => ({
    hasAnswer: o.question.relevant.length > 0,
    answerable: o.result.hits.length > 0 && o.result.confidence >= minConfidence,
  })));
  const answerable = outcomes.filter((o) => o.question.relevant.length > 0).length;
  return { minConfidence, precision: noAnswerPrecision(counts), recall: noAnswerRecall(counts), falseHandoffRate: counts.falsePositives / answerable };
}

/** What the bot would send and spend for one answered question. */
interface TurnFigures {
  readonly tier: ModelTier;
  readonly complexity: number;
  readonly usage: TurnUsage;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const options = parseOptions();
  const documents = await loadDocuments(join(evalDir, 'knowledge'));
  const questions = await loadQuestions(join(evalDir, 'questions.json'), new Set(documents.map((d) => d.id)));
  const withoutAnswer = questions.filter((q) => q.relevant.length === 0).length;
  say(`Retrieval evaluation: ${documents.length} articles, ${questions.length} questions (${withoutAnswer} without an answer)`);
  say(`Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`);

  // 1. Index as the product does: chunk, embed title + heading + text, upsert per source.
  say('\n[1/4] Indexing (product chunker, local embedder, Orama)');
  const embedder = createLocalEmbedder({ dimensions: options.dimensions });
  const searchIndex = createOramaSearchIndex({ dimensions: embedder.dimensions });
  const indexingAt = performance.now();
  let chunkCount = 0;
  for (const [position, document] of documents.entries()) {
    const chunks = chunkMarkdown(document.markdown);
    const vectors = await embedder.embed(chunks.map((chunk) => chunkEmbeddingText(document.title, chunk)));
    const indexed: IndexedChunk[] = chunks.map((chunk, i) => ({
      accountId,
      sourceId: document.id,
      chunkId: knowledgeChunkId(document.id, 1, chunk.index),
      title: document.title,
      ...(chunk.heading === undefined ? {} : { heading: chunk.heading }),
      text: chunk.text,
      visibility: 'public',
      embedding: vectors[i]!,
    }));
    await searchIndex.upsert(indexed);
    chunkCount += indexed.length;
    if ((position + 1) % 8 === 0 || position === documents.length - 1) {
      say(`  ${String(position + 1).padStart(3)}/${documents.length} articles, ${chunkCount} chunks (last: ${document.id})`);
    }
  }
  const indexingMs = performance.now() - indexingAt;
  say(`  indexed ${chunkCount} chunks in ${(indexingMs / 1000).toFixed(2)} s (${embedder.modelId}, ${embedder.dimensions} dimensions)`);

  // 2. Ask every question in each mode, through the product's retrieval service.
  say('\n[2/4] Retrieving (keyword-only, semantic-only, hybrid)');
  const retrieve = makeRetrieveKnowledge({ embedder, searchIndex });
  const summaries: ModeSummary[] = [];
  for (const mode of modes) {
    const settings: AiSettings = { ...defaultAiSettings, fusionWeights: mode.weights };
    const outcomes: Outcome[] = [];
    for (const question of questions) {
      const at = performance.now();
      const result = await retrieve({ accountId, query: question.question, visibility: 'public', settings, k: promptK });
      const millis = performance.now() - at;
      const deeper = await retrieve({ accountId, query: question.question, visibility: 'public', settings, k: ndcgK });
      outcomes.push({ question, result, millis, top5: result.hits.map((h) => h.sourceId), top10: deeper.hits.map((h) => h.sourceId) });
    }
    const summary = summarise(mode, outcomes);
    summaries.push(summary);
    say(`  ${mode.name.padEnd(13)} weights ${mode.weights.semantic}/${mode.weights.keyword}: ${questions.length} questions, query p50 ${summary.queryP50Ms.toFixed(2)} ms`);
  }

  // The fusion weights between the two extremes, judged on the same questions.
  const weightRows: { semantic: number; recall5: number; ndcg10: number }[] = [];
  for (const semantic of weightSweep) {
    const weights = { semantic, keyword: Number((1 - semantic).toFixed(2)) };
    const settings: AiSettings = { ...defaultAiSettings, fusionWeights: weights };
    const answerable = questions.filter((q) => q.relevant.length > 0);
    const recalls: number[] = [];
    const ndcgs: number[] = [];
    for (const question of answerable) {
      const found = await retrieve({ accountId, query: question.question, visibility: 'public', settings, k: ndcgK });
      const ranked = found.hits.map((h) => h.sourceId);
      recalls.push(recallAtK(ranked, question.relevant, promptK));
      ndcgs.push(ndcgAtK(ranked, question.relevant, ndcgK));
    }
    weightRows.push({ semantic, recall5: mean(recalls), ndcg10: mean(ndcgs) });
  }

  say(`\n[3/4] Retrieval (Recall@${promptK} and nDCG@${ndcgK} over the ${questions.length - withoutAnswer} answerable questions; no-answer = answerable:false at minConfidence ${defaultAiSettings.minConfidence})\n`);
  const retrievalTable = [
    `| Mode | Weights (semantic/keyword) | Recall@${promptK} | nDCG@${ndcgK} | No-answer precision | No-answer recall | Answerable questions handed over |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...summaries.map((s) => `| ${s.mode.name} | ${s.mode.weights.semantic} / ${s.mode.weights.keyword} | ${fixed(s.recall5)} | ${fixed(s.ndcg10)} | ${fixed(noAnswerPrecision(s.noAnswer))} | ${fixed(noAnswerRecall(s.noAnswer))} | ${s.falseHandoffs} of ${questions.length - withoutAnswer} |`),
  ];
  retrievalTable.forEach((line) => say(line));

  const kinds = [...summaries[0]!.recallByKind.keys()];
  const kindCounts = new Map(kinds.map((kind) => [kind, questions.filter((q) => q.kind === kind).length]));
  const kindTable = [
    `| Mode | ${kinds.map((k) => `${k} (${kindCounts.get(k)})`).join(' | ')} |`,
    `| --- | ${kinds.map(() => '---').join(' | ')} |`,
    ...summaries.map((s) => `| ${s.mode.name} | ${kinds.map((k) => fixed(s.recallByKind.get(k) ?? 0)).join(' | ')} |`),
  ];
  say(`\nRecall@${promptK} by kind of question:\n`);
  kindTable.forEach((line) => say(line));

  const weightTable = [
    `| Semantic / keyword weight | Recall@${promptK} | nDCG@${ndcgK} |`,
    '| --- | --- | --- |',
    ...weightRows.map((r) => `| ${r.semantic} / ${Number((1 - r.semantic).toFixed(2))}${r.semantic === defaultAiSettings.fusionWeights.semantic ? ' (default)' : ''} | ${fixed(r.recall5)} | ${fixed(r.ndcg10)} |`),
  ];
  say('\nHybrid with other fusion weights:\n');
  weightTable.forEach((line) => say(line));

  const hybrid = summaries.find((s) => s.mode.name === 'hybrid')!;
  const keywordOnly = summaries.find((s) => s.mode.name === 'keyword-only')!;
  const sweepRows = sweep.map((threshold) => sweepRow(hybrid.outcomes, threshold));
  const confidenceAuc = separationAuc(
    hybrid.outcomes.filter((o) => o.question.relevant.length > 0).map((o) => o.result.confidence),
    hybrid.outcomes.filter((o) => o.question.relevant.length === 0).map((o) => o.result.confidence),
  );
  const sweepTable = [
    '| minConfidence | No-answer precision | No-answer recall | Answerable questions handed over |',
    '| --- | --- | --- | --- |',
    ...sweepRows.map((r) => `| ${r.minConfidence}${r.minConfidence === defaultAiSettings.minConfidence ? ' (default)' : ''} | ${fixed(r.precision)} | ${fixed(r.recall)} | ${pct(r.falseHandoffRate)} |`),
  ];
  say('\nHybrid: the no-answer decision at other minConfidence values (same retrievals):\n');
  sweepTable.forEach((line) => say(line));
  say(`\nConfidence AUC (answerable vs unanswerable questions, hybrid): ${fixed(confidenceAuc)}`);

  if (options.misses) {
    say(`\nAnswerable questions hybrid missed in its top ${promptK}:`);
    for (const o of hybrid.outcomes) {
      if (o.question.relevant.length === 0) continue;
      const missing = o.question.relevant.filter((id) => !o.top5.includes(id));
      if (missing.length > 0) say(`  ${o.question.id} [${o.question.kind}] "${o.question.question}" missing ${missing.join(', ')}; got ${[...new Set(o.top5)].join(', ') || '(nothing)'}`);
    }
    say('\nQuestions without an answer that hybrid would answer:');
    for (const o of hybrid.outcomes) {
      if (o.question.relevant.length === 0 && o.result.answerable) say(`  ${o.question.id} "${o.question.question}" confidence ${fixed(o.result.confidence)} → ${o.top5[0] ?? ''}`);
    }
  }

  // 4. The turns the bot would run for the hybrid results: routing, tokens, cost.
  say('\n[4/4] Routing, tokens per turn and cost (hybrid retrieval; the bot answers when answerable)');
  const model = createLocalLanguageModel();
  const turns: TurnFigures[] = [];
  for (const o of hybrid.outcomes) {
    if (!o.result.answerable) continue;
    const route = routeTurn({ question: o.question.question, confidence: o.result.confidence, hasImage: false, maxTier: defaultAiSettings.maxTier, budget: 'ok' });
    const request: ConverseRequest = {
      system: buildSystemPrompt({ companyName, documents: o.result.hits.map((h) => ({ title: h.title, ...(h.heading === undefined ? {} : { heading: h.heading }), text: h.text })) }),
      messages: [{ role: 'user', content: [{ text: o.question.question }] }],
      tools: answerTools,
      maxTokens: answerMaxTokens,
    };
    // The reply is the local model's answer from the same documents (it would call a tool first
    // when offered one, so it answers the request without tools; the tools still count as input).
    const reply = await model.converse({ ...request, tools: [] });
    turns.push({
      tier: route.tier,
      complexity: route.complexity,
      usage: {
        inputTokens: estimateTokens(requestChars(request)),
        outputTokens: reply.usage.outputTokens,
        embeddingTokens: estimateTokens(o.question.question.length),
      },
    });
  }
  const handedOver = hybrid.outcomes.length - turns.length;
  const tierCounts = new Map<ModelTier, number>();
  for (const turn of turns) tierCounts.set(turn.tier, (tierCounts.get(turn.tier) ?? 0) + 1);
  const routedNano = turns.reduce((sum, t) => sum + turnCost(t.tier, t.usage), 0);
  const premiumNano = turns.reduce((sum, t) => sum + turnCost('premium', t.usage), 0);
  const inputs = turns.map((t) => t.usage.inputTokens);
  const outputs = turns.map((t) => t.usage.outputTokens);
  const tiers = pricedTiers();
  const routingTable = [
    '| Tier | Model | Turns | Share |',
    '| --- | --- | --- | --- |',
    ...tiers.map((row) => `| ${row.tier} | ${row.label} (\`${row.modelId}\`) | ${tierCounts.get(row.tier) ?? 0} | ${pct((tierCounts.get(row.tier) ?? 0) / Math.max(1, turns.length))} |`),
    `| handed over (not answerable) | — | ${handedOver} | — |`,
  ];
  routingTable.forEach((line) => say(line));
  const tokenLine = turns.length === 0
    ? 'No question was answered, so no turn was priced.'
    : `Tokens per answered turn: input p50 ${percentile(inputs, 50)} / p95 ${percentile(inputs, 95)} / mean ${mean(inputs).toFixed(0)}; output p50 ${percentile(outputs, 50)} / p95 ${percentile(outputs, 95)} / mean ${mean(outputs).toFixed(0)}.`;
  const costLine = `Cost of the ${turns.length} answered turns: ${usd(routedNano)} with routing vs ${usd(premiumNano)} with every turn on premium (${premiumNano === 0 ? 'n/a' : pct(1 - routedNano / premiumNano)} saved); per 1,000 such turns ${usd((routedNano / Math.max(1, turns.length)) * 1000)} vs ${usd((premiumNano / Math.max(1, turns.length)) * 1000)}.`;
  say(`\n${tokenLine}\n${costLine}`);

  const verdict = hybrid.recall5 > keywordOnly.recall5 && hybrid.ndcg10 > keywordOnly.ndcg10
    ? `Hybrid beats keyword-only on both Recall@${promptK} (+${fixed(hybrid.recall5 - keywordOnly.recall5)}) and nDCG@${ndcgK} (+${fixed(hybrid.ndcg10 - keywordOnly.ndcg10)}).`
    : `Hybrid does NOT beat keyword-only on both metrics (Recall@${promptK} ${fixed(hybrid.recall5)} vs ${fixed(keywordOnly.recall5)}, nDCG@${ndcgK} ${fixed(hybrid.ndcg10)} vs ${fixed(keywordOnly.ndcg10)}).`;
  say(`\n${verdict}`);
  const durationSeconds = (performance.now() - startedAt) / 1000;
  say(`Total eval time: ${durationSeconds.toFixed(1)} s`);

  if (options.writeDocs) {
    const date = new Date().toISOString().slice(0, 10);
    const section = [
      `## ${sectionHeading}`,
      '',
      `Command: \`npm run eval -- --write-docs\` (measured ${date} on Node ${process.version}; the whole run took ${durationSeconds.toFixed(1)} s).`,
      '',
      `Data set: \`eval/knowledge/\` — ${documents.length} help-centre articles of a fictional outdoor store (${chunkCount} chunks with the product's chunker), and \`eval/questions.json\` — ${questions.length} questions written as customers type them (${[...kindCounts].map(([k, n]) => `${n} ${k}`).join(', ')}, ${withoutAnswer} with no answer in the articles), each labelled with the articles that answer it. Everything runs in-process: the product's chunker and embedding text, the laptop's embedder (\`${embedder.modelId}\`, ${embedder.dimensions} dimensions — a lexical stand-in for Titan, see its module), the Orama search index and the product's retrieval service with the default settings (minScore ${defaultAiSettings.minScore}, minConfidence ${defaultAiSettings.minConfidence}).`,
      '',
      `Recall@${promptK}: the share of a question's articles found among the top ${promptK} chunks (what the bot puts in its prompt); nDCG@${ndcgK}: binary gains over the articles of the top ${ndcgK} chunks (an article ranks where its best chunk ranks). Both over the ${questions.length - withoutAnswer} answerable questions. No-answer precision/recall: of the questions retrieval calls unanswerable (\`answerable: false\`, the bot hands over), how many truly have no answer, and how many of those it catches.`,
      '',
      ...retrievalTable,
      '',
      verdict,
      '',
      `Recall@${promptK} by kind of question (count in brackets):`,
      '',
      ...kindTable,
      '',
      'Hybrid retrieval with other fusion weights (same questions, same minScore):',
      '',
      ...weightTable,
      '',
      'Hybrid retrieval, the no-answer decision at other `minConfidence` values:',
      '',
      ...sweepTable,
      '',
      `The confidence (the best hit's raw cosine similarity) ranks an answerable question above an unanswerable one with probability ${fixed(confidenceAuc)} (ROC AUC): a useful but imperfect signal, so \`minConfidence\` trades needless hand-overs against answers from unrelated articles.`,
      '',
      `### Routing, tokens and cost`,
      '',
      `For the ${turns.length} questions hybrid retrieval calls answerable: the tier \`routeTurn\` picks (tenant default max tier, budget ok), the prompt the bot sends (\`buildSystemPrompt\` with the ${promptK} chunks, the question, the bot's tools; tokens by the local estimate, characters / 4) and the local model's extractive reply. Prices from \`shared/domain/ai-models.ts\`; the question's embedding is included. ${handedOver} questions would be handed over instead.`,
      '',
      ...routingTable,
      '',
      tokenLine,
      '',
      costLine,
      '',
      '### Reading the figures',
      '',
      '- "Semantic" here is the laptop\'s embedder: hashed words and character trigrams, not a neural model. It forgives typos and word endings (its typo recall is well above BM25\'s) but cannot match synonyms, so paraphrases that share no words with the article ("money back" for a refund, "puffer" for a down jacket) stay the hardest kind for every mode. Hybrid wins because the two retrievers miss different questions. With Titan embeddings in AWS, semantic-only and hybrid should do better on paraphrases; re-run the evaluation against Bedrock before trusting these absolute numbers there.',
      '- The confidence threshold is calibrated for this embedder. Titan\'s cosine similarities live on a different scale, so `minConfidence` must be re-tuned with this sweep for the Bedrock embedder; the default 0.35 is not portable.',
      '- Keyword-only and semantic-only share the confidence rule (the raw cosine of the hits they return), so their no-answer columns differ only by which chunks each returns.',
      '- The routing figures say which tier each question would reach and what the tokens would cost; they do not measure answer quality (the local model quotes sentences, it does not write). The replies are short extractive quotes, so output tokens, and both costs, are lower than a generative model\'s would be; input tokens (the prompt) are the product\'s real prompt sizes, and input dominates the bill at these lengths.',
      '',
    ].join('\n');
    await writeSection(docsPath, sectionHeading, section);
    say(`\nWrote the "${sectionHeading}" section of ${docsPath}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\neval failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exitCode = 1;
});
