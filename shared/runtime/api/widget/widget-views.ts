/**
 * What the widget may see — layer: runtime.
 *
 * Every conversation and message leaving widget-api goes through these pickers, so an internal
 * field added to an entity later (assignee, priority, notes' authors) never reaches a customer.
 */

/** A conversation as the customer sees it. */
export function publicConversation(conversation: { id: string; status: string; seq: number; lastActivityAt: string; createdAt: string }) {
  const { id, status, seq, lastActivityAt, createdAt } = conversation;
  return { id, status, seq, lastActivityAt, createdAt };
}

interface MessageLike {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly type: string;
  readonly status: string;
  readonly authorType: string;
  readonly authorName?: string;
  readonly clientMessageId?: string;
  readonly body: string;
  readonly attachments?: readonly { readonly id: string; readonly fileName: string; readonly contentType: string; readonly size: number; readonly url?: string }[];
  /** Bot answers (from publicMessageView): the sources' titles and public links. */
  readonly citations?: readonly { readonly title: string; readonly url?: string }[];
  readonly createdAt: string;
}

/** A message as the customer sees it. */
export function publicMessage(message: MessageLike) {
  const { id, conversationId, seq, type, status, authorType, authorName, clientMessageId, body, attachments, citations, createdAt } = message;
  return {
    id, conversationId, seq, type, status, authorType, body, createdAt,
    ...(authorName ? { authorName } : {}),
    // Only the visitor's own messages carry it: it lets the widget match its acknowledgement.
    ...(clientMessageId && authorType === 'contact' ? { clientMessageId } : {}),
    ...(attachments?.length ? { attachments: attachments.map(({ id: aid, fileName, contentType, size, url }) => ({ id: aid, fileName, contentType, size, ...(url ? { url } : {}) })) } : {}),
    ...(citations?.length && authorType === 'bot' ? { citations: citations.map(({ title, url }) => ({ title, ...(url ? { url } : {}) })) } : {}),
  };
}
