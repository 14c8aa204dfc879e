/**
 * The widget API's routes — layer: contracts (function `widget-api`, prefix `/widget/v1`).
 *
 * Public routes resolve the tenant from the widget token; every other route is called by a
 * visitor with `Authorization: Bearer <visitorToken>` (plus the verified-user headers when the
 * session is verified). docs/API.md "Widget API" describes them.
 */
import * as z from 'zod/mini';
import { defineRoute } from './route.js';

/** The longest message a visitor may send (SECURITY.md §7). */
export const maxWidgetMessageChars = 4000;

const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id'));
const widgetToken = z.string().check(z.minLength(8), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/, 'must be a widget token'));
const clientMessageId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'));
const body = z.string().check(
  z.maxLength(maxWidgetMessageChars, `must be at most ${maxWidgetMessageChars} characters`),
  z.refine((value) => value.trim().length > 0, 'must not be empty'),
);

const ServiceHours = z.object({
  timeZone: z.string(),
  weekly: z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })),
});

/** What the customer sees of a message (never notes, never internal fields). */
export const PublicMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number(),
  type: z.string(),
  status: z.string(),
  authorType: z.string(),
  authorName: z.optional(z.string()),
  clientMessageId: z.optional(z.string()),
  body: z.string(),
  /** `url`: a download link valid for an hour. */
  attachments: z.optional(z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), url: z.optional(z.string()) }))),
  /** Bot answers (AI agent): the knowledge sources the answer relied on; `url` when the source is a public page. */
  citations: z.optional(z.array(z.object({ title: z.string(), url: z.optional(z.string()) }))),
  createdAt: z.string(),
});

/** What the customer sees of a conversation. */
export const PublicConversation = z.object({
  id: z.string(),
  status: z.string(),
  seq: z.number(),
  lastActivityAt: z.string(),
  createdAt: z.string(),
});

const MessagePage = z.object({ items: z.array(PublicMessage), nextCursor: z.optional(z.string()) });
const ConversationPath = z.object({ conversationId: ulid });

/** `GET /widget/v1/config`: what the chat window shows before anyone types. */
export const GetWidgetConfig = defineRoute({
  method: 'GET', path: '/widget/v1/config', summary: 'The widget configuration of an inbox', tag: 'Widget', auth: 'public',
  query: z.object({ token: widgetToken }),
  response: {
    status: 200, description: 'Greeting, online state and service hours',
    schema: z.object({
      inboxName: z.string(), accountName: z.string(), greeting: z.string(), online: z.boolean(),
      serviceHours: z.nullable(ServiceHours), offlineMessage: z.string(), replyTime: z.string(), allowedDomains: z.array(z.string()),
    }),
  },
});

/** `POST /widget/v1/sessions`: start or resume a visitor session. */
export const StartVisitorSession = defineRoute({
  method: 'POST', path: '/widget/v1/sessions', summary: 'Start or resume a visitor session', tag: 'Widget', auth: 'public',
  maxBodyBytes: 8 * 1024,
  body: z.object({
    widgetToken,
    visitorToken: z.optional(z.string().check(z.maxLength(200))),
    userId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    userHash: z.optional(z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters'))),
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(120))),
    email: z.optional(z.email().check(z.maxLength(254))),
  }),
  response: { status: 201, description: 'The visitor token', schema: z.object({ visitorToken: z.string(), contactId: z.string(), verified: z.boolean() }) },
  errors: [401],
});

/** `GET /widget/v1/conversations`: the visitor's conversations on this inbox. */
export const ListVisitorConversations = defineRoute({
  method: 'GET', path: '/widget/v1/conversations', summary: "The visitor's conversations", tag: 'Widget', auth: 'visitor',
  response: { status: 200, description: 'Conversations, newest first', schema: z.object({ items: z.array(PublicConversation) }) },
});

/** `POST /widget/v1/conversations`: start a conversation with a first message. */
export const StartVisitorConversation = defineRoute({
  method: 'POST', path: '/widget/v1/conversations', summary: 'Start a conversation', tag: 'Widget', auth: 'visitor',
  maxBodyBytes: 32 * 1024,
  body: z.object({ body, clientMessageId: z.optional(clientMessageId), attachmentIds: z.optional(z.array(ulid).check(z.maxLength(5))) }),
  response: { status: 201, description: 'The conversation and its first message', schema: z.object({ conversation: PublicConversation, message: PublicMessage }) },
});

/** `GET /widget/v1/conversations/{conversationId}/messages`: history or catch-up. */
export const ListVisitorMessages = defineRoute({
  method: 'GET', path: '/widget/v1/conversations/{conversationId}/messages', summary: 'Messages of a conversation', tag: 'Widget', auth: 'visitor',
  params: ConversationPath,
  query: z.object({
    afterSeq: z.optional(z.string().check(z.regex(/^\d{1,12}$/, 'must be a whole number'))),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
    limit: z.optional(z.string().check(z.regex(/^([1-9]\d?|100)$/, 'must be 1–100'))),
  }),
  response: { status: 200, description: 'A page of public messages', schema: MessagePage },
});

/** `POST /widget/v1/conversations/{conversationId}/messages`: send a message. */
export const SendVisitorMessage = defineRoute({
  method: 'POST', path: '/widget/v1/conversations/{conversationId}/messages', summary: 'Send a message', tag: 'Widget', auth: 'visitor',
  maxBodyBytes: 32 * 1024,
  params: ConversationPath,
  body: z.object({ body, clientMessageId, attachmentIds: z.optional(z.array(ulid).check(z.maxLength(5))) }),
  response: { status: 201, description: 'The stored message (the acknowledgement)', schema: PublicMessage },
});

/** `POST /widget/v1/conversations/{conversationId}/read`: the visitor read the agents' replies. */
export const MarkVisitorRead = defineRoute({
  method: 'POST', path: '/widget/v1/conversations/{conversationId}/read', summary: 'Mark replies read', tag: 'Widget', auth: 'visitor',
  params: ConversationPath,
  response: { status: 204, description: 'Marked read' },
});

/** `POST /widget/v1/attachments`: a presigned upload URL for one file. */
export const CreateVisitorAttachment = defineRoute({
  method: 'POST', path: '/widget/v1/attachments', summary: 'Upload URL for an attachment', tag: 'Widget', auth: 'visitor',
  maxBodyBytes: 4 * 1024,
  body: z.object({
    fileName: z.string().check(z.minLength(1), z.maxLength(255)),
    contentType: z.string().check(z.minLength(1), z.maxLength(100)),
    size: z.number().check(z.int(), z.minimum(1, 'must be at least 1 byte')),
  }),
  response: {
    status: 201, description: 'PUT the file to uploadUrl with uploadHeaders',
    schema: z.object({ attachmentId: z.string(), uploadUrl: z.string(), uploadHeaders: z.record(z.string(), z.string()), expiresAt: z.string() }),
  },
  errors: [413],
});

/** `POST /widget/v1/realtime/ticket`: a single-use WebSocket ticket for the visitor. */
export const IssueVisitorTicket = defineRoute({
  method: 'POST', path: '/widget/v1/realtime/ticket', summary: 'WebSocket ticket', tag: 'Widget', auth: 'visitor',
  response: { status: 201, description: 'A 60-second single-use ticket', schema: z.object({ ticket: z.string(), expiresAt: z.string(), url: z.string() }) },
  errors: [403],
});

/** Every widget-api route, for the manifest and the OpenAPI document. */
export const widgetContracts = [
  GetWidgetConfig, StartVisitorSession, ListVisitorConversations, StartVisitorConversation,
  ListVisitorMessages, SendVisitorMessage, MarkVisitorRead, CreateVisitorAttachment, IssueVisitorTicket,
] as const;
