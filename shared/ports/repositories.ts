/**
 * Repository ports — layer: ports (interfaces in domain terms; no SDK types).
 *
 * Every method takes the caller's `accountId` first: it comes from verified credentials, never
 * from a request body. A lookup in another tenant's account finds nothing (`undefined`), because
 * every key starts with the account id. Adapters: `shared/adapters/dynamodb/`.
 */
import type {
  Account, Agent, ConnectTicket, Connection, Contact, ContactIdentity, Conversation,
  ConversationStatus, Inbox, Message, Session,
} from '../domain/entities.js';

/** One page of a listing, with an opaque continuation key (`undefined` on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextKey?: Record<string, unknown>;
}

/** Paging input for listings. */
export interface PageRequest {
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}

export interface AccountRepository {
  create(account: Account): Promise<void>;
  get(accountId: string): Promise<Account | undefined>;
}

export interface InboxRepository {
  create(inbox: Inbox): Promise<void>;
  get(accountId: string, inboxId: string): Promise<Inbox | undefined>;
  list(accountId: string): Promise<readonly Inbox[]>;
  /** Resolves a web inbox from its public widget token (a global routing item). */
  findByWidgetToken(widgetToken: string): Promise<{ accountId: string; inboxId: string } | undefined>;
}

export interface ContactRepository {
  create(contact: Contact): Promise<void>;
  get(accountId: string, contactId: string): Promise<Contact | undefined>;
  /**
   * Links an identity to a contact. Conditional: an identity already linked to a contact keeps
   * its first contact, and the existing link is returned.
   */
  linkIdentity(identity: ContactIdentity): Promise<ContactIdentity>;
  findByIdentity(accountId: string, channel: ContactIdentity['channel'], externalId: string): Promise<ContactIdentity | undefined>;
  listIdentities(accountId: string, contactId: string): Promise<readonly ContactIdentity[]>;
}

export interface ConversationRepository {
  create(conversation: Conversation): Promise<void>;
  get(accountId: string, conversationId: string): Promise<Conversation | undefined>;
  /** Conversations with a status, most recent activity first. */
  listByStatus(accountId: string, status: ConversationStatus, page: PageRequest): Promise<Page<Conversation>>;
  /** A contact's conversations, newest first. */
  listByContact(accountId: string, contactId: string, page: PageRequest): Promise<Page<Conversation>>;
  /** Changes status (and bumps `seq` and `lastActivityAt`); undefined when not found. */
  setStatus(accountId: string, conversationId: string, status: ConversationStatus, at: string): Promise<Conversation | undefined>;
}

/** A message to append; `seq` is assigned by the repository from the conversation counter. */
export type NewMessage = Omit<Message, 'seq'>;

export interface MessageRepository {
  /**
   * Appends a message: bumps the conversation's `seq`, `lastActivityAt` (and `unreadCount` for
   * incoming messages), then writes the message with that seq. Idempotent on the message id:
   * appending the same id again returns the stored message and changes nothing.
   */
  append(message: NewMessage): Promise<Message>;
  get(accountId: string, conversationId: string, messageId: string): Promise<Message | undefined>;
  /** Messages oldest → newest after `afterId` (exclusive), or newest page when `newestFirst`. */
  list(accountId: string, conversationId: string, options: { limit: number; afterId?: string; beforeId?: string; newestFirst?: boolean }): Promise<readonly Message[]>;
}

export interface AgentRepository {
  /** Creates the agent and claims its email globally; fails with EmailTakenError if taken. */
  create(agent: Agent): Promise<void>;
  get(accountId: string, agentId: string): Promise<Agent | undefined>;
  list(accountId: string): Promise<readonly Agent[]>;
  /** Resolves an agent by sign-in email (global routing item; emails are unique). */
  findByEmail(email: string): Promise<Agent | undefined>;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  get(accountId: string, tokenHash: string): Promise<Session | undefined>;
  /** Records activity for the idle timeout. */
  touch(accountId: string, tokenHash: string, at: string): Promise<void>;
  delete(accountId: string, tokenHash: string): Promise<void>;
  listByAgent(accountId: string, agentId: string): Promise<readonly Session[]>;
}

export interface TicketRepository {
  create(ticket: ConnectTicket): Promise<void>;
  /**
   * Deletes and returns the ticket if it exists and has not expired at `now`; a second call
   * with the same hash returns undefined (single use, enforced by a conditional delete).
   */
  consume(accountId: string, tokenHash: string, now: string): Promise<ConnectTicket | undefined>;
}

export interface ConnectionRepository {
  put(connection: Connection): Promise<void>;
  get(accountId: string, connectionId: string): Promise<Connection | undefined>;
  /** Deletes the connection and every subscription of it. */
  delete(accountId: string, connectionId: string): Promise<void>;
  listByAgent(accountId: string, agentId: string): Promise<readonly Connection[]>;
}

export interface SubscriptionRepository {
  /** Subscribes (idempotent); the subscription expires with the connection. */
  subscribe(accountId: string, connectionId: string, topic: string, expiresAtEpoch: number): Promise<void>;
  unsubscribe(accountId: string, connectionId: string, topic: string): Promise<void>;
  /** Connection ids subscribed to a topic. */
  listSubscribers(accountId: string, topic: string): Promise<readonly string[]>;
  /** Topics a connection is subscribed to. */
  listTopics(accountId: string, connectionId: string): Promise<readonly string[]>;
}
