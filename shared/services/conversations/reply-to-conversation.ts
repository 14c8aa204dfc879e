/**
 * An agent replies or writes a private note — layer: services.
 *
 * Primary course:
 *  1. Load the conversation (404 when not in the caller's account).
 *  2. With a client message id: claim it for this agent; a retry answers with the first message.
 *  3. Append the message: `outgoing` for a reply, `note` for a private note (never shown to
 *     the customer: the realtime layer and the widget API drop notes).
 *  4. A reply (not a note) hands the conversation to a human and reopens it when it was
 *     resolved or snoozed.
 */
import { stateAfterAgentReply } from '../../domain/conversation-rules.js';
import type { ChannelType, Message } from '../../domain/entities.js';
import { clientMessageIdLifetimeMs, type ConversationDeps } from './deps.js';
import { loadConversation } from './load.js';

/** Dependencies of {@link makeReplyToConversation}. */
export type ReplyToConversationDeps = Pick<ConversationDeps, 'conversations' | 'messages' | 'clientMessageIds' | 'clock' | 'ids'> & {
  /**
   * Channels (CORE): replies on a non-web inbox are stored `queued` and handed to the outbound
   * queue; `outbound-sender` records `sent` or `failed`. Without it every reply is `sent` (web).
   */
  readonly outbound?: ChannelReplyOutbound;
};

/** How a reply reaches a channel inbox's provider. */
export interface ChannelReplyOutbound {
  /** The inbox's channel (`web` and `voice` replies are not queued). */
  channelOf(accountId: string, inboxId: string): Promise<ChannelType | undefined>;
  /** Queues the send; on failure marks the message failed (the agent can retry) and throws. */
  enqueue(job: { accountId: string; conversationId: string; messageId: string }): Promise<void>;
}

/** Input of {@link makeReplyToConversation}; the account and author come from the session. */
export interface ReplyInput {
  readonly accountId: string;
  readonly conversationId: string;
  readonly authorId: string;
  readonly body: string;
  readonly private?: boolean;
  readonly clientMessageId?: string;
  /** WhatsApp outside the 24-hour window: an approved template of the inbox instead of free text. */
  readonly template?: { readonly name: string; readonly language: string; readonly parameters?: readonly string[] };
}

/** Creates the use case behind `POST /api/v1/conversations/{id}/messages`. */
export function makeReplyToConversation(deps: ReplyToConversationDeps) {
  return async function replyToConversation(input: ReplyInput): Promise<Message> {
    const { accountId, conversationId } = input;
    const conversation = await loadConversation(deps.conversations, accountId, conversationId);
    let messageId = deps.ids.next();
    if (input.clientMessageId !== undefined) {
      const expiresAt = new Date(deps.clock.nowMs() + clientMessageIdLifetimeMs).toISOString();
      const result = await deps.clientMessageIds.claim(accountId, `agent:${input.authorId}`, input.clientMessageId, { conversationId, messageId }, expiresAt);
      if (!result.claimed) {
        const first = await deps.messages.get(accountId, result.claim.conversationId, result.claim.messageId);
        if (first) return first;
        // The first attempt stopped between its claim and its message: finish it with its id
        // (only in the conversation it was claimed for).
        if (result.claim.conversationId === conversationId) messageId = result.claim.messageId;
      }
    }
    const now = deps.clock.nowIso();
    const isNote = input.private === true;
    const channel = !isNote && deps.outbound ? await deps.outbound.channelOf(accountId, conversation.inboxId) : undefined;
    const queued = channel !== undefined && channel !== 'web' && channel !== 'voice';
    const message = await deps.messages.append({
      accountId,
      conversationId,
      inboxId: conversation.inboxId,
      id: messageId,
      type: isNote ? 'note' : 'outgoing',
      status: queued ? 'queued' : 'sent',
      authorType: 'agent',
      authorId: input.authorId,
      body: input.body,
      ...(input.clientMessageId !== undefined ? { clientMessageId: input.clientMessageId } : {}),
      ...(queued && input.template ? { template: input.template } : {}),
      createdAt: now,
    });
    if (queued && deps.outbound) await deps.outbound.enqueue({ accountId, conversationId, messageId: message.id });
    if (!isNote) {
      const next = stateAfterAgentReply(conversation);
      if (next.status !== conversation.status || next.handledBy !== conversation.handledBy) {
        await deps.conversations.update(accountId, conversationId, {
          handledBy: next.handledBy,
          ...(next.status !== conversation.status ? { status: next.status, snoozedUntil: null } : {}),
        }, { at: now });
      }
    }
    return message;
  };
}
