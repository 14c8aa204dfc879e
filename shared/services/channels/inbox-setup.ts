/**
 * Inbox set-up for channels — layer: services (admins, through agent-api).
 *
 * - `createChannelInbox`: an inbox of any kind with its credentials. Writes the Meta routing
 *   item first (first tenant wins), then the inbox, its credentials (Secrets Manager in AWS,
 *   the encrypted table store on the laptop) and its `ROUTE#inbox#<id>` item; answers the
 *   webhook URLs to paste into the provider's console.
 * - `getInboxSetup`: the webhook URLs again, the channel address, whether credentials are stored.
 * - `sendTestMessage`: a conversation with `to` on this inbox and one queued outgoing message.
 * - `retryFailedMessage`: an agent's retry: `failed` → `queued` and a new outbound job.
 * - `getChannelState`: the composer's rules: WhatsApp's 24-hour window and the inbox's templates.
 */
import { whatsappWindow, windowedChannels } from '../../domain/channel-rules.js';
import type { ChannelType, Inbox, Message, MessageTemplate } from '../../domain/entities.js';
import { providerOfChannel, type InboxCredentials } from '../../ports/channels.js';
import type { ChannelDeps } from './deps.js';
import { ChannelAddressTakenError, ChannelNotFoundError, ChannelRequestError, JobQueueUnavailableError, MessageNotRetryableError } from './errors.js';

/** Dependencies of the set-up use cases. */
export type InboxSetupDeps = Pick<ChannelDeps, 'inboxes' | 'contacts' | 'conversations' | 'messages' | 'channels' | 'credentials' | 'jobs' | 'clock' | 'ids'> & {
  /** `SWITCHBOARD_PUBLIC_URL` (no trailing slash). */
  readonly publicUrl: string;
};

/** The URLs a tenant pastes into the provider's console. */
export type WebhookUrls = Readonly<Record<string, string>>;

/** Input of `createChannelInbox`. */
export interface CreateChannelInboxInput {
  readonly accountId: string;
  readonly name: string;
  readonly channel: ChannelType;
  readonly channelAddress?: string;
  readonly credentials?: InboxCredentials;
  readonly forwardingNumber?: string;
  readonly templates?: readonly MessageTemplate[];
}

function webhookUrlsOf(publicUrl: string, inbox: Inbox, credentials: InboxCredentials | undefined): WebhookUrls {
  const twilio = `${publicUrl}/webhooks/twilio/${inbox.id}`;
  switch (inbox.channel) {
    case 'sms':
    case 'whatsapp':
      return { messages: twilio, status: `${twilio}/status` };
    case 'voice':
      return { voice: `${twilio}/voice`, status: `${twilio}/status` };
    case 'messenger':
    case 'instagram':
    case 'whatsapp_cloud':
      return { callback: `${publicUrl}/webhooks/meta` };
    case 'email':
      return credentials?.provider === 'sendgrid'
        ? { inboundParse: `${publicUrl}/webhooks/sendgrid/${inbox.id}/${credentials.inboundSecret}`, events: `${publicUrl}/webhooks/sendgrid/events` }
        : { events: `${publicUrl}/webhooks/sendgrid/events` };
    default:
      return {};
  }
}

/** The primary URL stored on the inbox (Twilio signs exactly this URL, plus `/voice` or `/status`). */
function primaryWebhookUrl(publicUrl: string, inboxId: string, channel: ChannelType): string | undefined {
  if (channel === 'sms' || channel === 'whatsapp' || channel === 'voice') return `${publicUrl}/webhooks/twilio/${inboxId}`;
  if (channel === 'messenger' || channel === 'instagram' || channel === 'whatsapp_cloud') return `${publicUrl}/webhooks/meta`;
  return undefined;
}

/** Creates the set-up use cases. */
export function makeInboxSetup(deps: InboxSetupDeps) {
  async function loadInbox(accountId: string, inboxId: string): Promise<Inbox> {
    const inbox = await deps.inboxes.get(accountId, inboxId);
    if (!inbox) throw new ChannelNotFoundError('inbox');
    return inbox;
  }

  async function enqueue(job: { accountId: string; conversationId: string; messageId: string; requeuedAt?: string }): Promise<void> {
    try {
      await deps.jobs.enqueueOutbound({ kind: 'outbound-send', ...job });
    } catch (error) {
      await deps.channels.markFailed(job, 'queue_unavailable', deps.clock.nowIso());
      throw new JobQueueUnavailableError(`the send of message ${job.messageId} was not queued: ${(error as Error).name}`);
    }
  }

  return {
    async createChannelInbox(input: CreateChannelInboxInput): Promise<{ inbox: Inbox; webhookUrls: WebhookUrls }> {
      const { accountId, channel } = input;
      if (channel !== 'web') {
        if (!input.channelAddress) throw new ChannelRequestError(`a ${channel} inbox needs its channel address`);
        const provider = providerOfChannel[channel];
        if (!input.credentials || input.credentials.provider !== provider) throw new ChannelRequestError(`a ${channel} inbox needs ${provider} credentials`);
      } else if (input.credentials) {
        throw new ChannelRequestError('a web inbox takes no credentials');
      }
      if (input.templates && !windowedChannels.has(channel)) throw new ChannelRequestError('only WhatsApp inboxes have templates');
      if (input.forwardingNumber && channel !== 'voice') throw new ChannelRequestError('only voice inboxes have a forwarding number');
      const id = deps.ids.next();
      const now = deps.clock.nowIso();
      const webhookUrl = primaryWebhookUrl(deps.publicUrl, id, channel);
      const inbox: Inbox = {
        accountId,
        id,
        name: input.name,
        channel,
        ...(input.channelAddress ? { channelAddress: input.channelAddress } : {}),
        ...(channel === 'web' ? { widgetToken: `wt_${deps.ids.secretToken()}`, widgetSecret: `wsec_${deps.ids.secretToken()}` } : {}),
        ...(webhookUrl ? { webhookUrl } : {}),
        ...(input.forwardingNumber ? { forwardingNumber: input.forwardingNumber } : {}),
        ...(input.templates && input.templates.length > 0 ? { templates: input.templates } : {}),
        createdAt: now,
      };
      if (providerOfChannel[channel as Exclude<ChannelType, 'web'>] === 'meta' && input.channelAddress) {
        const claimed = await deps.channels.putMetaRoute(input.channelAddress, { accountId, inboxId: id });
        if (!claimed) throw new ChannelAddressTakenError();
      }
      if (input.credentials) await deps.credentials.put(accountId, id, input.credentials);
      await deps.inboxes.create(inbox);
      await deps.channels.putInboxRoute({ accountId, inboxId: id });
      return { inbox, webhookUrls: webhookUrlsOf(deps.publicUrl, inbox, input.credentials) };
    },

    async getInboxSetup(input: { accountId: string; inboxId: string }): Promise<{ channel: ChannelType; webhookUrls: WebhookUrls; channelAddress?: string; hasCredentials: boolean }> {
      const inbox = await loadInbox(input.accountId, input.inboxId);
      const credentials = inbox.channel === 'web' ? undefined : await deps.credentials.get(input.accountId, inbox.id);
      return {
        channel: inbox.channel,
        webhookUrls: webhookUrlsOf(deps.publicUrl, inbox, credentials),
        ...(inbox.channelAddress ? { channelAddress: inbox.channelAddress } : {}),
        hasCredentials: credentials !== undefined,
      };
    },

    async sendTestMessage(input: { accountId: string; inboxId: string; authorId: string; to: string; body: string }): Promise<{ conversationId: string; messageId: string }> {
      const inbox = await loadInbox(input.accountId, input.inboxId);
      if (inbox.channel === 'web' || inbox.channel === 'voice') throw new ChannelRequestError(`a ${inbox.channel} inbox cannot send a test message`);
      const now = deps.clock.nowIso();
      let contactId = (await deps.contacts.findByIdentity(input.accountId, inbox.channel, input.to))?.contactId;
      if (!contactId) {
        const created = deps.ids.next();
        await deps.contacts.create({
          accountId: input.accountId, id: created,
          ...(inbox.channel === 'email' ? { email: input.to } : inbox.channel === 'sms' || inbox.channel === 'whatsapp' ? { phone: input.to } : {}),
          createdAt: now, updatedAt: now,
        });
        contactId = (await deps.contacts.linkIdentity({ accountId: input.accountId, contactId: created, channel: inbox.channel, externalId: input.to, createdAt: now })).contactId;
      }
      const conversationId = deps.ids.next();
      await deps.conversations.create({
        // An agent starts it, so a person handles it (never the bot).
        accountId: input.accountId, id: conversationId, inboxId: inbox.id, contactId, status: 'open', handledBy: 'human',
        priority: 'none', lastActivityAt: now, seq: 0, unreadCount: 0, createdAt: now,
      });
      const message = await deps.messages.append({
        accountId: input.accountId, conversationId, inboxId: inbox.id, id: deps.ids.next(), type: 'outgoing', status: 'queued',
        authorType: 'agent', authorId: input.authorId, body: input.body, createdAt: now,
      });
      await enqueue({ accountId: input.accountId, conversationId, messageId: message.id });
      return { conversationId, messageId: message.id };
    },

    async retryFailedMessage(input: { accountId: string; conversationId: string; messageId: string }): Promise<Message> {
      const message = await deps.messages.get(input.accountId, input.conversationId, input.messageId);
      if (!message) throw new ChannelNotFoundError('message');
      if (message.type !== 'outgoing' || message.status !== 'failed') throw new MessageNotRetryableError();
      const at = deps.clock.nowIso();
      const requeued = await deps.channels.requeue(input, at);
      if (!requeued) throw new MessageNotRetryableError();
      await enqueue({ ...input, requeuedAt: at });
      return requeued;
    },

    async getChannelState(input: { accountId: string; conversationId: string }): Promise<{ channel: ChannelType; windowOpen?: boolean; windowClosesAt?: string; templates?: readonly MessageTemplate[] }> {
      const conversation = await deps.conversations.get(input.accountId, input.conversationId);
      if (!conversation) throw new ChannelNotFoundError('conversation');
      const inbox = await loadInbox(input.accountId, conversation.inboxId);
      if (!windowedChannels.has(inbox.channel)) return { channel: inbox.channel };
      const recent = await deps.messages.list(input.accountId, conversation.id, { limit: 50, newestFirst: true });
      const window = whatsappWindow(recent.find((m) => m.type === 'incoming')?.createdAt, deps.clock.nowMs());
      return {
        channel: inbox.channel,
        windowOpen: window.open,
        ...(window.open && window.closesAt ? { windowClosesAt: window.closesAt } : {}),
        templates: inbox.templates ?? [],
      };
    },
  };
}
