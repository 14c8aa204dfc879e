/**
 * The agents' API over `fetch` (docs/API.md). The session is an HttpOnly cookie, so requests
 * only need `credentials: 'same-origin'`; state-changing requests always send
 * `Content-Type: application/json` (the API's CSRF rule).
 */
import { ApiError, apiErrorFrom } from './lib/api-errors.js';
import type { CreateInboxBody } from './lib/inbox-form.js';
import type { ChannelState } from './lib/whatsapp-window.js';
import type {
  AiSettingsView,
  ConversationCostView,
  CostsView,
  KnowledgeSearchView,
  KnowledgeSourceBody,
  KnowledgeSourceView,
  NotificationView,
  ProblemView,
  AccountView,
  AgentView,
  Availability,
  ContactDetails,
  ConversationView,
  Counts,
  CreatedInbox,
  InboxSetup,
  InboxView,
  LoginAnswer,
  MeAnswer,
  MessageView,
  Page,
  Priority,
  Role,
  SignedInAgent,
  TeamView,
  WidgetSettingsChanges,
  WidgetSetup,
} from './types.js';

export { ApiError };

const prefix = '/api/v1';

/** Called when any request answers 401 outside the sign-in routes (the session ended). */
let onUnauthorized: () => void = () => {};

/** Registers what happens when the session is found to be gone. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Called when a request answers 403 `mfa_enrolment_required` (the account now requires MFA). */
let onEnrolmentRequired: () => void = () => {};

/** Registers what happens when the account starts requiring MFA of a signed-in agent. */
export function setEnrolmentRequiredHandler(handler: () => void): void {
  onEnrolmentRequired = handler;
}

/** A pending check that the session really ended (one at a time). */
let confirmingSessionEnd: Promise<void> | undefined;

/**
 * Signs the agent out only once `/auth/me` confirms the session is gone. A 401 can also come from
 * a request that raced a session rotation (enabling MFA rotates the session and closes the old
 * one's sockets before the new cookie arrives; a reconnect may fetch with the old cookie), and
 * that must not end a session that is alive.
 */
function confirmSessionEnded(): void {
  confirmingSessionEnd ??= (async () => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    try {
      const response = await fetch(`${prefix}/auth/me`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (response.status === 401) onUnauthorized();
    } catch {
      // Offline: the connection state shows it; the next request decides.
    } finally {
      confirmingSessionEnd = undefined;
    }
  })();
}

async function request<T>(method: string, path: string, body?: unknown, options: { quiet401?: boolean } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(prefix + path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined && method === 'GET' ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
    });
  } catch {
    throw apiErrorFrom(0, undefined);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = apiErrorFrom(response.status, parsed, response.headers.get('retry-after'));
    if (response.status === 401 && !options.quiet401) confirmSessionEnded();
    if (response.status === 403 && error.code === 'mfa_enrolment_required') onEnrolmentRequired();
    throw error;
  }
  return parsed as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The filter of the conversation list. */
export interface ConversationQuery {
  readonly status: string;
  readonly assignee?: string;
  readonly inboxId?: string;
  readonly teamId?: string;
  readonly handledBy?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

/** Every call the dashboard makes. */
export const api = {
  signup: (body: { accountName: string; name: string; email: string; password: string }) =>
    request<{ account: AccountView; agent: SignedInAgent }>('POST', '/auth/signup', body, { quiet401: true }),
  login: (body: { email: string; password: string }) => request<LoginAnswer>('POST', '/auth/login', body, { quiet401: true }),
  verifyMfa: (body: { mfaToken: string; code?: string; recoveryCode?: string }) =>
    request<LoginAnswer>('POST', '/auth/mfa/verify', body, { quiet401: true }),
  setupMfa: () => request<{ secret: string; otpauthUrl: string }>('POST', '/auth/mfa/setup'),
  enableMfa: (code: string) => request<{ recoveryCodes: string[] }>('POST', '/auth/mfa/enable', { code }, { quiet401: true }),
  disableMfa: (code: string) => request<void>('POST', '/auth/mfa/disable', { code }, { quiet401: true }),
  logout: () => request<void>('POST', '/auth/logout', undefined, { quiet401: true }),
  me: () => request<MeAnswer>('GET', '/auth/me', undefined, { quiet401: true }),
  acceptInvitation: (body: { token: string; name: string; password: string }) =>
    request<{ agent: SignedInAgent; account: AccountView }>('POST', '/auth/invitations/accept', body, { quiet401: true }),
  realtimeTicket: () => request<{ ticket: string; expiresAt: string; url: string }>('POST', '/realtime/ticket'),

  agents: () => request<{ items: AgentView[] }>('GET', '/agents'),
  invite: (body: { email: string; name: string; role: Role }) =>
    request<{ invitationId: string; token: string; acceptUrl: string; expiresAt: string }>('POST', '/agents/invitations', body),
  updateAgent: (agentId: string, body: { role?: Role; disabled?: boolean }) =>
    request<AgentView>('PATCH', `/agents/${encodeURIComponent(agentId)}`, body),
  setAvailability: (availability: Availability) => request<AgentView>('PUT', '/agents/me/availability', { availability }),
  account: () => request<AccountView>('GET', '/account'),
  updateAccount: (body: { name?: string; mfaRequired?: boolean; autoAssign?: boolean; agentCapacity?: number }) =>
    request<AccountView>('PATCH', '/account', body),
  teams: () => request<{ items: TeamView[] }>('GET', '/teams'),
  inboxes: () => request<{ items: InboxView[] }>('GET', '/inboxes'),
  widgetSetup: (inboxId: string) => request<WidgetSetup>('GET', `/inboxes/${encodeURIComponent(inboxId)}/widget`),
  updateWidgetSettings: (inboxId: string, body: WidgetSettingsChanges) =>
    request<WidgetSetup>('PATCH', `/inboxes/${encodeURIComponent(inboxId)}/widget`, body),
  rotateWidgetSecret: (inboxId: string) => request<WidgetSetup>('POST', `/inboxes/${encodeURIComponent(inboxId)}/widget/rotate-secret`),

  conversations: (filter: ConversationQuery) =>
    request<Page<ConversationView>>('GET', `/conversations${query({ limit: 25, ...filter })}`),
  counts: () => request<Counts>('GET', '/conversations/counts'),
  conversation: (id: string) => request<ConversationView>('GET', `/conversations/${encodeURIComponent(id)}`),
  messages: (id: string, params: { cursor?: string; afterSeq?: number; limit?: number }) =>
    request<Page<MessageView>>('GET', `/conversations/${encodeURIComponent(id)}/messages${query(params)}`),
  reply: (id: string, body: { body: string; private?: boolean; clientMessageId?: string }) =>
    request<MessageView>('POST', `/conversations/${encodeURIComponent(id)}/messages`, body),
  assign: (id: string, body: { assigneeId: string | null; teamId?: string | null }) =>
    request<ConversationView>('POST', `/conversations/${encodeURIComponent(id)}/assign`, body),
  setStatus: (id: string, body: { status: 'open' | 'pending' | 'resolved' } | { status: 'snoozed'; snoozedUntil: string }) =>
    request<ConversationView>('POST', `/conversations/${encodeURIComponent(id)}/status`, body),
  setPriority: (id: string, priority: Priority) =>
    request<ConversationView>('POST', `/conversations/${encodeURIComponent(id)}/priority`, { priority }),
  markRead: (id: string) => request<void>('POST', `/conversations/${encodeURIComponent(id)}/read`),
  contact: (id: string) => request<ContactDetails>('GET', `/contacts/${encodeURIComponent(id)}`),
  contactConversations: (id: string) =>
    request<Page<ConversationView>>('GET', `/contacts/${encodeURIComponent(id)}/conversations${query({ limit: 10 })}`),

  // Channels: inbox set-up (admins), retrying a failed send, WhatsApp's 24-hour window.
  createInbox: (body: CreateInboxBody) => request<CreatedInbox>('POST', '/inboxes', body),
  inboxSetup: (inboxId: string) => request<InboxSetup>('GET', `/inboxes/${encodeURIComponent(inboxId)}/setup`),
  sendTestMessage: (inboxId: string, body: { to: string; body: string }) =>
    request<{ conversationId: string; messageId: string }>('POST', `/inboxes/${encodeURIComponent(inboxId)}/test-message`, body),
  retryMessage: (conversationId: string, messageId: string) =>
    request<MessageView>('POST', `/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/retry`),
  channelState: (conversationId: string) => request<ChannelState>('GET', `/conversations/${encodeURIComponent(conversationId)}/channel-state`),
  replyWithTemplate: (id: string, body: { body: string; template: { name: string; language: string; parameters: string[] }; clientMessageId?: string }) =>
    request<MessageView>('POST', `/conversations/${encodeURIComponent(id)}/messages`, body),

  // The AI agent (issue 4): hand-off, knowledge, problems, settings, costs, notifications.
  handoff: (id: string, to: 'human' | 'bot') =>
    request<{ conversation: ConversationView }>('POST', `/conversations/${encodeURIComponent(id)}/handoff`, { to }),
  knowledgeSources: () => request<{ sources: KnowledgeSourceView[] }>('GET', '/knowledge/sources'),
  createKnowledgeSource: (body: KnowledgeSourceBody) => request<{ source: KnowledgeSourceView }>('POST', '/knowledge/sources', body),
  updateKnowledgeSource: (sourceId: string, body: KnowledgeSourceBody) =>
    request<{ source: KnowledgeSourceView }>('PUT', `/knowledge/sources/${encodeURIComponent(sourceId)}`, body),
  reindexKnowledgeSource: (sourceId: string) =>
    request<{ source: KnowledgeSourceView }>('POST', `/knowledge/sources/${encodeURIComponent(sourceId)}/reindex`),
  deleteKnowledgeSource: (sourceId: string) => request<void>('DELETE', `/knowledge/sources/${encodeURIComponent(sourceId)}`),
  searchKnowledge: (q: string, visibility: 'public' | 'any') => request<KnowledgeSearchView>('GET', `/knowledge/search${query({ q, visibility })}`),
  problems: (status?: string) => request<{ problems: ProblemView[] }>('GET', `/problems${query({ status })}`),
  problem: (problemId: string) => request<{ problem: ProblemView }>('GET', `/problems/${encodeURIComponent(problemId)}`),
  draftProblemFix: (problemId: string) => request<unknown>('POST', `/problems/${encodeURIComponent(problemId)}/draft`),
  approveProblemFix: (problemId: string, body: { title: string; content: string }) =>
    request<{ problem: ProblemView; sourceId: string }>('POST', `/problems/${encodeURIComponent(problemId)}/approve`, body),
  resolveProblem: (problemId: string, body: { message?: string }) =>
    request<{ problem: ProblemView; notified: number }>('POST', `/problems/${encodeURIComponent(problemId)}/resolve`, body),
  aiSettings: () => request<{ settings: AiSettingsView }>('GET', '/ai/settings'),
  updateAiSettings: (body: Partial<AiSettingsView>) => request<{ settings: AiSettingsView }>('PUT', '/ai/settings', body),
  aiCosts: (from?: string, to?: string) => request<CostsView>('GET', `/ai/costs${query({ from, to })}`),
  aiCostConversations: (month?: string) => request<{ conversations: ConversationCostView[] }>('GET', `/ai/costs/conversations${query({ month })}`),
  notifications: () => request<{ notifications: NotificationView[]; unread: number }>('GET', '/notifications'),
  markNotificationRead: (notificationId: string) => request<void>('POST', `/notifications/${encodeURIComponent(notificationId)}/read`),
};
