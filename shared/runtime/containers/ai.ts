/**
 * The AI agent area — layer: runtime (container).
 *
 * {@link aiResponder}: the AI turn and H5's problem-fix draft (ai-responder), over the models
 * (models.ts), retrieval (H2's service over search.ts), the budget gate and cost recording
 * (ai-admin.ts), the WebSocket publisher (token streaming) and the outbound queue. The agents'
 * hand-off actions are in handoff.ts, the widget's job queueing in ai-queue.ts (so those
 * functions bundle none of this).
 */
import type { OutboundJob } from '../../ports/job-queue.js';
import { makeAnswerStreams } from '../../services/ai/answer-stream.js';
import { tablePricing } from '../../services/ai/pricing.js';
import { makeRunAiTurn } from '../../services/ai/run-ai-turn.js';
import { makeSendBotMessage, type SendBotMessage } from '../../services/ai/send-bot-message.js';
import { makeAutoAssign } from '../../services/conversations/auto-assign.js';
import { makeRetrieveKnowledge } from '../../services/knowledge/retrieve-knowledge.js';
import { makeDraftProblemFix } from '../../services/problems/index.js';
import { logger } from '../logger.js';
import { aiCosts, problemDraftDeps, problemRecorder } from './ai-admin.js';
import { deferred, perBase, realtimePublisher, type Base } from './base.js';
import { aiTurnRepository } from './handoff.js';
import { embedder, languageModels, reranker } from './models.js';
import { channelRepository, fileStorage, jobQueue } from './ports.js';
import {
  accountRepository, agentRepository, assignmentStateRepository, connectionRepository, conversationRepository, inboxRepository,
  messageRepository, subscriptionRepository,
} from './repositories.js';
import { searchIndex } from './search.js';

/** The bot's send (answers, hand-off notices) over a base: channel inboxes go through the outbound queue. */
export const botMessages = /* @__PURE__ */ perBase((b): SendBotMessage => makeSendBotMessage({
  conversations: conversationRepository(b), messages: messageRepository(b), inboxes: inboxRepository(b), clock: b.clock, ids: b.ids,
  enqueueOutbound: async (job: OutboundJob) => {
    try {
      await jobQueue(b).enqueueOutbound(job);
    } catch (error) {
      // The message stays visible to agents as failed (they can retry it) rather than queued forever.
      await channelRepository(b).markFailed(job, 'queue_unavailable', b.clock.nowIso());
      throw error;
    }
  },
}));

/** What ai-responder runs. */
export interface AiResponderServices {
  readonly runAiTurn: ReturnType<typeof makeRunAiTurn>;
  readonly draftProblemFix: ReturnType<typeof makeDraftProblemFix>;
}

function runAiTurnOver(b: Base) {
  // Each repository by name (not the whole `repositories(b)` set), so this function bundles only these.
  const repos = {
    accounts: accountRepository(b), inboxes: inboxRepository(b), conversations: conversationRepository(b), messages: messageRepository(b),
  };
  const retrieve = makeRetrieveKnowledge({ embedder: embedder(b), searchIndex: searchIndex(b), reranker: reranker(b) });
  return makeRunAiTurn({
    ...repos,
    aiTurns: aiTurnRepository(b),
    models: languageModels(b),
    retrieve: (input) => retrieve(input),
    files: fileStorage(b),
    budgetGate: (accountId, loaded) => aiCosts(b).budgetGate(accountId, loaded),
    recordAiCost: (input, loaded) => aiCosts(b).recordAiCost(input, loaded),
    recordUnanswered: async (input) => {
      await problemRecorder(b).recordUnansweredQuestion({ ...input, embedding: [...input.embedding] });
    },
    pricing: tablePricing,
    streams: makeAnswerStreams({ subscriptions: subscriptionRepository(b), publisher: realtimePublisher(b) }),
    sendBotMessage: botMessages(b),
    autoAssign: makeAutoAssign({
      ...repos, agents: agentRepository(b), connections: connectionRepository(b), assignmentState: assignmentStateRepository(b), clock: b.clock, ids: b.ids,
    }),
    clock: b.clock,
    ids: b.ids,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    burstQuietMs: b.config.aiTurn.burstQuietMs,
    log: (level, message, fields) => logger()[level](message, fields),
  });
}

/** The AI turn and the fix draft over a base (the process's by default). */
export const aiResponder = /* @__PURE__ */ perBase((b): AiResponderServices => ({
  runAiTurn: deferred(() => runAiTurnOver(b)),
  draftProblemFix: deferred(() => makeDraftProblemFix({ ...problemDraftDeps(b, tablePricing), model: languageModels(b).mid })),
}));

