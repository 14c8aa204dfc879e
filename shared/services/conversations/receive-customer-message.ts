/**
 * A customer writes — layer: services.
 *
 * Primary course:
 *  1. With a conversation id: load it; it must be this contact's, on this inbox (else 404).
 *  2. With a client message id: claim it for this contact with the ids about to be used. A
 *     retry finds the earlier claim and answers with the message it created (the
 *     acknowledgement), creating nothing.
 *  3. Without a conversation: create one (open, handled by the bot when the account's AI is
 *     enabled, else by a human, with the contact's name and email copied for the inbox list).
 *  4. Append the `incoming` message, authored by the contact (bumps seq, unread count and the
 *     last-message preview).
 *  5. A resolved conversation reopens (back to the bot when the AI is enabled) and a snoozed
 *     one wakes (conditional on the status read in 1, so a concurrent change is not overwritten).
 *  6. A new conversation a human handles is auto-assigned round-robin when the account has it
 *     on (the bot's conversations are assigned when it hands them over).
 */
import { initialHandler, statusAfterCustomerMessage } from '../../domain/conversation-rules.js';
import { handlerAfterCustomerMessage } from '../../domain/handoff.js';
import type { Account, Conversation, Message, MessageAttachment } from '../../domain/entities.js';
import { makeAutoAssign } from './auto-assign.js';
import { clientMessageIdLifetimeMs, type ConversationDeps } from './deps.js';
import { NotFoundError } from './errors.js';
import { loadConversation } from './load.js';

/** Dependencies of {@link makeReceiveCustomerMessage}. */
export type ReceiveCustomerMessageDeps = Pick<
  ConversationDeps,
  'accounts' | 'agents' | 'connections' | 'contacts' | 'conversations' | 'messages' | 'clientMessageIds' | 'assignmentState' | 'clock' | 'ids'
>;

/** Input of the use case; the account, inbox and contact come from verified credentials. */
export interface ReceiveCustomerMessageInput {
  readonly accountId: string;
  readonly inboxId: string;
  readonly contactId: string;
  /** Absent: start a new conversation. */
  readonly conversationId?: string;
  /**
   * The id a new conversation is created under (default: a fresh one). Concurrent callers that
   * pass the same id (the channels' conversation claim) converge on one conversation.
   */
  readonly newConversationId?: string;
  readonly body: string;
  /** The sender's id for this message; a retry with the same id returns the first message. */
  readonly clientMessageId?: string;
  readonly attachments?: readonly MessageAttachment[];
  /** Channels: how long the client message id claim answers retries (a provider's dedupe TTL); default 7 days. */
  readonly clientMessageIdTtlSeconds?: number;
  /** Channels: provider fields stored on the message (its provider id, email threading headers). */
  readonly channelFields?: Pick<Message, 'providerMessageId' | 'email'>;
}

/** The conversation after the message, the message, and whether this call stored it (false for a retry). */
export interface ReceiveCustomerMessageResult {
  readonly conversation: Conversation;
  readonly message: Message;
  readonly created: boolean;
}

/**
 * Creates the use case the widget API (and later the channel webhooks) call for each customer message.
 *
 * @example
 * const { conversation, message } = await receiveCustomerMessage({ accountId, inboxId, contactId, body: 'Hi', clientMessageId: 'c-1' });
 */
export function makeReceiveCustomerMessage(deps: ReceiveCustomerMessageDeps) {
  const autoAssign = makeAutoAssign(deps);

  /**
   * Creates the conversation, or joins the one a concurrent delivery created under the same id
   * (a redelivered webhook, or a contact's simultaneous first messages) — never a 5xx for a race.
   */
  async function createOrJoin(conversation: Conversation): Promise<Conversation> {
    try {
      await deps.conversations.create(conversation);
      return conversation;
    } catch (error) {
      if ((error as Error).name !== 'ItemAlreadyExistsError') throw error;
      const stored = await deps.conversations.get(conversation.accountId, conversation.id);
      if (!stored || stored.contactId !== conversation.contactId || stored.inboxId !== conversation.inboxId) throw error;
      return stored;
    }
  }

  return async function receiveCustomerMessage(input: ReceiveCustomerMessageInput): Promise<ReceiveCustomerMessageResult> {
    const { accountId, inboxId, contactId } = input;
    const visitor = { contactId, inboxId };
    let existing = input.conversationId === undefined
      ? undefined
      : await loadConversation(deps.conversations, accountId, input.conversationId, visitor);
    let conversationId = existing?.id ?? input.newConversationId ?? deps.ids.next();
    let messageId = deps.ids.next();

    if (input.clientMessageId !== undefined) {
      const lifetimeMs = input.clientMessageIdTtlSeconds !== undefined ? input.clientMessageIdTtlSeconds * 1000 : clientMessageIdLifetimeMs;
      const expiresAt = new Date(deps.clock.nowMs() + lifetimeMs).toISOString();
      const result = await deps.clientMessageIds.claim(accountId, `contact:${contactId}`, input.clientMessageId, { conversationId, messageId }, expiresAt);
      if (!result.claimed) {
        conversationId = result.claim.conversationId;
        messageId = result.claim.messageId;
        const first = await deps.messages.get(accountId, conversationId, messageId);
        if (first) {
          const conversation = await loadConversation(deps.conversations, accountId, conversationId, visitor);
          return { conversation, message: first, created: false };
        }
        // The first attempt stopped between its claim and its message: finish it with its ids.
        existing = await deps.conversations.get(accountId, conversationId);
        if (existing && (existing.contactId !== contactId || existing.inboxId !== inboxId)) throw new NotFoundError('conversation');
      }
    }

    const now = deps.clock.nowIso();
    const isNewConversation = existing === undefined;
    // The account decides who handles a new or reopened conversation; a message to an open one
    // (the webhooks' steady state) does not read it.
    let account: Account | undefined;
    const loadAccount = async () => (account ??= await deps.accounts.get(accountId));
    if (!existing) {
      const contact = await deps.contacts.get(accountId, contactId);
      if (!contact) throw new NotFoundError('contact');
      existing = {
        accountId,
        id: conversationId,
        inboxId,
        contactId,
        status: 'open',
        handledBy: initialHandler(await loadAccount()),
        priority: 'none',
        lastActivityAt: now,
        seq: 0,
        unreadCount: 0,
        ...(contact.name !== undefined ? { contactName: contact.name } : {}),
        ...(contact.email !== undefined ? { contactEmail: contact.email } : {}),
        createdAt: now,
      };
      existing = await createOrJoin(existing);
    }

    const message = await deps.messages.append({
      accountId,
      conversationId,
      inboxId,
      id: messageId,
      type: 'incoming',
      status: 'delivered',
      authorType: 'contact',
      authorId: contactId,
      body: input.body,
      ...(input.clientMessageId !== undefined ? { clientMessageId: input.clientMessageId } : {}),
      ...(input.attachments && input.attachments.length > 0 ? { attachments: input.attachments } : {}),
      ...(input.channelFields?.providerMessageId !== undefined ? { providerMessageId: input.channelFields.providerMessageId } : {}),
      ...(input.channelFields?.email !== undefined ? { email: input.channelFields.email } : {}),
      createdAt: now,
    });

    const nextStatus = statusAfterCustomerMessage(existing.status);
    if (nextStatus !== existing.status) {
      const handledBy = handlerAfterCustomerMessage(existing.handledBy, existing.status, nextStatus, (await loadAccount())?.ai);
      await deps.conversations.update(accountId, conversationId, {
        status: nextStatus, snoozedUntil: null, ...(handledBy !== existing.handledBy ? { handledBy } : {}),
      }, { at: now, ifStatus: existing.status });
    }
    let conversation = (await deps.conversations.get(accountId, conversationId)) ?? existing;
    if (isNewConversation && conversation.handledBy === 'human') conversation = await autoAssign(conversation, account ? { account } : {});
    return { conversation, message, created: true };
  };
}
