/**
 * Repository ports — layer: ports (interfaces in domain terms; no SDK types).
 *
 * Every method takes the caller's `accountId` first: it comes from verified credentials, never
 * from a request body. A lookup in another tenant's account finds nothing (`undefined`), because
 * every key starts with the account id. Adapters: `shared/adapters/dynamodb/`.
 */
import type { AiSettings } from '../domain/ai-settings.js';
import type {
  Account, Agent, ConnectTicket, Connection, Contact, ContactIdentity, Conversation,
  ConversationStatus, Inbox, Message, Session, WidgetSettings,
} from '../domain/entities.js';
import type { Team } from '../domain/entities.js';
import type { AgentAvailability, AgentMfa, AgentRole, Invitation } from '../domain/entities.js';
import type { Attachment, VisitorSession } from '../domain/entities.js';

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
  /** AP-34: changes settings; resolves the updated account, or undefined when it does not exist. */
  update(accountId: string, changes: AccountChanges): Promise<Account | undefined>;
}

export interface InboxRepository {
  create(inbox: Inbox): Promise<void>;
  get(accountId: string, inboxId: string): Promise<Inbox | undefined>;
  list(accountId: string): Promise<readonly Inbox[]>;
  /** Resolves a web inbox from its public widget token (a global routing item). */
  findByWidgetToken(widgetToken: string): Promise<{ accountId: string; inboxId: string } | undefined>;
  /**
   * Sets the inbox's widget secret unless it already has one (conditional: the first secret
   * wins, so two concurrent first uses agree); resolves with the stored secret, or undefined
   * when the inbox does not exist.
   */
  ensureWidgetSecret(accountId: string, inboxId: string, candidate: string): Promise<string | undefined>;
  // --- widget admin (AP-2) ---
  /**
   * Replaces a web inbox's widget settings (last writer wins); resolves with the inbox, or
   * undefined when the account has no such web inbox. Never creates an inbox.
   */
  setWidgetSettings(accountId: string, inboxId: string, settings: WidgetSettings): Promise<Inbox | undefined>;
  /**
   * Replaces the widget secret if it is still `expected` (compare-and-set: a retried or
   * concurrent rotation never overwrites a secret it did not see); resolves with the secret
   * stored afterwards (`next`, or another rotation's), or undefined when the inbox does not exist.
   */
  rotateWidgetSecret(accountId: string, inboxId: string, expected: string, next: string): Promise<string | undefined>;
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
  // --- conversations helper (AP-40, AP-41) ---
  /**
   * Applies changes and bumps `seq`; a status change also moves `lastActivityAt` to `at` (and
   * the conversation to the new status's list). `null` removes an optional field. Resolves
   * undefined when the conversation does not exist or a precondition (`ifStatus`,
   * `ifSnoozedUntil`) does not hold.
   */
  update(accountId: string, conversationId: string, changes: ConversationChanges, options: ConversationUpdateOptions): Promise<Conversation | undefined>;
  /** AP-40: conversations with a status and optional filters, most recent activity first. */
  list(accountId: string, filter: ConversationFilter, page: PageRequest): Promise<Page<Conversation>>;
  /** AP-40: how many conversations match a filter. */
  count(accountId: string, filter: ConversationFilter): Promise<number>;
}

/** Fields an update may change; `null` removes the field. */
export interface ConversationChanges {
  readonly status?: ConversationStatus;
  readonly handledBy?: Conversation['handledBy'];
  readonly priority?: Conversation['priority'];
  readonly assigneeId?: string | null;
  readonly teamId?: string | null;
  readonly snoozedUntil?: string | null;
  readonly unreadCount?: 0;
}

/** When and under which preconditions an update applies. */
export interface ConversationUpdateOptions {
  readonly at: string;
  readonly ifStatus?: ConversationStatus;
  readonly ifSnoozedUntil?: string;
}

/** Filters of a conversation listing; `assigneeId: null` means unassigned. */
export interface ConversationFilter {
  readonly status: ConversationStatus;
  readonly assigneeId?: string | null;
  readonly inboxId?: string;
  readonly teamId?: string;
  /** Only conversations handled by the bot, waiting for a person, or handled by a person. */
  readonly handledBy?: Conversation['handledBy'];
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
  /**
   * Marks a message `read` at `at` (conditional: only a message not yet read, so a repeated
   * call changes nothing and emits no event). Resolves the updated message, or undefined.
   */
  markRead(accountId: string, conversationId: string, messageId: string, at: string): Promise<Message | undefined>;
}

export interface AgentRepository {
  /** Creates the agent and claims its email globally; fails with EmailTakenError if taken. */
  create(agent: Agent): Promise<void>;
  get(accountId: string, agentId: string): Promise<Agent | undefined>;
  list(accountId: string): Promise<readonly Agent[]>;
  /** Resolves an agent by sign-in email (global routing item; emails are unique). */
  findByEmail(email: string): Promise<Agent | undefined>;
  /** AP-33: changes role, disabled or availability; resolves the updated agent, or undefined when it does not exist. */
  update(accountId: string, agentId: string, changes: AgentChanges): Promise<Agent | undefined>;
  /**
   * AP-33: compare-and-swap of the agent's MFA state: writes `next` (undefined removes it) only if
   * the stored state still equals `expected`. Resolves false when another request changed it first
   * (so a TOTP step or a recovery code is used at most once, even by concurrent requests).
   */
  replaceMfa(accountId: string, agentId: string, expected: AgentMfa | undefined, next: AgentMfa | undefined): Promise<boolean>;
}

/** Account settings an admin may change. */
export interface AccountChanges {
  readonly name?: string;
  readonly mfaRequired?: boolean;
  readonly autoAssign?: boolean;
  readonly agentCapacity?: number;
  /** The AI settings an admin changed (replaces the stored `ai` map; H5, AI settings). */
  readonly ai?: Partial<AiSettings>;
}

/** Agent fields that may change after creation. */
export interface AgentChanges {
  readonly role?: AgentRole;
  readonly disabled?: boolean;
  readonly availability?: AgentAvailability;
}

/** AP-30: failed sign-in attempts under one key (an email or an IP), within a window. */
export interface FailureCount {
  readonly failures: number;
  readonly lastFailureAt: string;
}

export interface LoginThrottleRepository {
  /** The failures recorded since `windowStart` (older failures count as none). */
  get(key: string, windowStart: string): Promise<FailureCount | undefined>;
  /** Adds one failure at `at` (restarting the count when the last one is before `windowStart`); resolves the new count. */
  recordFailure(key: string, at: string, windowStart: string, expiresAt: string): Promise<FailureCount>;
  clear(key: string): Promise<void>;
}

/** AP-31: the pending second step of a sign-in; only the token's hash is stored. */
export interface MfaChallenge {
  readonly accountId: string;
  readonly tokenHash: string;
  readonly agentId: string;
  readonly expiresAt: string;
}

export interface MfaChallengeRepository {
  create(challenge: MfaChallenge): Promise<void>;
  /** The challenge if it exists and has not expired at `now` (not consumed). */
  get(accountId: string, tokenHash: string, now: string): Promise<MfaChallenge | undefined>;
  /** Deletes the challenge; false when it was already gone (used by a concurrent request). */
  consume(accountId: string, tokenHash: string): Promise<boolean>;
}

export interface InvitationRepository {
  /** AP-32 */
  create(invitation: Invitation): Promise<void>;
  /** AP-32: deletes and returns an unexpired invitation (single use, by a conditional delete). */
  consume(accountId: string, tokenHash: string, now: string): Promise<Invitation | undefined>;
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

/** Widget visitor sessions (AP-50). */
export interface VisitorSessionRepository {
  create(session: VisitorSession): Promise<void>;
  /** The session with this token hash, expired or not (the caller checks `expiresAt`). */
  get(accountId: string, tokenHash: string): Promise<VisitorSession | undefined>;
}

/** Visitor uploads (AP-51). */
export interface AttachmentRepository {
  create(attachment: Attachment): Promise<void>;
  get(accountId: string, attachmentId: string): Promise<Attachment | undefined>;
}

// --- conversations helper: teams, client message ids, round-robin, snooze wake-ups (AP-42..AP-46) ---

/** Teams (AP-42). */
export interface TeamRepository {
  create(team: Team): Promise<void>;
  get(accountId: string, teamId: string): Promise<Team | undefined>;
  list(accountId: string): Promise<readonly Team[]>;
}

/** Where a client message id already led: the conversation and message it created. */
export interface ClientMessageClaim {
  readonly conversationId: string;
  readonly messageId: string;
}

/** Client message ids, so a retried send returns its first message (AP-43). */
export interface ClientMessageIdRepository {
  /**
   * Claims `clientMessageId` for a sender (`scope`, e.g. `contact:<id>`) with the ids it will
   * create; conditional, so only the first claim wins. Resolves with the claim that holds: this
   * one (`claimed: true`) or the earlier one.
   */
  claim(accountId: string, scope: string, clientMessageId: string, claim: ClientMessageClaim, expiresAt: string): Promise<{ readonly claimed: boolean; readonly claim: ClientMessageClaim }>;
}

/** The round-robin pointer of auto-assignment (AP-44). */
export interface AssignmentStateRepository {
  lastAssigned(accountId: string): Promise<string | undefined>;
  recordAssigned(accountId: string, agentId: string): Promise<void>;
}

/** A wake-up a snoozed conversation is waiting for (a global time-bucket item, AP-45). */
export interface WakeUp {
  readonly accountId: string;
  readonly conversationId: string;
  readonly at: string;
}

/** Snooze wake-ups, found by time bucket across accounts without a scan (AP-45, AP-46). */
export interface WakeUpRepository {
  schedule(wakeUp: WakeUp): Promise<void>;
  /** Wake-ups of one minute bucket (`yyyy-mm-ddThh:mm`) due at `now`. */
  listDue(bucket: string, now: string): Promise<readonly WakeUp[]>;
  remove(wakeUp: WakeUp): Promise<void>;
  /** The first bucket a named scan (`snooze`) has not fully processed (AP-46). */
  cursor(name: string): Promise<string | undefined>;
  /** Moves a named cursor forward (never back). */
  setCursor(name: string, bucket: string): Promise<void>;
}
