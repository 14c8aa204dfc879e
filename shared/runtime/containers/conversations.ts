/**
 * The conversation core area — layer: runtime (container).
 *
 * Three builders, so each function takes only its part: the visitor's use cases (widget-api),
 * the snooze wake-up (scheduler), and every conversation use case (agent-api, the full
 * container), whose replies on channel inboxes go through the outbound queue.
 */
import {
  makeAssignConversation, makeChangeConversationStatus, makeCountConversations, makeCreateTeam, makeGetContact, makeGetConversation,
  makeListContactConversations, makeListConversations, makeListInboxes, makeListMessages, makeListTeams, makeListVisitorConversations,
  makeMarkConversationRead, makeReceiveCustomerMessage, makeReplyToConversation, makeSetPriority, makeWakeSnoozedConversations,
} from '../../services/conversations/index.js';
import { deferred, perBase } from './base.js';
import { channelRepository, jobQueue, keyRing } from './ports.js';
import { conversationRepository, repositories, wakeUpRepository } from './repositories.js';

/** The use cases a widget visitor reaches. */
export interface VisitorConversationServices {
  readonly receiveCustomerMessage: ReturnType<typeof makeReceiveCustomerMessage>;
  readonly listMessages: ReturnType<typeof makeListMessages>;
  readonly markConversationRead: ReturnType<typeof makeMarkConversationRead>;
  readonly listVisitorConversations: ReturnType<typeof makeListVisitorConversations>;
}

/** The scheduler's wake-up of snoozed conversations. */
export interface SnoozeWakeUpServices {
  readonly wakeSnoozedConversations: ReturnType<typeof makeWakeSnoozedConversations>;
}

/** Every conversation use case. */
export interface ConversationServices extends VisitorConversationServices, SnoozeWakeUpServices {
  readonly listConversations: ReturnType<typeof makeListConversations>;
  readonly countConversations: ReturnType<typeof makeCountConversations>;
  readonly getConversation: ReturnType<typeof makeGetConversation>;
  readonly replyToConversation: ReturnType<typeof makeReplyToConversation>;
  readonly assignConversation: ReturnType<typeof makeAssignConversation>;
  readonly changeConversationStatus: ReturnType<typeof makeChangeConversationStatus>;
  readonly setPriority: ReturnType<typeof makeSetPriority>;
  readonly getContact: ReturnType<typeof makeGetContact>;
  readonly listContactConversations: ReturnType<typeof makeListContactConversations>;
  readonly listInboxes: ReturnType<typeof makeListInboxes>;
  readonly createTeam: ReturnType<typeof makeCreateTeam>;
  readonly listTeams: ReturnType<typeof makeListTeams>;
}

/** The visitor's conversation services over a base (the process's by default). */
export const visitorConversations = /* @__PURE__ */ perBase((b): VisitorConversationServices => ({
  receiveCustomerMessage: deferred(() => makeReceiveCustomerMessage({ ...repositories(b), clock: b.clock, ids: b.ids })),
  listMessages: deferred(() => makeListMessages({ ...repositories(b), keys: keyRing(b) })),
  markConversationRead: deferred(() => makeMarkConversationRead({ ...repositories(b), clock: b.clock })),
  listVisitorConversations: deferred(() => makeListVisitorConversations(repositories(b))),
}));

/** The snooze wake-up over a base (the process's by default). */
export const snoozeWakeUp = /* @__PURE__ */ perBase((b): SnoozeWakeUpServices => ({
  wakeSnoozedConversations: deferred(() => makeWakeSnoozedConversations({ conversations: conversationRepository(b), wakeUps: wakeUpRepository(b), clock: b.clock })),
}));

/** Every conversation service over a base (the process's by default). */
export const conversations = /* @__PURE__ */ perBase((b): ConversationServices => ({
  ...visitorConversations(b),
  ...snoozeWakeUp(b),
  listConversations: deferred(() => makeListConversations({ ...repositories(b), keys: keyRing(b) })),
  countConversations: deferred(() => makeCountConversations(repositories(b))),
  getConversation: deferred(() => makeGetConversation(repositories(b))),
  replyToConversation: deferred(() => makeReplyToConversation({
    ...repositories(b), clock: b.clock, ids: b.ids,
    // CHANNELS (CORE): replies on channel inboxes go through the outbound queue.
    outbound: {
      channelOf: async (accountId, inboxId) => (await repositories(b).inboxes.get(accountId, inboxId))?.channel,
      enqueue: async (job) => {
        try {
          await jobQueue(b).enqueueOutbound({ kind: 'outbound-send', ...job });
        } catch (error) {
          await channelRepository(b).markFailed(job, 'queue_unavailable', b.clock.nowIso());
          throw error;
        }
      },
    },
  })),
  assignConversation: deferred(() => makeAssignConversation({ ...repositories(b), clock: b.clock, ids: b.ids })),
  changeConversationStatus: deferred(() => makeChangeConversationStatus({ ...repositories(b), clock: b.clock })),
  setPriority: deferred(() => makeSetPriority({ ...repositories(b), clock: b.clock })),
  getContact: deferred(() => makeGetContact(repositories(b))),
  listContactConversations: deferred(() => makeListContactConversations({ ...repositories(b), keys: keyRing(b) })),
  listInboxes: deferred(() => makeListInboxes(repositories(b))),
  createTeam: deferred(() => makeCreateTeam({ ...repositories(b), clock: b.clock, ids: b.ids })),
  listTeams: deferred(() => makeListTeams(repositories(b))),
}));
