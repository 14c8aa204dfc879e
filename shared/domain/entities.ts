/**
 * The helpdesk's nouns — layer: domain (pure types, no SDK, no zod, no clock).
 *
 * Every tenant-owned entity carries `accountId`; ids are ULIDs; times are ISO-8601 UTC strings.
 */
import type { AiSettings } from './ai-settings.js';

/** The channel types an inbox can be. */
export const channelTypes = ['web', 'sms', 'whatsapp', 'voice', 'messenger', 'instagram', 'whatsapp_cloud', 'email'] as const;
export type ChannelType = (typeof channelTypes)[number];

/** A tenant. */
export interface Account {
  readonly id: string;
  readonly name: string;
  /** Agents must enrol TOTP before using the dashboard. */
  readonly mfaRequired: boolean;
  /** New conversations are assigned round-robin to available agents (see `agentCapacity`). */
  readonly autoAssign: boolean;
  /** Most open conversations auto-assignment gives one agent (1–100). */
  readonly agentCapacity: number;
  /** The AI agent's settings an admin changed (the rest are `defaultAiSettings`, shared/domain/ai-settings.ts). */
  readonly ai?: Partial<AiSettings>;
  readonly createdAt: string;
}

/** Settings an account has until an admin changes them (also read for items written before they existed). */
export const accountDefaults = { autoAssign: true, agentCapacity: 10 } as const;

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
  /**
   * Web inboxes: the secret the tenant's server signs user ids with (`hex(HMAC-SHA256(widgetSecret,
   * userId))`) to verify a signed-in visitor. Generated at creation, or on first use when absent.
   */
  readonly widgetSecret?: string;
  /** Web inboxes: what the chat window shows; defaults apply to anything absent. */
  readonly widgetSettings?: WidgetSettings;
  // --- channels (CORE) ---
  /** Non-web inboxes: the URL the provider posts to (Twilio signs it), from `SWITCHBOARD_PUBLIC_URL` at creation. */
  readonly webhookUrl?: string;
  /** Voice inboxes: the number a call is forwarded to when the caller asks for an agent. */
  readonly forwardingNumber?: string;
  /** WhatsApp inboxes: approved message templates agents may send outside the 24-hour window. */
  readonly templates?: readonly MessageTemplate[];
  // --- end channels ---
  readonly createdAt: string;
}

/** An approved WhatsApp message template. */
export interface MessageTemplate {
  readonly name: string;
  readonly language: string;
  /** The template's text with `{{1}}`-style parameters, shown to agents. */
  readonly body?: string;
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
/**
 * Who answers the customer: the AI agent (`bot`), nobody yet because the bot handed over and a
 * person has not picked it up (`pending_handoff`), or a person (`human`). The hand-off state
 * machine is in `shared/domain/handoff.ts`.
 */
export const handlers = ['bot', 'pending_handoff', 'human'] as const;
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
  /** When a snoozed conversation wakes up (present only while snoozed). */
  readonly snoozedUntil?: string;
  /** The contact's name and email when the conversation began, so the inbox list needs no extra reads. */
  readonly contactName?: string;
  readonly contactEmail?: string;
  /** Preview of the last customer-visible message, kept on the conversation item by every append. */
  readonly lastMessage?: LastMessagePreview;
  // --- AI agent (issue 4) ---
  /** The AI's summary for the agent, written when the bot hands the conversation over. */
  readonly aiSummary?: AiSummary;
  /** The newest incoming message id the bot has answered (a burst's later jobs find it and stay silent). */
  readonly aiAnsweredThrough?: string;
  /** The AI cost of this conversation so far, in nano-US-dollars (1e-9 USD), kept with `ADD`. */
  readonly aiCostNanoUsd?: number;
  // --- end AI agent ---
  readonly createdAt: string;
}

/** Why the bot handed a conversation to a person. */
export const handoffReasons = ['tool_call', 'low_confidence', 'customer_asked', 'budget_exhausted', 'agent_took_over', 'ai_disabled', 'model_failed'] as const;
export type HandoffReason = (typeof handoffReasons)[number];

/** What the agent reads when the bot hands a conversation over. */
export interface AiSummary {
  /** A few sentences: what the customer wants, what the bot tried. */
  readonly text: string;
  readonly reason: HandoffReason;
  readonly createdAt: string;
}

/** The model tiers routing chooses between (`vision` is the multimodal model for image input). */
export const modelTiers = ['small', 'mid', 'premium', 'vision'] as const;
export type ModelTier = (typeof modelTiers)[number];

/** A knowledge chunk an AI answer relied on, as shown to customers and agents. */
export interface Citation {
  readonly sourceId: string;
  readonly chunkId: string;
  readonly title: string;
  readonly heading?: string;
  /** The source's public link (web pages), when it has one. */
  readonly url?: string;
  readonly score: number;
}

/** One retrieved chunk in an answer's trace (agents only). */
export interface TraceChunk {
  readonly sourceId: string;
  readonly chunkId: string;
  readonly title: string;
  readonly heading?: string;
  /** At most 300 characters of the chunk. */
  readonly excerpt: string;
  readonly score: number;
  readonly semanticScore: number;
  readonly keywordScore: number;
}

/** How and at what cost an AI answer was made (stored on the bot's message; agents only). */
export interface AiAnswerMeta {
  /** The model that answered (for the laptop's stand-in, its own id). */
  readonly modelId: string;
  /** The price-table model the cost was computed with (equals `modelId` in AWS). */
  readonly pricedAs: string;
  readonly tier: ModelTier;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costNanoUsd: number;
  /** From the job's start to the stored answer. */
  readonly latencyMs: number;
  /** From the job's start to the first streamed token, when streamed. */
  readonly firstTokenMs?: number;
  readonly citations: readonly Citation[];
  readonly trace: {
    readonly chunks: readonly TraceChunk[];
    /** The complexity score (0–1) routing used. */
    readonly complexity: number;
    /** Why this tier: e.g. "complexity 0.32 → small", "budget above monthly limit → small". */
    readonly routingReason: string;
    /** Retrieval confidence (0–1) of the best chunk. */
    readonly confidence: number;
    readonly toolCalls: readonly { readonly name: string; readonly ok: boolean }[];
  };
}

/** The inbox list's preview of a conversation's last incoming or outgoing message. */
export interface LastMessagePreview {
  /** At most 200 characters of the body. */
  readonly body: string;
  readonly authorType: AuthorType;
  readonly createdAt: string;
}

/** A file attached to a message (uploaded by the widget through a presigned URL). */
export interface MessageAttachment {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  /** Where the file is stored (the bucket's object key); agents' and visitors' views turn it into a URL. */
  readonly objectKey?: string;
  readonly url?: string;
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
  /** The sender's own id for this message; a retry with the same id returns the first message. */
  readonly clientMessageId?: string;
  readonly attachments?: readonly MessageAttachment[];
  /** When the other side read it (status `read`). */
  readonly readAt?: string;
  // --- channels (CORE) ---
  /** The provider's id of the message (Twilio SID, Meta mid / wamid, SendGrid id). */
  readonly providerMessageId?: string;
  /** Why the provider refused it (status `failed`), shown to agents. */
  readonly failureReason?: string;
  /** Outgoing WhatsApp messages outside the 24-hour window: the approved template sent. */
  readonly template?: { readonly name: string; readonly language: string; readonly parameters?: readonly string[] };
  /** Emails: threading headers (and the original HTML of an incoming email). */
  readonly email?: { readonly messageId: string; readonly inReplyTo?: string; readonly references?: readonly string[]; readonly subject?: string; readonly html?: string };
  // --- end channels ---
  /** Bot answers: model, tokens, cost, latency, citations and the retrieval trace. */
  readonly ai?: AiAnswerMeta;
  readonly createdAt: string;
}

/** A group of agents conversations can be assigned to. */
export interface Team {
  readonly accountId: string;
  readonly id: string;
  readonly name: string;
  readonly agentIds: readonly string[];
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
  /** TOTP state; absent until the agent sets MFA up. */
  readonly mfa?: AgentMfa;
  /** Whether the agent takes new conversations; absent means `online`. */
  readonly availability?: AgentAvailability;
  readonly createdAt: string;
}

export const agentAvailabilities = ['online', 'away'] as const;
export type AgentAvailability = (typeof agentAvailabilities)[number];

/** An agent's TOTP (RFC 6238) state. */
export interface AgentMfa {
  /** The base32 secret, encrypted with the key ring's `totp-secret` key. */
  readonly secretCiphertext: string;
  /** False between set-up and the first confirmed code. */
  readonly enabled: boolean;
  /** The last accepted time step (epoch seconds / 30); a code of this step or earlier is refused. */
  readonly lastUsedStep?: number;
  /** SHA-256 (hex) of the unused recovery codes; a used one is removed. */
  readonly recoveryCodeHashes: readonly string[];
}

/** An invitation for a person to join an account as an agent; only the token's hash is stored. */
export interface Invitation {
  readonly accountId: string;
  readonly id: string;
  readonly tokenHash: string;
  readonly email: string;
  readonly name: string;
  readonly role: AgentRole;
  readonly invitedBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
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
  /** True when the session may only enrol MFA (the account requires it and the agent has none). */
  readonly mfaLimited?: boolean;
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

/** Days of the week as `Date#getDay` numbers them: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** One weekly opening range, in the service hours' time zone (`HH:MM`, end exclusive, may be `24:00`). */
export interface ServiceHoursRange {
  readonly day: Weekday;
  readonly start: string;
  readonly end: string;
}

/** When the team answers the web chat. */
export interface ServiceHours {
  /** IANA time zone, e.g. `Europe/Paris`. */
  readonly timeZone: string;
  readonly weekly: readonly ServiceHoursRange[];
}

/** A web inbox's widget settings (every field optional; the domain fills in defaults). */
export interface WidgetSettings {
  readonly greeting?: string;
  /** Absent: always online. */
  readonly serviceHours?: ServiceHours;
  readonly offlineMessage?: string;
  /** Human wording such as "a few minutes". */
  readonly replyTime?: string;
  /** Host-page origins (`https://shop.example`) the widget may be embedded on; empty: anywhere. */
  readonly allowedDomains?: readonly string[];
}

/**
 * A widget visitor's session: the bearer visitor token is `<accountId>.<secret>`; only the
 * SHA-256 of it is stored. Bound to the account, the web inbox and the contact.
 */
export interface VisitorSession {
  readonly accountId: string;
  readonly tokenHash: string;
  readonly inboxId: string;
  readonly contactId: string;
  /** Set when the session was opened with a valid user hash; every request must then re-prove it. */
  readonly verifiedUserId?: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** A file a visitor uploads (S3, presigned PUT) and then references from a message. */
export interface Attachment {
  readonly accountId: string;
  readonly id: string;
  readonly inboxId: string;
  /** The contact that may reference it. */
  readonly contactId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  /** The S3 object key (tenant-first: `accounts/<accountId>/attachments/<id>/<fileName>`). */
  readonly objectKey: string;
  readonly createdAt: string;
}
