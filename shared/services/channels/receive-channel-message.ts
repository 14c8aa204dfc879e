/**
 * A customer writes on a channel — layer: services. The inbound pipeline of every webhook.
 *
 * Primary course (the webhook has verified the signature and resolved account and inbox):
 *  1. Find the contact by its channel identity, or create one and link the identity (first
 *     link wins: concurrent deliveries converge on one contact).
 *  2. Find the conversation: emails by their thread headers (In-Reply-To, then References,
 *     newest first) through the per-inbox Message-ID items; other channels the contact's latest
 *     conversation on this inbox, unless it was resolved more than 7 days ago — then the id of a
 *     new one is claimed (AP-69), so simultaneous first messages open a single conversation.
 *  3. Append through `receiveCustomerMessage` with `clientMessageId = dedupeKey` and the
 *     provider's TTL: its claim makes a redelivery return the first message (`duplicate`).
 *  4. Emails: remember this Message-ID → conversation, so replies thread.
 *  5. Enqueue the AI job (group = conversation, deduplication id = message id). A duplicate
 *     younger than SQS's 5-minute deduplication window enqueues again (a no-op for SQS, and the
 *     repair when the first delivery stored the message but could not enqueue). A queue failure
 *     throws {@link JobQueueUnavailableError}: the webhook answers 5xx and the provider retries.
 */
import type { ContactIdentity, Conversation, MessageAttachment } from '../../domain/entities.js';
import type { InboundChannelMessage } from '../../ports/channels.js';
import type { ReceiveCustomerMessageInput, ReceiveCustomerMessageResult } from '../conversations/receive-customer-message.js';
import { queueDedupeWindowMs, reopenWindowMs, type ChannelDeps } from './deps.js';
import { ChannelNotFoundError, JobQueueUnavailableError } from './errors.js';

/** Dependencies of {@link makeReceiveChannelMessage}. */
export type ReceiveChannelMessageDeps = Pick<ChannelDeps, 'inboxes' | 'contacts' | 'conversations' | 'channels' | 'jobs' | 'clock' | 'ids'> & {
  /** The conversation core's use case (it owns conversations, messages, unread counts, auto-assignment). */
  readonly receiveCustomerMessage: (input: ReceiveCustomerMessageInput) => Promise<ReceiveCustomerMessageResult>;
};

/** What became of an inbound message. */
export interface ReceiveChannelMessageResult {
  readonly outcome: 'stored' | 'duplicate';
  readonly conversationId: string;
  readonly messageId: string;
}

/** Bodies are stored up to this length (an email can be long). */
const maxBodyChars = 32_000;
/** An email's original HTML is kept on the message up to this size (the item must stay far below DynamoDB's 400 KB). */
const maxHtmlBytes = 64 * 1024;

function emailFields(email: InboundChannelMessage['email']): InboundChannelMessage['email'] {
  if (!email) return undefined;
  const { html, references, subject, ...ids } = email;
  const thread = {
    ...ids,
    ...(references && references.length > 0 ? { references: references.slice(-20) } : {}),
    ...(subject !== undefined ? { subject: subject.slice(0, 998) } : {}),
  };
  return html !== undefined && Buffer.byteLength(html, 'utf8') <= maxHtmlBytes ? { ...thread, html } : thread;
}

/**
 * Creates the inbound pipeline.
 *
 * @example
 * const { outcome, conversationId } = await receiveChannelMessage({ accountId, inboxId, channel: 'sms', externalContactId: '+15551234567',
 *   providerMessageId: 'SM…', dedupeKey: 'twilio#SM…', dedupeTtlSeconds: 86_400, body: 'Hi' });
 */
export function makeReceiveChannelMessage(deps: ReceiveChannelMessageDeps) {
  async function contactFor(input: InboundChannelMessage): Promise<string> {
    const known = await deps.contacts.findByIdentity(input.accountId, input.channel, input.externalContactId);
    if (known) return known.contactId;
    const now = deps.clock.nowIso();
    const contactId = deps.ids.next();
    await deps.contacts.create({
      accountId: input.accountId,
      id: contactId,
      ...(input.contactName ? { name: input.contactName.slice(0, 200) } : {}),
      ...(input.contactEmail ? { email: input.contactEmail.slice(0, 320) } : {}),
      ...(input.contactPhone ? { phone: input.contactPhone.slice(0, 32) } : {}),
      createdAt: now,
      updatedAt: now,
    });
    const identity: ContactIdentity = { accountId: input.accountId, contactId, channel: input.channel, externalId: input.externalContactId, createdAt: now };
    // A concurrent delivery may have linked the identity first: its contact wins.
    return (await deps.contacts.linkIdentity(identity)).contactId;
  }

  async function emailConversation(input: InboundChannelMessage, contactId: string): Promise<string | undefined> {
    const email = input.email;
    if (!email) return undefined;
    const candidates = [email.inReplyTo, ...[...(email.references ?? [])].reverse()].filter((v): v is string => typeof v === 'string' && v.length > 0).slice(0, 20);
    for (const header of candidates) {
      const conversationId = await deps.channels.findEmailThread(input.accountId, input.inboxId, header);
      if (!conversationId) continue;
      const conversation = await deps.conversations.get(input.accountId, conversationId);
      if (conversation && conversation.contactId === contactId && conversation.inboxId === input.inboxId) return conversationId;
    }
    return undefined;
  }

  /**
   * The contact's current conversation on this inbox, or the claimed id of the one to open
   * (first claim wins, so simultaneous first messages share one new conversation).
   */
  async function currentConversation(input: InboundChannelMessage, contactId: string): Promise<{ conversationId?: string; newConversationId?: string }> {
    const page = await deps.conversations.listByContact(input.accountId, contactId, { limit: 20 });
    const latest: Conversation | undefined = page.items.find((c) => c.inboxId === input.inboxId);
    const stale = latest !== undefined && latest.status === 'resolved' && deps.clock.nowMs() - Date.parse(latest.lastActivityAt) > reopenWindowMs;
    if (latest && !stale) return { conversationId: latest.id };
    return { newConversationId: await deps.channels.claimNextConversation(input.accountId, input.inboxId, contactId, latest?.id, deps.ids.next()) };
  }

  return async function receiveChannelMessage(input: InboundChannelMessage): Promise<ReceiveChannelMessageResult> {
    const inbox = await deps.inboxes.get(input.accountId, input.inboxId);
    if (!inbox || inbox.channel === 'web') throw new ChannelNotFoundError('inbox');
    const contactId = await contactFor(input);
    // Emails thread by their headers (a new thread is a new conversation); other channels keep one.
    const emailThread = input.channel === 'email' ? await emailConversation(input, contactId) : undefined;
    const target = input.channel === 'email' ? (emailThread ? { conversationId: emailThread } : {}) : await currentConversation(input, contactId);
    const attachments: MessageAttachment[] = (input.attachments ?? []).slice(0, 20).map((a) => ({
      id: deps.ids.next(),
      fileName: a.fileName.slice(0, 255),
      contentType: a.contentType.slice(0, 255),
      size: a.size ?? 0,
      ...(a.objectKey ? { objectKey: a.objectKey } : {}),
      ...(a.providerUrl ? { url: a.providerUrl } : {}),
    }));
    const result = await deps.receiveCustomerMessage({
      accountId: input.accountId,
      inboxId: input.inboxId,
      contactId,
      ...target,
      body: input.body.slice(0, maxBodyChars),
      clientMessageId: input.dedupeKey,
      clientMessageIdTtlSeconds: input.dedupeTtlSeconds,
      ...(attachments.length > 0 ? { attachments } : {}),
      channelFields: {
        providerMessageId: input.providerMessageId,
        ...(input.email ? { email: emailFields(input.email) } : {}),
      },
    });
    const { message, conversation } = result;
    if (input.email?.messageId && result.created) {
      await deps.channels.putEmailThread(input.accountId, input.inboxId, input.email.messageId, conversation.id);
    }
    const withinQueueDedupe = deps.clock.nowMs() - Date.parse(message.createdAt) < queueDedupeWindowMs;
    if (result.created || withinQueueDedupe) {
      try {
        await deps.jobs.enqueueAiJob({ kind: 'ai-turn', accountId: input.accountId, conversationId: conversation.id, messageId: message.id });
      } catch (error) {
        throw new JobQueueUnavailableError(`the AI job of message ${message.id} was not queued: ${(error as Error).name}`);
      }
    }
    return { outcome: result.created ? 'stored' : 'duplicate', conversationId: conversation.id, messageId: message.id };
  };
}
