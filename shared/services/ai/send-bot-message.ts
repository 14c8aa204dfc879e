/**
 * The bot writes to the customer — layer: services.
 *
 * Primary course:
 *  1. Load the conversation (404 when not in the account) and its inbox, unless the caller passes
 *     them already loaded.
 *  2. Append an `outgoing` message authored by the `bot` (idempotent on its id, so a retried
 *     turn that pre-allocated the id stores it once).
 *  3. On a messaging channel (SMS, WhatsApp, Messenger, Instagram, email) the message is stored
 *     `queued` and handed to the outbound queue, exactly like an agent's reply; on the web
 *     widget it is `sent` (the realtime fan-out delivers it). Voice has no written channel.
 *
 * Used by the AI turn (answers, hand-off notices) and by H5's problem resolution.
 */
import type { AiAnswerMeta, Conversation, Inbox, Message } from '../../domain/entities.js';
import type { OutboundJob } from '../../ports/job-queue.js';
import type { ConversationRepository, InboxRepository, MessageRepository } from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import { NotFoundError } from '../conversations/errors.js';

/** Input of {@link makeSendBotMessage}; the account comes from the job or the session. */
export interface SendBotMessageInput {
  readonly accountId: string;
  readonly conversationId: string;
  readonly body: string;
  /** A pre-allocated id (the streamed answer's); default a new one. */
  readonly messageId?: string;
  /** The answer's model, cost and trace (AI answers only). */
  readonly ai?: AiAnswerMeta;
}

/**
 * What the caller already read (the AI turn: the conversation it claimed, its inbox), so the send
 * does not read it again. Each is used only when it is the input's (same account and conversation).
 */
export interface SendBotMessageLoaded {
  readonly conversation?: Conversation;
  readonly inbox?: Inbox;
}

/** Appends a bot message and sends it on its channel. */
export type SendBotMessage = (input: SendBotMessageInput, loaded?: SendBotMessageLoaded) => Promise<Message>;

/** Dependencies of {@link makeSendBotMessage}. */
export interface SendBotMessageDeps {
  readonly conversations: Pick<ConversationRepository, 'get'>;
  readonly messages: Pick<MessageRepository, 'append'>;
  readonly inboxes: Pick<InboxRepository, 'get'>;
  /** Queues the send of a channel message (the container marks it failed when the queue refuses). */
  readonly enqueueOutbound: (job: OutboundJob) => Promise<void>;
  readonly clock: Clock;
  readonly ids: Ids;
}

/**
 * Creates the bot's send.
 *
 * @example
 * await sendBotMessage({ accountId, conversationId, body: 'A colleague will reply here shortly.' });
 */
export function makeSendBotMessage(deps: SendBotMessageDeps): SendBotMessage {
  return async function sendBotMessage(input, loaded = {}) {
    const known = loaded.conversation;
    const conversation = known?.accountId === input.accountId && known.id === input.conversationId
      ? known
      : await deps.conversations.get(input.accountId, input.conversationId);
    if (!conversation) throw new NotFoundError('conversation');
    const inbox = loaded.inbox?.accountId === input.accountId && loaded.inbox.id === conversation.inboxId
      ? loaded.inbox
      : await deps.inboxes.get(input.accountId, conversation.inboxId);
    const channel = inbox?.channel;
    const queued = channel !== undefined && channel !== 'web' && channel !== 'voice';
    const message = await deps.messages.append({
      accountId: input.accountId,
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      id: input.messageId ?? deps.ids.next(),
      type: 'outgoing',
      status: queued ? 'queued' : 'sent',
      authorType: 'bot',
      body: input.body,
      ...(input.ai ? { ai: input.ai } : {}),
      createdAt: deps.clock.nowIso(),
    });
    if (queued && message.status === 'queued') {
      await deps.enqueueOutbound({ kind: 'outbound-send', accountId: input.accountId, conversationId: conversation.id, messageId: message.id });
    }
    return message;
  };
}
