/**
 * The widget API's routes — layer: runtime (thin handlers: zod → one service → shape).
 *
 * The account, inbox and contact always come from the authenticated visitor (or, for the public
 * routes, from the widget token), never from the body. Conversation routes go through the
 * conversation services with `audience: 'visitor'`, which answer 404 for a conversation that is
 * not the visitor's own.
 */
import {
  CreateVisitorAttachment, GetWidgetConfig, IssueVisitorTicket, ListVisitorConversations, ListVisitorMessages,
  MarkVisitorRead, SendVisitorMessage, StartVisitorConversation, StartVisitorSession,
} from '../../../contracts/http/widget.js';
import { aiTurnQueue } from '../../containers/ai-queue.js';
import { visitorConversations } from '../../containers/conversations.js';
import { connectTickets } from '../../containers/realtime.js';
import { widget } from '../../containers/widget.js';
import { HttpError } from '../../http/http-error.js';
import type { HttpRequest } from '../../http/request.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { VisitorCaller, WidgetApiCaller } from '../callers.js';
import { publicConversation, publicMessage } from './widget-views.js';

/** The visitor of a `visitor` route (the authenticator guarantees it). */
function visitorOf(caller: WidgetApiCaller): VisitorCaller {
  if (caller.kind !== 'visitor') throw new HttpError(401, 'unauthenticated', 'Start a chat session first.');
  return caller;
}

/** The WebSocket URL on the host the widget called (the gateway serves `/ws`). */
function websocketUrlFor(request: HttpRequest): string {
  const proto = (request.headers['x-forwarded-proto'] ?? 'https').split(',')[0]!.trim();
  return `${proto === 'http' ? 'ws' : 'wss'}://${request.headers.host ?? ''}/ws`;
}

/** Attachment records a message references, checked to be the visitor's own uploads. */
async function attachmentsOf(visitor: VisitorCaller, ids: readonly string[] | undefined) {
  if (!ids?.length) return undefined;
  const found = await widget().resolveVisitorAttachments(visitor, ids);
  return found.map(({ id, fileName, contentType, size, objectKey }) => ({ id, fileName, contentType, size, objectKey }));
}

/** A message for the widget, its attachments (if any) with download URLs instead of object keys. */
async function visitorMessage(message: Parameters<typeof publicMessage>[0] & { attachments?: readonly { id: string; fileName: string; contentType: string; size: number; objectKey?: string }[] }) {
  if (!message.attachments?.length) return publicMessage(message);
  return publicMessage({ ...message, attachments: await widget().signAttachmentUrls(message.attachments) });
}

/** Every route of widget-api (docs/API.md "Widget API"). */
export const widgetBindings: RouteBinding<WidgetApiCaller>[] = [
  bind(GetWidgetConfig, async ({ query }) => widget().getWidgetConfig(query.token)),

  bind(StartVisitorSession, async ({ body }) => {
    const { visitorToken, contactId, verified } = await widget().startVisitorSession(body);
    return { visitorToken, contactId, verified };
  }),

  bind(ListVisitorConversations, async ({ caller }) => {
    const visitor = visitorOf(caller);
    const result = await visitorConversations().listVisitorConversations({ accountId: visitor.accountId, contactId: visitor.contactId, inboxId: visitor.inboxId });
    return { items: result.items.map(publicConversation) };
  }),

  bind(StartVisitorConversation, async ({ caller, body }) => {
    const visitor = visitorOf(caller);
    const attachments = await attachmentsOf(visitor, body.attachmentIds);
    const received = await visitorConversations().receiveCustomerMessage({
      accountId: visitor.accountId, inboxId: visitor.inboxId, contactId: visitor.contactId, body: body.body,
      ...(body.clientMessageId ? { clientMessageId: body.clientMessageId } : {}),
      ...(attachments ? { attachments } : {}),
    });
    const { conversation, message } = received;
    await aiTurnQueue().queueAiTurn(received);
    return { conversation: publicConversation(conversation), message: await visitorMessage(message) };
  }),

  bind(ListVisitorMessages, async ({ caller, params, query }) => {
    const visitor = visitorOf(caller);
    const page = await visitorConversations().listMessages({
      accountId: visitor.accountId, conversationId: params.conversationId, audience: 'visitor', visitorContactId: visitor.contactId,
      limit: query.limit ? Number(query.limit) : 50,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.afterSeq !== undefined ? { afterSeq: Number(query.afterSeq) } : {}),
    });
    return { items: await Promise.all(page.items.map(visitorMessage)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),

  bind(SendVisitorMessage, async ({ caller, params, body }) => {
    const visitor = visitorOf(caller);
    const attachments = await attachmentsOf(visitor, body.attachmentIds);
    const received = await visitorConversations().receiveCustomerMessage({
      accountId: visitor.accountId, inboxId: visitor.inboxId, contactId: visitor.contactId, conversationId: params.conversationId,
      body: body.body, clientMessageId: body.clientMessageId,
      ...(attachments ? { attachments } : {}),
    });
    // AI agent (issue 4): a conversation the bot handles gets an AI turn per message.
    await aiTurnQueue().queueAiTurn(received);
    return visitorMessage(received.message);
  }),

  bind(MarkVisitorRead, async ({ caller, params }) => {
    const visitor = visitorOf(caller);
    await visitorConversations().markConversationRead({ accountId: visitor.accountId, conversationId: params.conversationId, reader: 'visitor', visitorContactId: visitor.contactId });
    return undefined;
  }),

  bind(CreateVisitorAttachment, async ({ caller, body }) => {
    const visitor = visitorOf(caller);
    return widget().createAttachmentUpload({ ...body, accountId: visitor.accountId, inboxId: visitor.inboxId, contactId: visitor.contactId });
  }),

  bind(IssueVisitorTicket, async ({ caller, request }) => {
    const visitor = visitorOf(caller);
    const { ticket, expiresAt } = await connectTickets().issueConnectTicket({
      accountId: visitor.accountId,
      principal: { kind: 'visitor', contactId: visitor.contactId, inboxId: visitor.inboxId },
      origin: request.headers.origin ?? '',
    });
    return { ticket, expiresAt, url: websocketUrlFor(request) };
  }),
];
