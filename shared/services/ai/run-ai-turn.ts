/**
 * The AI turn — layer: services. One job `{ kind: 'ai-turn', accountId, conversationId, messageId }`.
 *
 * Primary course:
 *  1. Load the conversation (once: the claim's condition, not a re-read, guards it afterwards;
 *     the account and the inbox are likewise read once and passed on); stay silent unless the bot handles it; a job whose message is at or
 *     before `aiAnsweredThrough` was answered with its burst (a no-op, retries included).
 *  2. Burst: wait until `burstQuietMs` passed since the newest customer message (at most
 *     {@link maxBurstWaitMs}), then claim the turn through that message (conditional write:
 *     the burst's other jobs and any redelivery find the claim and do nothing).
 *  3. The question = the customer's messages since the last reply; the window = the last
 *     {@link windowSize} messages (+ the hand-off summary, or the customer's earlier words quoted).
 *  4. Hand off when: the AI is off; the customer asks for a person; the budget is exhausted;
 *     retrieval (public knowledge) is not confident enough — then also record the problem.
 *  5. Route (complexity, tenant maximum, budget) and converse with the tools, streaming text
 *     as `ai.delta`; `handoff_to_human`, a failure or an empty answer hand off.
 *  6. Store the answer (markup stripped) as the bot's message with its AiAnswerMeta, under the
 *     id the stream announced; channel inboxes queue it outbound; record the turn's cost.
 */
import { modelForTier } from '../../domain/ai-models.js';
import { resolveAiSettings } from '../../domain/ai-settings.js';
import { buildSystemPrompt, earlierSummary, windowSize, windowTurns } from '../../domain/ai-prompt.js';
import type { Account, AiAnswerMeta, Citation, HandoffReason, Inbox, Message } from '../../domain/entities.js';
import { asksForPerson } from '../../domain/handoff.js';
import { stripMarkup } from '../../domain/markup.js';
import { routeTurn } from '../../domain/model-routing.js';
import { redactPii } from '../../domain/pii.js';
import type { AiTurnJob } from '../../ports/job-queue.js';
import type { ContentBlock, ConversationMessage } from '../../ports/language-model.js';
import type { SearchHit } from '../../ports/search-index.js';
import { uniqueCitations, traceChunk } from './answer-meta.js';
import { converseWithTools } from './converse-with-tools.js';
import { maxBurstWaitMs, type AiTurnDeps } from './deps.js';
import { makeHandOff } from './hand-off.js';
import { imageAttachments, imageBlocks } from './images.js';
import { TurnSpend } from './spend.js';
import { makeToolRunner } from './tool-runner.js';

/** What a turn did. */
export type AiTurnOutcome = 'answered' | 'handed_off' | 'silent' | 'already_answered' | 'missing';

/** How many recent messages a turn reads (the burst, the window and the last reply). */
const recentLimit = 30;

/** Creates the AI turn. */
export function makeRunAiTurn(deps: AiTurnDeps) {
  const handOff = makeHandOff(deps);
  const log = deps.log ?? (() => undefined);

  /** The newest messages (newest first) once the burst is quiet. */
  async function waitForQuiet(job: AiTurnJob): Promise<readonly Message[]> {
    let waited = 0;
    for (;;) {
      const recent = await deps.messages.list(job.accountId, job.conversationId, { limit: recentLimit, newestFirst: true });
      const newestIncoming = recent.find((m) => m.type === 'incoming');
      if (!newestIncoming) return recent;
      const wait = Date.parse(newestIncoming.createdAt) + deps.burstQuietMs - deps.clock.nowMs();
      if (wait <= 0 || waited >= maxBurstWaitMs) return recent;
      const step = Math.min(wait, maxBurstWaitMs - waited);
      await deps.sleep(step);
      waited += step;
    }
  }

  /**
   * Runs one job. `finalAttempt: false` (an early delivery of the job): a retryable model failure
   * gives the claim back and throws, so the queue retries the job; on the final attempt (the
   * default) any failure hands the conversation to people instead.
   */
  return async function runAiTurn(job: AiTurnJob, options: { readonly finalAttempt?: boolean } = {}): Promise<AiTurnOutcome> {
    const startedMs = deps.clock.nowMs();
    const { accountId, conversationId } = job;
    const first = await deps.conversations.get(accountId, conversationId);
    if (!first) return 'missing';
    if (first.handledBy !== 'bot') return 'silent';
    if (first.aiAnsweredThrough !== undefined && job.messageId <= first.aiAnsweredThrough) return 'already_answered';

    const recent = await waitForQuiet(job);
    const newestIncoming = recent.find((m) => m.type === 'incoming');
    if (!newestIncoming) return 'silent';
    const conversation = await deps.aiTurns.claimTurn(accountId, conversationId, newestIncoming.id);
    if (!conversation) {
      // Someone else moved the conversation on while the burst settled: read it (only here) to say who.
      const now = (await deps.conversations.get(accountId, conversationId)) ?? first;
      return now.handledBy === 'bot' ? 'already_answered' : 'silent';
    }
    // The claim held, so nothing at or after the newest message was claimed; and a conversation's
    // jobs run one at a time (one FIFO group per conversation) and only the turn itself writes
    // `aiAnsweredThrough`, so the claim replaced the value read first (no second read needed).

    const chronological = [...recent].reverse();
    const lastReplyIndex = chronological.findLastIndex((m) => m.type === 'outgoing');
    const pending = chronological
      .slice(lastReplyIndex + 1)
      .filter((m) => m.type === 'incoming' && (first.aiAnsweredThrough === undefined || m.id > first.aiAnsweredThrough));
    const answering = pending.length > 0 ? pending : [newestIncoming];
    const images = imageAttachments(answering);
    const question = answering.map((m) => m.body.trim()).filter(Boolean).join('\n') || (images.length > 0 ? 'The customer sent an image.' : '');
    const visible = chronological.filter((m) => m.type === 'incoming' || m.type === 'outgoing');
    const window = visible.slice(-windowSize);
    const earlier = earlierSummary(conversation.aiSummary?.text, visible.slice(0, -windowSize));
    const spend = new TurnSpend(deps.pricing);

    // Read once per turn and handed to every step that needs them (budget gate, bot messages,
    // cost recording, hand-off, auto-assignment), so none of them reads them again.
    let account: Account | undefined;
    let inbox: Promise<Inbox | undefined> | undefined;
    const loadInbox = () => (inbox ??= deps.inboxes.get(accountId, conversation.inboxId).catch((error: unknown) => {
      inbox = undefined; // a failed read is not remembered: the hand-off after it reads again
      throw error;
    }));
    const loaded = () => (account ? { account } : {});

    const handOver = async (reason: HandoffReason, detail?: string): Promise<AiTurnOutcome> => {
      log('info', 'ai turn handed off', { accountId, conversationId, reason });
      await handOff({ conversation, reason, window, spend, inbox: loadInbox, ...loaded(), ...(detail ? { detail } : {}) });
      return 'handed_off';
    };

    try {
      account = await deps.accounts.get(accountId);
      const settings = resolveAiSettings(account?.ai);
      if (!settings.enabled) return await handOver('ai_disabled');
      if (asksForPerson(question)) return await handOver('customer_asked');
      const budget = await deps.budgetGate(accountId, loaded());
      if (budget.state === 'exhausted') return await handOver('budget_exhausted');

      const retrieval = await deps.retrieve({ accountId, query: question, visibility: 'public', settings: budget.settings });
      spend.addEmbedding(retrieval.embeddingTokens);
      if (!retrieval.answerable) {
        await deps.recordUnanswered({ accountId, conversationId, contactId: conversation.contactId, question, embedding: retrieval.queryEmbedding }).catch((error: unknown) => {
          log('warn', 'unanswered question not recorded', { accountId, conversationId, errorName: (error as Error).name });
        });
        return await handOver('low_confidence');
      }

      const route = routeTurn({ question, confidence: retrieval.confidence, hasImage: images.length > 0, maxTier: settings.maxTier, budget: budget.state });
      const hits: SearchHit[] = [...retrieval.hits];
      const citations: Citation[] = [...retrieval.citations];
      const answerId = deps.ids.next();
      const files = deps.files;
      const stream = await deps.streams.open({ accountId, conversationId, messageId: answerId, seq: conversation.seq });
      const runTool = makeToolRunner({ deps, conversation, settings: budget.settings, spend, hits, citations });
      let outcome;
      try {
        outcome = await converseWithTools({
          model: deps.models[route.tier],
          tier: route.tier,
          system: buildSystemPrompt({ companyName: account?.name ?? 'the company', documents: retrieval.hits, ...(earlier ? { earlierSummary: earlier } : {}) }),
          messages: modelMessages(window, files && modelForTier(route.tier).supportsImages ? await imageBlocks(images, (key) => files.getObject(key)) : []),
          stream,
          spend,
          runTool,
          nowMs: () => deps.clock.nowMs(),
        });
      } finally {
        await stream.close();
      }
      if (outcome.handoff) return await handOver('tool_call', outcome.handoff.detail);
      const body = stripMarkup(outcome.text);
      if (!body) return await handOver('model_failed');

      const doneMs = deps.clock.nowMs();
      const ai: AiAnswerMeta = {
        modelId: outcome.modelId,
        pricedAs: spend.pricedAs || outcome.modelId,
        tier: route.tier,
        inputTokens: spend.inputTokens,
        outputTokens: spend.outputTokens,
        costNanoUsd: Math.ceil(spend.costNanoUsd),
        latencyMs: doneMs - startedMs,
        ...(outcome.firstTokenAtMs !== undefined ? { firstTokenMs: outcome.firstTokenAtMs - startedMs } : {}),
        citations: uniqueCitations(citations),
        trace: {
          chunks: hits.map(traceChunk),
          complexity: route.complexity,
          routingReason: route.reason,
          confidence: retrieval.confidence,
          toolCalls: outcome.toolCalls,
        },
      };
      const answerInbox = await loadInbox();
      const answer = await deps.sendBotMessage({ accountId, conversationId, body, messageId: answerId, ai }, { conversation, ...(answerInbox ? { inbox: answerInbox } : {}) });
      // The answer is out: a failure to count its cost is logged, never turned into a hand-off.
      await spend.record(deps.recordAiCost, { accountId, conversationId, messageId: answer.id, at: answer.createdAt }, loaded()).catch((error: unknown) => {
        log('error', 'ai turn cost not recorded', { accountId, conversationId, messageId: answer.id, costNanoUsd: ai.costNanoUsd, errorName: (error as Error).name });
      });
      log('info', 'ai turn answered', {
        accountId, conversationId, messageId: answer.id, tier: route.tier, complexity: route.complexity, inputTokens: ai.inputTokens,
        outputTokens: ai.outputTokens, costNanoUsd: ai.costNanoUsd, latencyMs: ai.latencyMs, question: redactPii(question).slice(0, 200),
      });
      return 'answered';
    } catch (error) {
      if ((error as { retryable?: unknown }).retryable === true && options.finalAttempt === false) {
        log('warn', 'ai turn failed; the queue retries it', { accountId, conversationId, errorName: (error as Error).name });
        await deps.aiTurns.releaseTurn(accountId, conversationId, newestIncoming.id, first.aiAnsweredThrough);
        throw error;
      }
      log('error', 'ai turn failed; handing off', { accountId, conversationId, errorName: (error as Error).name, errorMessage: redactPii((error as Error).message ?? '').slice(0, 300) });
      return handOver('model_failed');
    }
  };
}

/** The window as Converse messages, ending with the customer's turn (which carries the images, if any). */
function modelMessages(window: readonly Message[], images: readonly ContentBlock[]): ConversationMessage[] {
  const turns = windowTurns(window);
  while (turns.length > 0 && turns[turns.length - 1]!.role === 'assistant') turns.pop();
  return turns.map((t, i) => ({ role: t.role, content: [{ text: t.text }, ...(i === turns.length - 1 ? images : [])] }));
}
