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
