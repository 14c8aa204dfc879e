/**
 * The table's repositories — layer: runtime (container).
 *
 * One memoised builder per repository over a base's table, and {@link repositories}, every one
 * of them as one object (its properties built on first read). An area that needs only a few
 * (the realtime functions, the scheduler) names them, so its bundle leaves the others out.
 */
import type { Repositories } from '../../adapters/dynamodb/index.js';
import { makeAccountRepository } from '../../adapters/dynamodb/account-repository.js';
import { makeAgentRepository } from '../../adapters/dynamodb/agent-repository.js';
import { makeAssignmentStateRepository } from '../../adapters/dynamodb/assignment-state-repository.js';
import { makeClientMessageIdRepository } from '../../adapters/dynamodb/client-message-id-repository.js';
import { makeConnectionRepository } from '../../adapters/dynamodb/connection-repository.js';
import { makeContactRepository } from '../../adapters/dynamodb/contact-repository.js';
import { makeConversationRepository } from '../../adapters/dynamodb/conversation-repository.js';
import { makeInboxRepository } from '../../adapters/dynamodb/inbox-repository.js';
import { makeInvitationRepository } from '../../adapters/dynamodb/invitation-repository.js';
import { makeLoginThrottleRepository } from '../../adapters/dynamodb/login-throttle-repository.js';
import { makeMessageRepository } from '../../adapters/dynamodb/message-repository.js';
import { makeMfaChallengeRepository } from '../../adapters/dynamodb/mfa-challenge-repository.js';
import { makeSessionRepository } from '../../adapters/dynamodb/session-repository.js';
import { makeSubscriptionRepository } from '../../adapters/dynamodb/subscription-repository.js';
import { makeTeamRepository } from '../../adapters/dynamodb/team-repository.js';
import { makeTicketRepository } from '../../adapters/dynamodb/ticket-repository.js';
import { makeAttachmentRepository, makeVisitorSessionRepository } from '../../adapters/dynamodb/visitor-session-repository.js';
import { makeWakeUpRepository } from '../../adapters/dynamodb/wake-up-repository.js';
import { perBase } from './base.js';

/** Each repository over a base (the process's by default). */
export const accountRepository = /* @__PURE__ */ perBase((b) => makeAccountRepository(b.table));
export const inboxRepository = /* @__PURE__ */ perBase((b) => makeInboxRepository(b.table));
export const contactRepository = /* @__PURE__ */ perBase((b) => makeContactRepository(b.table));
export const conversationRepository = /* @__PURE__ */ perBase((b) => makeConversationRepository(b.table));
export const messageRepository = /* @__PURE__ */ perBase((b) => makeMessageRepository(b.table));
export const agentRepository = /* @__PURE__ */ perBase((b) => makeAgentRepository(b.table));
export const sessionRepository = /* @__PURE__ */ perBase((b) => makeSessionRepository(b.table));
export const ticketRepository = /* @__PURE__ */ perBase((b) => makeTicketRepository(b.table));
export const connectionRepository = /* @__PURE__ */ perBase((b) => makeConnectionRepository(b.table));
export const subscriptionRepository = /* @__PURE__ */ perBase((b) => makeSubscriptionRepository(b.table));
export const teamRepository = /* @__PURE__ */ perBase((b) => makeTeamRepository(b.table));
export const clientMessageIdRepository = /* @__PURE__ */ perBase((b) => makeClientMessageIdRepository(b.table));
export const assignmentStateRepository = /* @__PURE__ */ perBase((b) => makeAssignmentStateRepository(b.table));
export const wakeUpRepository = /* @__PURE__ */ perBase((b) => makeWakeUpRepository(b.table));
export const loginThrottleRepository = /* @__PURE__ */ perBase((b) => makeLoginThrottleRepository(b.table));
export const mfaChallengeRepository = /* @__PURE__ */ perBase((b) => makeMfaChallengeRepository(b.table));
export const invitationRepository = /* @__PURE__ */ perBase((b) => makeInvitationRepository(b.table));
export const visitorSessionRepository = /* @__PURE__ */ perBase((b) => makeVisitorSessionRepository(b.table));
export const attachmentRepository = /* @__PURE__ */ perBase((b) => makeAttachmentRepository(b.table));

/** Every repository over a base (the process's by default), as one object. */
export const repositories = /* @__PURE__ */ perBase((b): Repositories => ({
  get accounts() { return accountRepository(b); },
  get inboxes() { return inboxRepository(b); },
  get contacts() { return contactRepository(b); },
  get conversations() { return conversationRepository(b); },
  get messages() { return messageRepository(b); },
  get agents() { return agentRepository(b); },
  get sessions() { return sessionRepository(b); },
  get tickets() { return ticketRepository(b); },
  get connections() { return connectionRepository(b); },
  get subscriptions() { return subscriptionRepository(b); },
  get teams() { return teamRepository(b); },
  get clientMessageIds() { return clientMessageIdRepository(b); },
  get assignmentState() { return assignmentStateRepository(b); },
  get wakeUps() { return wakeUpRepository(b); },
  get loginThrottle() { return loginThrottleRepository(b); },
  get mfaChallenges() { return mfaChallengeRepository(b); },
  get invitations() { return invitationRepository(b); },
  get visitorSessions() { return visitorSessionRepository(b); },
  get attachments() { return attachmentRepository(b); },
}));
