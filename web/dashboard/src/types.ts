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
  readonly handledBy: HandledBy;
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
  /** The bot's hand-off summary for the agent (issue 4). */
  readonly aiSummary?: AiSummaryView;
  /** What the AI has cost on this conversation so far, in US dollars. */
  readonly aiCostUsd?: number;
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
  /** How an AI answer was made (bot messages, agents only). */
  readonly ai?: AiAnswerView;
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

// --- AI agent (issue 4) -----------------------------------------------------------------

/** Who answers a conversation: the bot, nobody yet (the bot handed it over), or a person. */
export type HandledBy = 'bot' | 'pending_handoff' | 'human';

/** The model tiers routing picks between. */
export type ModelTier = 'small' | 'mid' | 'premium' | 'vision';

/** Why the bot handed a conversation over. */
export type HandoffReason = 'tool_call' | 'low_confidence' | 'customer_asked' | 'budget_exhausted' | 'agent_took_over' | 'ai_disabled' | 'model_failed';

/** The hand-off summary written by the bot. */
export interface AiSummaryView {
  readonly text: string;
  readonly reason: HandoffReason | string;
  readonly createdAt: string;
}

/** A knowledge chunk an answer cited. */
export interface CitationView {
  readonly sourceId?: string;
  readonly chunkId?: string;
  readonly title: string;
  readonly heading?: string;
  readonly url?: string;
  readonly score?: number;
}

/** One retrieved chunk of an answer's trace. */
export interface TraceChunkView {
  readonly sourceId: string;
  readonly chunkId: string;
  readonly title: string;
  readonly heading?: string;
  readonly excerpt: string;
  readonly score: number;
  readonly semanticScore: number;
  readonly keywordScore: number;
}

/** `message.ai` of a bot answer (agent message view). */
export interface AiAnswerView {
  readonly modelId: string;
  readonly pricedAs?: string;
  readonly tier: ModelTier;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd?: number;
  readonly latencyMs: number;
  readonly firstTokenMs?: number;
  readonly citations?: readonly CitationView[];
  readonly trace?: {
    readonly chunks?: readonly TraceChunkView[];
    readonly complexity?: number;
    readonly routingReason?: string;
    readonly confidence?: number;
    readonly toolCalls?: readonly { readonly name: string; readonly ok: boolean }[];
  };
}

/** `GET/PUT /api/v1/ai/settings` `settings`. Money in US dollars. */
export interface AiSettingsView {
  readonly enabled: boolean;
  readonly maxTier: 'small' | 'mid' | 'premium';
  readonly fusionWeights: { readonly semantic: number; readonly keyword: number };
  readonly minScore: number;
  readonly minConfidence: number;
  readonly rerank: boolean;
  readonly monthlyBudgetUsd: number;
  readonly alertPercents: readonly number[];
  readonly hardCapUsd: number;
}

/** The month's budget state. */
export type BudgetState = 'ok' | 'over_budget' | 'exhausted';

/** `GET /api/v1/ai/costs`. */
export interface CostsView {
  readonly days: readonly { readonly day: string; readonly costUsd: number; readonly turns: number; readonly inputTokens: number; readonly outputTokens: number }[];
  readonly month: { readonly month: string; readonly spendUsd: number; readonly budgetUsd: number; readonly hardCapUsd: number; readonly state: BudgetState };
}

/** `GET /api/v1/ai/costs/conversations` items. */
export interface ConversationCostView {
  readonly conversationId: string;
  readonly contactName?: string;
  readonly costUsd: number;
  readonly turns: number;
}

/** Knowledge source kinds. */
export type KnowledgeKind = 'text' | 'markdown' | 'html' | 'pdf' | 'faq';

/** `KnowledgeSourceView`. */
export interface KnowledgeSourceView {
  readonly id: string;
  readonly kind: KnowledgeKind;
  readonly title: string;
  readonly visibility: 'public' | 'internal';
  readonly url?: string;
  readonly status: 'queued' | 'indexing' | 'ready' | 'failed';
  readonly error?: string;
  readonly chunkCount: number;
  readonly version: number;
  readonly sizeBytes: number;
  readonly progress?: { readonly done: number; readonly total: number };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly indexedAt?: string;
}

/** `POST`/`PUT /api/v1/knowledge/sources` body. */
export interface KnowledgeSourceBody {
  readonly kind: KnowledgeKind;
  readonly title: string;
  readonly visibility?: 'public' | 'internal';
  readonly url?: string;
  readonly content?: string;
  readonly faq?: readonly { readonly question: string; readonly answer: string }[];
  readonly contentBase64?: string;
}

/** A hit of `GET /api/v1/knowledge/search`. */
export interface KnowledgeHitView {
  readonly chunkId: string;
  readonly sourceId: string;
  readonly title: string;
  readonly heading?: string;
  readonly text: string;
  readonly score: number;
  readonly semanticScore: number;
  readonly keywordScore: number;
}

/** `GET /api/v1/knowledge/search`. */
export interface KnowledgeSearchView {
  readonly hits: readonly KnowledgeHitView[];
  readonly confidence: number;
  readonly answerable: boolean;
}

/** A question the bot could not answer, grouped (`GET /api/v1/problems`). */
export interface ProblemView {
  readonly id: string;
  readonly question: string;
  readonly status: 'open' | 'fix_drafted' | 'resolved';
  readonly affectedContacts: number;
  readonly occurrences: number;
  readonly samples: readonly { readonly conversationId: string; readonly contactId: string; readonly question: string; readonly at: string }[];
  readonly draft?: { readonly title: string; readonly content: string; readonly createdAt: string };
  /** The knowledge source an approved fix became. */
  readonly sourceId?: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly resolvedAt?: string;
}

/** A dashboard notification (`GET /api/v1/notifications`). */
export interface NotificationView {
  readonly id: string;
  readonly kind: 'budget_alert' | 'problem_fix_drafted' | 'knowledge_failed' | string;
  readonly title: string;
  readonly body: string;
  readonly link?: string;
  readonly createdAt: string;
  readonly readAt?: string;
}
