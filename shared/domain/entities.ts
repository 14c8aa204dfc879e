/**
 * The helpdesk's nouns — layer: domain (pure types, no SDK, no zod, no clock).
 *
 * Every tenant-owned entity carries `accountId`; ids are ULIDs; times are ISO-8601 UTC strings.
 */

/** The channel types an inbox can be. */
export const channelTypes = ['web', 'sms', 'whatsapp', 'voice', 'messenger', 'instagram', 'whatsapp_cloud', 'email'] as const;
export type ChannelType = (typeof channelTypes)[number];

/** A tenant. */
export interface Account {
  readonly id: string;
  readonly name: string;
  /** Agents must enrol TOTP before using the dashboard. */
  readonly mfaRequired: boolean;
  readonly createdAt: string;
}

/** One channel instance of a tenant (a widget, a phone number, a page, a mailbox). */
export interface Inbox {
  readonly accountId: string;
  readonly id: string;
  readonly name: string;
  readonly channel: ChannelType;
  /** Provider-side address (phone number, page id, email address); absent for the web widget. */
  readonly channelAddress?: string;
  /** Public token embedded in the widget `<script>` tag; only for `web` inboxes. */
  readonly widgetToken?: string;
  readonly createdAt: string;
}

/** A customer. */
export interface Contact {
  readonly accountId: string;
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A contact's id on one channel (a phone number, a Messenger PSID, an email address). */
export interface ContactIdentity {
  readonly accountId: string;
  readonly contactId: string;
  readonly channel: ChannelType;
  readonly externalId: string;
  readonly createdAt: string;
}

export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const handlers = ['bot', 'human'] as const;
export type HandledBy = (typeof handlers)[number];
export const priorities = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

/** A thread between a contact and the tenant on one inbox. */
export interface Conversation {
  readonly accountId: string;
  readonly id: string;
  readonly inboxId: string;
  readonly contactId: string;
  readonly status: ConversationStatus;
  readonly handledBy: HandledBy;
  readonly priority: Priority;
  readonly assigneeId?: string;
  readonly teamId?: string;
  readonly lastActivityAt: string;
  /** Incremented on every change to the conversation or its messages; realtime events carry it. */
  readonly seq: number;
  readonly unreadCount: number;
  readonly createdAt: string;
}

export const messageTypes = ['incoming', 'outgoing', 'activity', 'note'] as const;
export type MessageType = (typeof messageTypes)[number];
export const messageStatuses = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];
export const authorTypes = ['contact', 'agent', 'bot', 'system'] as const;
export type AuthorType = (typeof authorTypes)[number];

/** One message of a conversation. Never rewritten as part of a growing item. */
export interface Message {
  readonly accountId: string;
  readonly conversationId: string;
  readonly inboxId: string;
  readonly id: string;
  /** The conversation's sequence number at the time this message was appended. */
  readonly seq: number;
  readonly type: MessageType;
  readonly status: MessageStatus;
  readonly authorType: AuthorType;
  readonly authorId?: string;
  readonly body: string;
  readonly createdAt: string;
}

export const agentRoles = ['admin', 'agent'] as const;
export type AgentRole = (typeof agentRoles)[number];

/** A person who works the inbox. */
export interface Agent {
  readonly accountId: string;
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: AgentRole;
  /** Argon2id PHC string. */
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** A signed-in agent's session; only the SHA-256 of its token is stored. */
export interface Session {
  readonly accountId: string;
  readonly tokenHash: string;
  readonly agentId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** Absolute expiry; idle expiry is computed from `lastSeenAt`. */
  readonly expiresAt: string;
}

/** Who is on the other end of a WebSocket connection. */
export type Principal =
  | { readonly kind: 'agent'; readonly agentId: string }
  | { readonly kind: 'visitor'; readonly contactId: string; readonly inboxId: string };

/** An open WebSocket connection. */
export interface Connection {
  readonly accountId: string;
  readonly connectionId: string;
  readonly principal: Principal;
  readonly connectedAt: string;
  /** Epoch seconds: API Gateway closes connections after 2 h, so the item expires after that. */
  readonly expiresAtEpoch: number;
}

/** A single-use ticket that authorizes one WebSocket `$connect`; only its hash is stored. */
export interface ConnectTicket {
  readonly accountId: string;
  readonly tokenHash: string;
  readonly principal: Principal;
  /** The Origin the ticket was issued for; `$connect` must come from it. */
  readonly origin: string;
  readonly expiresAt: string;
}
