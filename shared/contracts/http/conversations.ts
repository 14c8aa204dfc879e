/**
 * The agents' inbox, conversation, contact and team routes — layer: contracts (function
 * `agent-api`, prefix `/api/v1`, tag `Conversations`). docs/API.md "Inbox and conversations".
 *
 * Every route needs a signed-in agent; the account comes from the session, never from the
 * request. Ids are ULIDs; lists are paged with `limit` (1–100, default 25) and a signed `cursor`.
 */
import * as z from 'zod/mini';
import { handoffReasons } from '../../domain/entities.js';
import { defineRoute } from './route.js';

/** The longest reply or note an agent may send. */
export const maxReplyChars = 4000;

const tag = 'Conversations';
const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (26-character ULID)'));
const statuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
const priorityValues = ['none', 'low', 'medium', 'high', 'urgent'] as const;
const limit = z.optional(z.string().check(z.regex(/^(100|[1-9][0-9]?)$/, 'must be a whole number from 1 to 100')));
const cursor = z.optional(z.string().check(z.minLength(1), z.maxLength(2048)));
const isoTime = z.iso.datetime({ offset: true });

const LastMessage = z.object({ body: z.string(), authorType: z.string(), createdAt: z.string() });

/** What agents see of a conversation: the conversation, its contact and its last message. */
export const ConversationView = z.object({
  id: z.string(),
  inboxId: z.string(),
  contactId: z.string(),
  status: z.enum(statuses),
  /** `bot`: the AI agent answers; `pending_handoff`: the bot handed over, no person yet; `human`. */
  handledBy: z.enum(['bot', 'pending_handoff', 'human']),
  priority: z.enum(priorityValues),
  assigneeId: z.optional(z.string()),
  teamId: z.optional(z.string()),
  snoozedUntil: z.optional(z.string()),
  lastActivityAt: z.string(),
  seq: z.number(),
  unreadCount: z.number(),
  createdAt: z.string(),
  contact: z.object({ id: z.string(), name: z.optional(z.string()), email: z.optional(z.string()) }),
  lastMessage: z.optional(LastMessage),
  // AI agent (issue 4): the hand-over summary and the conversation's AI cost so far.
  aiSummary: z.optional(z.object({ text: z.string(), reason: z.enum(handoffReasons), createdAt: z.string() })),
  aiCostUsd: z.optional(z.number()),
});

const Attachment = z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), url: z.optional(z.string()) });

const Citation = z.object({ sourceId: z.string(), chunkId: z.string(), title: z.string(), heading: z.optional(z.string()), url: z.optional(z.string()), score: z.number() });

/** How an AI answer was made (agents only). */
export const AiAnswerView = z.object({
  modelId: z.string(),
  pricedAs: z.string(),
  tier: z.enum(['small', 'mid', 'premium', 'vision']),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
  latencyMs: z.number(),
  firstTokenMs: z.optional(z.number()),
  citations: z.array(Citation),
  trace: z.object({
    chunks: z.array(z.object({
      sourceId: z.string(), chunkId: z.string(), title: z.string(), heading: z.optional(z.string()), excerpt: z.string(),
      score: z.number(), semanticScore: z.number(), keywordScore: z.number(),
    })),
    complexity: z.number(),
    routingReason: z.string(),
    confidence: z.number(),
    toolCalls: z.array(z.object({ name: z.string(), ok: z.boolean() })),
  }),
});

/** What agents see of a message (notes included). */
export const AgentMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  inboxId: z.string(),
  seq: z.number(),
  type: z.enum(['incoming', 'outgoing', 'activity', 'note']),
  status: z.enum(['queued', 'sent', 'delivered', 'read', 'failed']),
  authorType: z.enum(['contact', 'agent', 'bot', 'system']),
  authorId: z.optional(z.string()),
  body: z.string(),
  clientMessageId: z.optional(z.string()),
  attachments: z.optional(z.array(Attachment)),
  readAt: z.optional(z.string()),
  // channels (CORE): the provider's id, why a send failed, the template sent
  providerMessageId: z.optional(z.string()),
  failureReason: z.optional(z.string()),
  template: z.optional(z.object({ name: z.string(), language: z.string(), parameters: z.optional(z.array(z.string())) })),
  // AI agent (issue 4): bot answers' model, tokens, cost (USD), latency, citations and trace.
  ai: z.optional(AiAnswerView),
  createdAt: z.string(),
});

const ConversationPage = z.object({ items: z.array(ConversationView), nextCursor: z.optional(z.string()) });
const ConversationPath = z.object({ conversationId: ulid });
const ContactPath = z.object({ contactId: ulid });

/** `GET /api/v1/inboxes` */
export const ListInboxes = defineRoute({
  method: 'GET', path: '/api/v1/inboxes', summary: 'The account\'s inboxes', tag, auth: 'agent',
  response: {
    status: 200, description: 'Every inbox of the account',
    schema: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), channel: z.string(), channelAddress: z.optional(z.string()), widgetToken: z.optional(z.string()) })) }),
  },
});

/** `GET /api/v1/conversations` */
export const ListConversations = defineRoute({
  method: 'GET', path: '/api/v1/conversations', summary: 'Conversations, most recent activity first', tag, auth: 'agent',
  description: 'Filters: status (default open), assignee (`me`, `unassigned` or an agent id), inbox, team, handledBy (`bot`, `pending_handoff` — waiting for a person — or `human`). A cursor only works with the filters it was issued for.',
  query: z.object({
    status: z.optional(z.enum(statuses)),
    assignee: z.optional(z.union([z.literal('me'), z.literal('unassigned'), ulid])),
    inboxId: z.optional(ulid),
    teamId: z.optional(ulid),
    handledBy: z.optional(z.enum(['bot', 'pending_handoff', 'human'])),
    limit,
    cursor,
  }),
  response: { status: 200, description: 'A page of conversations', schema: ConversationPage },
});

/** `GET /api/v1/conversations/counts` */
export const CountConversations = defineRoute({
  method: 'GET', path: '/api/v1/conversations/counts', summary: 'Conversation counters for the inbox', tag, auth: 'agent',
  response: {
    status: 200, description: 'Counts per status; mine, unassigned and waiting (handed over by the bot, no person yet) count open conversations',
    schema: z.object({ open: z.number(), pending: z.number(), snoozed: z.number(), resolved: z.number(), mine: z.number(), unassigned: z.number(), waiting: z.number() }),
  },
});

/** `GET /api/v1/conversations/{conversationId}` */
export const GetConversation = defineRoute({
  method: 'GET', path: '/api/v1/conversations/{conversationId}', summary: 'One conversation', tag, auth: 'agent',
  params: ConversationPath,
  response: { status: 200, description: 'The conversation with its contact', schema: ConversationView },
});

/** `GET /api/v1/conversations/{conversationId}/messages` */
export const ListConversationMessages = defineRoute({
  method: 'GET', path: '/api/v1/conversations/{conversationId}/messages', summary: 'A conversation\'s messages', tag, auth: 'agent',
  description: 'Without `afterSeq`: newest first, older pages through `cursor`. With `afterSeq`: the messages after that sequence number, oldest first (catch-up after a reconnect; ask again with the last seq until a page is shorter than `limit`).',
  params: ConversationPath,
  query: z.object({ limit, cursor, afterSeq: z.optional(z.string().check(z.regex(/^[0-9]{1,12}$/, 'must be a whole number'))) }),
  response: { status: 200, description: 'A page of messages (notes included)', schema: z.object({ items: z.array(AgentMessage), nextCursor: z.optional(z.string()) }) },
});

/** `POST /api/v1/conversations/{conversationId}/messages` */
export const ReplyToConversation = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/messages', summary: 'Reply, or write a private note', tag, auth: 'agent',
  description: 'A reply is `outgoing`, reopens a resolved conversation and hands it to a human; `private: true` writes a note the customer never sees. Idempotent on `clientMessageId`.',
  params: ConversationPath,
  body: z.object({
    body: z.string().check(
      z.maxLength(maxReplyChars, `must be at most ${maxReplyChars} characters`),
      z.refine((value) => value.trim().length > 0, 'must not be empty'),
    ),
    private: z.optional(z.boolean()),
    clientMessageId: z.optional(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'))),
    // channels (CORE): WhatsApp outside the 24-hour window sends one of the inbox's approved templates
    template: z.optional(z.object({
      name: z.string().check(z.minLength(1), z.maxLength(512)),
      language: z.string().check(z.minLength(2), z.maxLength(15)),
      parameters: z.optional(z.array(z.string().check(z.maxLength(1024))).check(z.maxLength(20))),
    })),
  }),
  response: { status: 201, description: 'The stored message (the same one again for a retried clientMessageId). On a channel inbox (SMS, WhatsApp, Messenger, Instagram, email) a reply is `queued` and moves to `sent`, `delivered`, `read` or `failed` (with `failureReason`) as the provider reports.', schema: AgentMessage },
});

/** `POST /api/v1/conversations/{conversationId}/assign` */
export const AssignConversation = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/assign', summary: 'Assign to an agent and/or a team', tag, auth: 'agent',
  params: ConversationPath,
  body: z.object({ assigneeId: z.nullable(ulid), teamId: z.optional(z.nullable(ulid)) }),
  response: { status: 200, description: 'The conversation (an activity message records the change)', schema: ConversationView },
});

/** `POST /api/v1/conversations/{conversationId}/status` */
export const ChangeConversationStatus = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/status', summary: 'Open, set pending, snooze or resolve', tag, auth: 'agent',
  params: ConversationPath,
  body: z.union([
    z.object({ status: z.enum(['open', 'pending', 'resolved']) }),
    z.object({ status: z.literal('snoozed'), snoozedUntil: isoTime }),
  ]),
  response: { status: 200, description: 'The conversation', schema: ConversationView },
});

/** `POST /api/v1/conversations/{conversationId}/priority` */
export const SetConversationPriority = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/priority', summary: 'Set the priority', tag, auth: 'agent',
  params: ConversationPath,
  body: z.object({ priority: z.enum(priorityValues) }),
  response: { status: 200, description: 'The conversation', schema: ConversationView },
});

/** `POST /api/v1/conversations/{conversationId}/read` */
export const MarkConversationRead = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/read', summary: 'Mark the customer\'s messages read', tag, auth: 'agent',
  params: ConversationPath,
  response: { status: 204, description: 'Unread count set to 0; the customer\'s messages are `read`' },
});

/** `GET /api/v1/contacts/{contactId}` */
export const GetContact = defineRoute({
  method: 'GET', path: '/api/v1/contacts/{contactId}', summary: 'A contact and its channel identities', tag, auth: 'agent',
  params: ContactPath,
  response: {
    status: 200, description: 'The contact',
    schema: z.object({
      contact: z.object({ id: z.string(), name: z.optional(z.string()), email: z.optional(z.string()), phone: z.optional(z.string()), createdAt: z.string(), updatedAt: z.string() }),
      identities: z.array(z.object({ contactId: z.string(), channel: z.string(), externalId: z.string(), createdAt: z.string() })),
    }),
  },
});

/** `GET /api/v1/contacts/{contactId}/conversations` */
export const ListContactConversations = defineRoute({
  method: 'GET', path: '/api/v1/contacts/{contactId}/conversations', summary: 'A contact\'s conversations, newest first', tag, auth: 'agent',
  params: ContactPath,
  query: z.object({ limit, cursor }),
  response: { status: 200, description: 'A page of conversations', schema: ConversationPage },
});

const TeamView = z.object({ id: z.string(), name: z.string(), agentIds: z.array(z.string()) });

/** `GET /api/v1/teams` */
export const ListTeams = defineRoute({
  method: 'GET', path: '/api/v1/teams', summary: 'The account\'s teams', tag: 'Agents', auth: 'agent',
  response: { status: 200, description: 'Every team, by name', schema: z.object({ items: z.array(TeamView) }) },
});

/** `POST /api/v1/teams` */
export const CreateTeam = defineRoute({
  method: 'POST', path: '/api/v1/teams', summary: 'Create a team', tag: 'Agents', auth: 'admin',
  body: z.object({
    name: z.string().check(z.refine((v) => v.trim().length > 0, 'must not be empty'), z.maxLength(80)),
    agentIds: z.array(ulid).check(z.maxLength(200)),
  }),
  response: { status: 201, description: 'The team', schema: TeamView },
  errors: [403],
});
