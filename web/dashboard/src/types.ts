/**
 * The shapes the dashboard reads from the agents' API (docs/API.md). Kept here, not imported
 * from the backend, because the dashboard talks to the backend only over HTTP and WebSocket.
 */

export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type Priority = 'none' | 'low' | 'medium' | 'high' | 'urgent';
export type Role = 'admin' | 'agent';
export type Availability = 'online' | 'away';

/** `AgentView` of `GET /api/v1/agents`. */
export interface AgentView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly mfaEnabled: boolean;
  readonly availability: Availability;
  readonly online: boolean;
}

/** The signed-in agent as the auth routes return it. */
export interface SignedInAgent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly mfaEnabled?: boolean;
  readonly availability?: Availability;
}

/** `GET /api/v1/account`. */
export interface AccountView {
  readonly id: string;
  readonly name: string;
  readonly mfaRequired: boolean;
  readonly autoAssign?: boolean;
  readonly agentCapacity?: number;
}

/** `GET /api/v1/auth/me`. */
export interface MeAnswer {
  readonly agent: SignedInAgent;
  readonly account: AccountView;
  readonly mfaEnabled: boolean;
  readonly mfaEnrolmentRequired?: boolean;
  readonly sessionExpiresAt?: string;
}

/** `POST /api/v1/auth/login` and `…/mfa/verify`. */
export type LoginAnswer =
  | { readonly status: 'signed_in'; readonly agent: SignedInAgent; readonly account: AccountView }
  | { readonly status: 'mfa_required'; readonly mfaToken: string }
  | { readonly status: 'mfa_enrolment_required'; readonly agent: SignedInAgent; readonly account: AccountView };

/** `GET /api/v1/inboxes` items. */
export interface InboxView {
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  readonly channelAddress?: string;
  readonly widgetToken?: string;
}

/** One weekly opening range of the chat (day 0 = Sunday; `HH:MM`, end exclusive). */
export interface ServiceHoursRange {
  readonly day: number;
  readonly start: string;
  readonly end: string;
}

/** When the team answers the chat, in an IANA time zone. */
export interface ServiceHours {
  readonly timeZone: string;
  readonly weekly: readonly ServiceHoursRange[];
}

/** `GET /api/v1/inboxes/{inboxId}/widget` (admins). */
export interface WidgetSetup {
  readonly inboxId: string;
  readonly inboxName: string;
  readonly widgetToken: string;
  readonly widgetSecret: string;
  readonly settings: {
    readonly greeting: string;
    readonly offlineMessage: string;
    readonly replyTime: string;
    readonly serviceHours: ServiceHours | null;
    readonly allowedDomains: readonly string[];
  };
  readonly embedSnippet: string;
}

/** `PATCH /api/v1/inboxes/{inboxId}/widget` body (`null` or `''`: back to the default). */
export interface WidgetSettingsChanges {
  readonly greeting?: string | null;
  readonly offlineMessage?: string | null;
  readonly replyTime?: string | null;
  readonly serviceHours?: ServiceHours | null;
  readonly allowedDomains?: readonly string[];
}

/** `GET /api/v1/teams` items. */
export interface TeamView {
  readonly id: string;
  readonly name: string;
  readonly agentIds: readonly string[];
}

/** `ConversationView`: a conversation with its contact and last message. */
export interface ConversationView {
  readonly id: string;
  readonly inboxId: string;
  readonly contactId: string;
  readonly status: ConversationStatus;
  readonly handledBy: 'bot' | 'human';
  readonly priority: Priority;
  readonly assigneeId?: string;
  readonly teamId?: string;
  readonly lastActivityAt: string;
  readonly seq: number;
  readonly unreadCount: number;
  readonly createdAt: string;
  readonly snoozedUntil?: string;
  readonly contact?: { readonly id: string; readonly name?: string; readonly email?: string };
  readonly lastMessage?: { readonly body: string; readonly authorType: string; readonly createdAt: string; readonly type?: string };
}

/** An attachment of a message, when the backend includes them. */
export interface AttachmentView {
  readonly id?: string;
  readonly fileName?: string;
  readonly contentType?: string;
  readonly size?: number;
  readonly url?: string;
}

/** A message of a conversation (agents see notes and activity too). */
export interface MessageView extends MessageDelivery {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly type: 'incoming' | 'outgoing' | 'activity' | 'note';
  readonly status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  readonly authorType: 'contact' | 'agent' | 'bot' | 'system';
  readonly authorId?: string;
  readonly body: string;
  readonly createdAt: string;
  readonly attachments?: readonly AttachmentView[];
  readonly clientMessageId?: string;
  readonly readAt?: string;
}

/** `GET /api/v1/contacts/{id}`. */
export interface ContactDetails {
  readonly contact: {
    readonly id: string;
    readonly name?: string;
    readonly email?: string;
    readonly phone?: string;
    readonly createdAt?: string;
  };
  readonly identities: readonly { readonly channel: string; readonly externalId: string }[];
}

/** `GET /api/v1/conversations/counts`. */
export interface Counts {
  readonly open: number;
  readonly pending: number;
  readonly snoozed: number;
  readonly resolved: number;
  readonly mine: number;
  readonly unassigned: number;
}

/** A page of a list. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

/** `POST /api/v1/inboxes` answer (admins): the inbox and the URLs its provider must call. */
export interface CreatedInbox {
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  readonly channelAddress?: string;
  readonly webhookUrls: Readonly<Record<string, string>>;
}

/** `GET /api/v1/inboxes/{inboxId}/setup` (admins). `webhookUrls` is read by `lib/channels.ts` `webhookUrlList`. */
export interface InboxSetup {
  readonly channel?: string;
  readonly webhookUrls?: Readonly<Record<string, string>>;
  readonly channelAddress?: string;
  readonly hasCredentials?: boolean;
}

/** What an outgoing message says about its delivery (CORE's channel fields; all optional). */
export interface MessageDelivery {
  readonly failureReason?: string;
  readonly statusReason?: string;
  readonly delivery?: { readonly reason?: string; readonly error?: string; readonly lastError?: string; readonly attempts?: number };
  readonly template?: { readonly name: string; readonly language: string; readonly parameters?: readonly string[] };
}
