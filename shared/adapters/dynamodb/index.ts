/**
 * The DynamoDB adapter's public surface — layer: adapters (DynamoDB).
 *
 * `makeDynamoRepositories` gives every repository port over the single table; the container
 * picks it. The table helpers are for the laptop cloud and the tests; the item mappers and
 * entity names are for the table-stream decoder.
 */
import type {
  AccountRepository, AgentRepository, ConnectionRepository, ContactRepository, ConversationRepository, InboxRepository,
  MessageRepository, SessionRepository, SubscriptionRepository, TicketRepository,
} from '../../ports/repositories.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeAccountRepository } from './account-repository.js';
import { makeAgentRepository } from './agent-repository.js';
import { makeConnectionRepository } from './connection-repository.js';
import { makeContactRepository } from './contact-repository.js';
import { makeConversationRepository } from './conversation-repository.js';
import { makeInboxRepository } from './inbox-repository.js';
import { makeMessageRepository } from './message-repository.js';
import { makeSessionRepository } from './session-repository.js';
import { makeSubscriptionRepository } from './subscription-repository.js';
import { makeTicketRepository } from './ticket-repository.js';
// Conversations helper (teams, client message ids, round-robin, snooze wake-ups)
import { makeAssignmentStateRepository } from './assignment-state-repository.js';
import { makeClientMessageIdRepository } from './client-message-id-repository.js';
import { makeTeamRepository } from './team-repository.js';
import { makeWakeUpRepository } from './wake-up-repository.js';
import type { AssignmentStateRepository, ClientMessageIdRepository, TeamRepository, WakeUpRepository } from '../../ports/repositories.js';
import { makeAttachmentRepository, makeVisitorSessionRepository } from './visitor-session-repository.js';
import type { AttachmentRepository, VisitorSessionRepository } from '../../ports/repositories.js';
// Auth helper (sign-in throttling, MFA challenges, invitations)
import { makeInvitationRepository } from './invitation-repository.js';
import { makeLoginThrottleRepository } from './login-throttle-repository.js';
import { makeMfaChallengeRepository } from './mfa-challenge-repository.js';
import type { InvitationRepository, LoginThrottleRepository, MfaChallengeRepository } from '../../ports/repositories.js';

/** Every repository port, as one object. */
export interface Repositories {
  readonly accounts: AccountRepository;
  readonly inboxes: InboxRepository;
  readonly contacts: ContactRepository;
  readonly conversations: ConversationRepository;
  readonly messages: MessageRepository;
  readonly agents: AgentRepository;
  readonly sessions: SessionRepository;
  readonly tickets: TicketRepository;
  readonly connections: ConnectionRepository;
  readonly subscriptions: SubscriptionRepository;
  // Conversations helper
  readonly teams: TeamRepository;
  readonly clientMessageIds: ClientMessageIdRepository;
  readonly assignmentState: AssignmentStateRepository;
  readonly wakeUps: WakeUpRepository;
  // Widget (visitor sessions and attachments)
  readonly visitorSessions: VisitorSessionRepository;
  readonly attachments: AttachmentRepository;
  // Auth
  readonly loginThrottle: LoginThrottleRepository;
  readonly mfaChallenges: MfaChallengeRepository;
  readonly invitations: InvitationRepository;
}

/**
 * All repositories over one table, sharing one document client.
 *
 * @example
 * const repos = makeDynamoRepositories(createDocumentClient({ region, endpoint }), tableName);
 * await repos.accounts.get(caller.accountId);
 */
export function makeDynamoRepositories(client: DynamoDBDocumentClient, tableName: string): Repositories {
  const ctx = { client, tableName };
  return {
    accounts: makeAccountRepository(ctx),
    inboxes: makeInboxRepository(ctx),
    contacts: makeContactRepository(ctx),
    conversations: makeConversationRepository(ctx),
    messages: makeMessageRepository(ctx),
    agents: makeAgentRepository(ctx),
    sessions: makeSessionRepository(ctx),
    tickets: makeTicketRepository(ctx),
    connections: makeConnectionRepository(ctx),
    subscriptions: makeSubscriptionRepository(ctx),
    // Conversations helper
    teams: makeTeamRepository(ctx),
    clientMessageIds: makeClientMessageIdRepository(ctx),
    assignmentState: makeAssignmentStateRepository(ctx),
    wakeUps: makeWakeUpRepository(ctx),
    // Auth
    loginThrottle: makeLoginThrottleRepository(ctx),
    mfaChallenges: makeMfaChallengeRepository(ctx),
    invitations: makeInvitationRepository(ctx),
    // Widget (visitor sessions and attachments)
    visitorSessions: makeVisitorSessionRepository(ctx),
    attachments: makeAttachmentRepository(ctx),
  };
}

export { createDocumentClient, createDynamoClient, type DynamoOptions } from './client.js';
export { createTableInput, enableTtlInput, ensureTable } from './table.js';
export {
  BatchWriteIncompleteError, ConversationNotFoundError, EmailTakenError, InvalidKeyPartError, InvalidPageSizeError,
  ItemAlreadyExistsError, MalformedItemError, TableNotReadyError, WidgetTokenTakenError,
} from './errors.js';
export { conversationFromItem, messageFromItem } from './item-mappers.js';
export { entityNames } from './keys.js';
