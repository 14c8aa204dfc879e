/**
 * AI costs, budgets, notifications and unresolved problems — layer: runtime (container).
 *
 * Builders, so each function takes only its part:
 * - {@link aiCosts}: `recordAiCost` and `budgetGate`, the AI turn's (ai-responder) view of money;
 * - {@link problemRecorder}: `recordUnansweredQuestion` (the AI turn embeds the question first);
 * - {@link aiAdmin}: every use case of the admins' routes (agent-api).
 * The fix draft (`makeDraftProblemFix`) needs the mid-tier model: ai-responder's container builds
 * it with {@link problemDraftDeps} and its model.
 */
import { makeCostLedgerRepository } from '../../adapters/dynamodb/cost-ledger-repository.js';
import { makeNotificationRepository } from '../../adapters/dynamodb/notification-repository.js';
import { makeProblemRepository } from '../../adapters/dynamodb/problem-repository.js';
import type { CostLedger } from '../../ports/cost-ledger.js';
import type { Pricing } from '../../services/ai/deps.js';
import type { NotificationRepository } from '../../ports/notifications.js';
import type { ProblemRepository } from '../../ports/problems.js';
import {
  makeBudgetGate, makeGetAiCosts, makeGetAiSettings, makeListConversationCosts, makeRecordAiCost, makeUpdateAiSettings,
} from '../../services/ai-costs/index.js';
import { makeSendBotMessage } from '../../services/ai/send-bot-message.js';
import { makeCreateKnowledgeSource } from '../../services/knowledge/sources.js';
import { makeListNotifications, makeMarkNotificationRead, makeNotify } from '../../services/notifications/index.js';
import {
  makeApproveProblemFix, makeGetProblem, makeListProblems, makeRecordUnansweredQuestion, makeRequestProblemFixDraft, makeResolveProblem,
  type DraftProblemFixDeps,
} from '../../services/problems/index.js';
import { deferred, perBase, type Base } from './base.js';
import { channelRepository, fileStorage, jobQueue } from './ports.js';
import { accountRepository, conversationRepository, inboxRepository, messageRepository } from './repositories.js';
import { makeKnowledgeSourceRepository } from '../../adapters/dynamodb/knowledge-repository.js';

/** The ledger, notifications and problems over a base's table. */
export const costLedger = /* @__PURE__ */ perBase((b): CostLedger => makeCostLedgerRepository(b.table));
export const notificationRepository = /* @__PURE__ */ perBase((b): NotificationRepository => makeNotificationRepository(b.table));
export const problemRepository = /* @__PURE__ */ perBase((b): ProblemRepository => makeProblemRepository(b.table));

/** Notifies an account's admins (stored; the stream pushes `notification.created`). */
export const notifier = /* @__PURE__ */ perBase((b) => makeNotify({ notifications: notificationRepository(b), clock: b.clock, ids: b.ids }));

/** The AI turn's money: cost recording (with budget alerts) and the budget gate. */
export interface AiCostServices {
  readonly recordAiCost: ReturnType<typeof makeRecordAiCost>;
  readonly budgetGate: ReturnType<typeof makeBudgetGate>;
}

/** Cost recording and the budget gate over a base (the process's by default). */
export const aiCosts = /* @__PURE__ */ perBase((b): AiCostServices => ({
  recordAiCost: deferred(() => makeRecordAiCost({ costLedger: costLedger(b), accounts: accountRepository(b), notify: notifier(b) })),
  budgetGate: deferred(() => makeBudgetGate({ costLedger: costLedger(b), accounts: accountRepository(b), clock: b.clock })),
}));

/** Recording unanswered questions (the caller passes the question's embedding). */
export const problemRecorder = /* @__PURE__ */ perBase((b) => ({
  recordUnansweredQuestion: deferred(() => makeRecordUnansweredQuestion({ problems: problemRepository(b), clock: b.clock, ids: b.ids })),
}));

/**
 * Everything `makeDraftProblemFix` needs but the model (ai-responder's container adds its mid-tier
 * model and passes the price table, so a draft's tokens count against the month like answers do).
 */
export function problemDraftDeps(b: Base, pricing: Pick<Pricing, 'model'>): Omit<DraftProblemFixDeps, 'model'> {
  return {
    problems: problemRepository(b),
    messages: messageRepository(b),
    notify: notifier(b),
    clock: b.clock,
    recordCost: async ({ accountId, key, at, inputTokens, outputTokens, modelId }) => {
      const { costNanoUsd, pricedAs } = pricing.model('mid', modelId, { inputTokens, outputTokens });
      // No conversation: the day and month count it, once per key.
      await aiCosts(b).recordAiCost({ accountId, messageId: key, at, costNanoUsd, inputTokens, outputTokens, modelId: pricedAs });
    },
  };
}

/** The admins' AI use cases (agent-api). */
export interface AiAdminServices {
  readonly getAiSettings: ReturnType<typeof makeGetAiSettings>;
  readonly updateAiSettings: ReturnType<typeof makeUpdateAiSettings>;
  readonly getAiCosts: ReturnType<typeof makeGetAiCosts>;
  readonly listConversationCosts: ReturnType<typeof makeListConversationCosts>;
  readonly listNotifications: ReturnType<typeof makeListNotifications>;
  readonly markNotificationRead: ReturnType<typeof makeMarkNotificationRead>;
  readonly listProblems: ReturnType<typeof makeListProblems>;
  readonly getProblem: ReturnType<typeof makeGetProblem>;
  readonly requestProblemFixDraft: ReturnType<typeof makeRequestProblemFixDraft>;
  readonly approveProblemFix: ReturnType<typeof makeApproveProblemFix>;
  readonly resolveProblem: ReturnType<typeof makeResolveProblem>;
}

/** The admins' AI use cases over a base (the process's by default). */
export const aiAdmin = /* @__PURE__ */ perBase((b): AiAdminServices => {
  const reports = () => ({ costLedger: costLedger(b), accounts: accountRepository(b), conversations: conversationRepository(b), clock: b.clock });
  return {
    getAiSettings: deferred(() => makeGetAiSettings({ accounts: accountRepository(b) })),
    updateAiSettings: deferred(() => makeUpdateAiSettings({ accounts: accountRepository(b) })),
    getAiCosts: deferred(() => makeGetAiCosts(reports())),
    listConversationCosts: deferred(() => makeListConversationCosts(reports())),
    listNotifications: deferred(() => makeListNotifications({ notifications: notificationRepository(b) })),
    markNotificationRead: deferred(() => makeMarkNotificationRead({ notifications: notificationRepository(b), clock: b.clock })),
    listProblems: deferred(() => makeListProblems({ problems: problemRepository(b) })),
    getProblem: deferred(() => makeGetProblem({ problems: problemRepository(b) })),
    requestProblemFixDraft: deferred(() => makeRequestProblemFixDraft({ problems: problemRepository(b), enqueue: (job) => jobQueue(b).enqueueAiJob(job) })),
    approveProblemFix: deferred(() => {
      const create = makeCreateKnowledgeSource({
        sources: makeKnowledgeSourceRepository(b.table), storage: fileStorage(b), jobs: jobQueue(b), clock: b.clock, ids: b.ids,
      });
      return makeApproveProblemFix({
        problems: problemRepository(b),
        createSource: async ({ accountId, title, content }) => {
          const source = await create({ accountId, input: { kind: 'markdown', title, visibility: 'public', content } });
          return { sourceId: source.id };
        },
      });
    }),
    resolveProblem: deferred(() => makeResolveProblem({
      problems: problemRepository(b),
      conversations: conversationRepository(b),
      sendBotMessage: makeSendBotMessage({
        conversations: conversationRepository(b), messages: messageRepository(b), inboxes: inboxRepository(b), clock: b.clock, ids: b.ids,
        enqueueOutbound: async (job) => {
          try {
            await jobQueue(b).enqueueOutbound(job);
          } catch (error) {
            await channelRepository(b).markFailed(job, 'queue_unavailable', b.clock.nowIso());
            throw error;
          }
        },
      }),
      clock: b.clock,
    })),
  };
});
