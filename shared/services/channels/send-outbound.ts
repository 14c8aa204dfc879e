/**
 * Deliver one outgoing message through its channel — layer: services. Run by `outbound-sender`.
 *
 * Primary course (one FIFO job per message, group = conversation):
 *  1. Load the message, its conversation, inbox and the contact's identity on the channel. A
 *     message that is not `queued` any more (sent, failed, read) is acknowledged: nothing to do.
 *  2. Channel rules (`shared/domain/channel-rules.ts`): WhatsApp's 24-hour window (a template
 *     is needed outside it), SMS and per-channel size limits. A refusal fails the message with
 *     the rule as reason, without calling the provider.
 *  3. Token buckets (per provider, per tenant and provider, WhatsApp per recipient): an empty
 *     bucket retries later (the job's visibility is delayed until a token is due).
 *  4. Claim the send (`queued` → `sending`, conditional): a message already recorded `sent`
 *     is acknowledged without a second send.
 *  5. Call the provider. `sent` → record the provider id (and its lookup item, so receipts find
 *     the message) → `sent`. `failed` → `failed` with the provider's reason. `retry` → back
 *     off with full jitter, at least Retry-After; on the last attempt (the 5th receive, after
 *     which SQS moves the job to the DLQ) the message is marked `failed` (`poison: …`) so the
 *     dashboard shows it.
 *
 * Residual crash window (documented in docs/CHANNELS.md): if the process dies after the
 * provider accepted the message and before `sent` is written, the retried job finds the
 * message still `sending` and sends it again. Providers offer no idempotency key for these
 * APIs, so this window (milliseconds) is the one case of a possible double send.
 */
import { backoffSeconds, checkOutbound, maxSendAttempts, sendRates, whatsappWindow, windowedChannels } from '../../domain/channel-rules.js';
import type { ChannelType, Conversation, Inbox, Message } from '../../domain/entities.js';
import { providerOfChannel, type OutboundChannelMessage, type SendOutcome } from '../../ports/channels.js';
import type { MessageRef } from '../../ports/channel-store.js';
import type { FileStorage } from '../../ports/file-storage.js';
import type { OutboundJob } from '../../ports/job-queue.js';
import type { ChannelDeps } from './deps.js';

/** Dependencies of {@link makeSendOutbound}. */
export type SendOutboundDeps = Pick<ChannelDeps, 'inboxes' | 'contacts' | 'conversations' | 'messages' | 'channels' | 'credentials' | 'senders' | 'clock'> & {
  /** Presigned download URLs for attachments sent as media. */
  readonly storage?: Pick<FileStorage, 'presignDownload'>;
  /** Uniform random number in [0, 1) for the jitter. */
  readonly random?: () => number;
  /** The host of our own email Message-IDs (`<messageId@host>`). */
  readonly emailDomain: string;
};

/** What the sender does with the job: acknowledge it, or report it failed with a visibility delay. */
export type SendOutboundResult =
  | { readonly kind: 'done'; readonly outcome: 'sent' | 'failed' | 'skipped' }
  | { readonly kind: 'retry'; readonly delaySeconds: number; readonly reason: string };

type SendChannel = OutboundChannelMessage['channel'];

function isSendChannel(channel: ChannelType): channel is SendChannel {
  return channel !== 'web' && channel !== 'voice';
}

/** Creates the outbound use case. `attempt` is the job's receive count (1 on the first delivery). */
export function makeSendOutbound(deps: SendOutboundDeps) {
  const random = deps.random ?? Math.random;

  async function lastIncoming(accountId: string, conversationId: string): Promise<Message | undefined> {
    const recent = await deps.messages.list(accountId, conversationId, { limit: 50, newestFirst: true });
    return recent.find((m) => m.type === 'incoming');
  }

  async function mediaUrls(message: Message): Promise<string[]> {
    const urls: string[] = [];
    for (const attachment of message.attachments ?? []) {
      if (attachment.objectKey && deps.storage) {
        urls.push(await deps.storage.presignDownload({ objectKey: attachment.objectKey, fileName: attachment.fileName, contentType: attachment.contentType, expiresInSeconds: 24 * 60 * 60 }));
      } else if (attachment.url) urls.push(attachment.url);
    }
    return urls;
  }

  async function fail(ref: MessageRef, reason: string): Promise<SendOutboundResult> {
    await deps.channels.markFailed(ref, reason, deps.clock.nowIso());
    return { kind: 'done', outcome: 'failed' };
  }

  async function retryOrPoison(ref: MessageRef, attempt: number, reason: string, retryAfter?: number): Promise<SendOutboundResult> {
    if (attempt >= maxSendAttempts) {
      // The last receive: the message shows as failed, and the job moves on to the DLQ at once.
      await deps.channels.markFailed(ref, `poison: gave up after ${attempt} attempts (${reason})`, deps.clock.nowIso());
      return { kind: 'retry', delaySeconds: 0, reason };
    }
    return { kind: 'retry', delaySeconds: backoffSeconds(attempt, random(), retryAfter), reason };
  }

  async function rateWait(accountId: string, provider: string, channel: SendChannel, to: string): Promise<number> {
    const now = deps.clock.nowMs();
    const waits = [
      await deps.channels.takeToken(`provider#${provider}`, sendRates.provider[provider as keyof typeof sendRates.provider], now),
      await deps.channels.takeToken(`tenant#${accountId}#${provider}`, sendRates.tenant, now),
    ];
    if (windowedChannels.has(channel)) waits.push(await deps.channels.takeToken(`recipient#${accountId}#${channel}#${to}`, sendRates.whatsappRecipient, now));
    return Math.max(...waits);
  }

  function emailFields(conversation: Conversation, message: Message, incoming: Message | undefined): OutboundChannelMessage['email'] {
    const thread = incoming?.email;
    const subject = thread?.subject ?? `Your conversation with us`;
    const references = thread ? [...(thread.references ?? []), thread.messageId].slice(-20) : undefined;
    return {
      subject,
      messageId: `<${message.id}.${conversation.id}@${deps.emailDomain}>`,
      ...(thread ? { inReplyTo: thread.messageId } : {}),
      ...(references ? { references } : {}),
    };
  }

  return async function sendOutbound(job: OutboundJob, attempt: number): Promise<SendOutboundResult> {
    const ref: MessageRef = { accountId: job.accountId, conversationId: job.conversationId, messageId: job.messageId };
    const message = await deps.messages.get(ref.accountId, ref.conversationId, ref.messageId);
    if (!message || message.type !== 'outgoing' || message.status !== 'queued') return { kind: 'done', outcome: 'skipped' };
    const conversation = await deps.conversations.get(ref.accountId, ref.conversationId);
    const inbox: Inbox | undefined = conversation ? await deps.inboxes.get(ref.accountId, conversation.inboxId) : undefined;
    if (!conversation || !inbox || !isSendChannel(inbox.channel)) return fail(ref, 'this conversation has no channel to send on');
    const channel = inbox.channel;
    const provider = providerOfChannel[channel];
    const sender = deps.senders[provider];
    if (!sender) return fail(ref, `no sender for ${provider}`);
    const identities = await deps.contacts.listIdentities(ref.accountId, conversation.contactId);
    const to = identities.find((i) => i.channel === channel)?.externalId;
    if (!to) return fail(ref, 'the contact has no address on this channel');
    if (!inbox.channelAddress) return fail(ref, 'the inbox has no channel address');

    const incoming = await lastIncoming(ref.accountId, ref.conversationId);
    const window = whatsappWindow(incoming?.createdAt, deps.clock.nowMs());
    const media = await mediaUrls(message);
    const refusal = checkOutbound({ channel, body: message.body, hasTemplate: message.template !== undefined, windowOpen: window.open, hasMedia: media.length > 0 });
    if (refusal) return fail(ref, refusal);

    const wait = await rateWait(ref.accountId, provider, channel, to);
    if (wait > 0) return { kind: 'retry', delaySeconds: wait, reason: 'rate limited' };

    const claim = await deps.channels.claimSend(ref, deps.clock.nowIso());
    if (claim.kind !== 'claimed') return { kind: 'done', outcome: 'skipped' };

    const credentials = await deps.credentials.get(ref.accountId, inbox.id);
    if (!credentials) return fail(ref, 'the inbox has no credentials');
    const outbound: OutboundChannelMessage = {
      accountId: ref.accountId,
      inboxId: inbox.id,
      conversationId: ref.conversationId,
      messageId: ref.messageId,
      channel,
      from: inbox.channelAddress,
      to,
      body: message.body,
      ...(media.length > 0 ? { mediaUrls: media } : {}),
      ...(channel === 'email' ? { email: emailFields(conversation, message, incoming) } : {}),
      ...(message.template ? { template: message.template } : {}),
    };
    let outcome: SendOutcome;
    try {
      outcome = await sender.send(outbound, credentials);
    } catch (error) {
      outcome = { kind: 'retry', reason: `sender error (${(error as Error)?.name ?? 'Error'})` };
    }
    if (outcome.kind === 'sent') {
      const now = deps.clock.nowIso();
      // The lookup first: a receipt can arrive before `sent` is written.
      if (outcome.providerMessageId) await deps.channels.putProviderMessage(provider, outcome.providerMessageId, ref);
      await deps.channels.markSent(ref, outcome.providerMessageId || `unknown-${ref.messageId}`, now);
      if (outbound.email) await deps.channels.putEmailThread(ref.accountId, inbox.id, outbound.email.messageId, ref.conversationId);
      return { kind: 'done', outcome: 'sent' };
    }
    if (outcome.kind === 'failed') return fail(ref, outcome.reason);
    return retryOrPoison(ref, attempt, outcome.reason, outcome.retryAfterSeconds);
  };
}

/** Marks the message of a job that kept throwing as failed (its last attempt before the DLQ). */
export function makeMarkPoisonJob(deps: Pick<ChannelDeps, 'channels' | 'clock'>) {
  return async function markPoisonJob(job: OutboundJob, reason: string): Promise<void> {
    await deps.channels.markFailed({ accountId: job.accountId, conversationId: job.conversationId, messageId: job.messageId }, `poison: ${reason}`.slice(0, 500), deps.clock.nowIso());
  };
}
