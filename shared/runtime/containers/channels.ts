/**
 * The channels area (CORE) — layer: runtime (container).
 *
 * Three builders over a base, one per function that needs them: the inbound pipeline and
 * receipts (webhooks), the outbound send (outbound-sender, with the providers' senders), and
 * the inbox set-up (agent-api). The ports they stand on are in `ports.ts`.
 */
import type { Inbox } from '../../domain/entities.js';
import type { InboxCredentials } from '../../ports/channels.js';
import { makeApplyDeliveryReceipt } from '../../services/channels/apply-delivery-receipt.js';
import { makeInboxSetup } from '../../services/channels/inbox-setup.js';
import { makeReceiveChannelMessage } from '../../services/channels/receive-channel-message.js';
import { makeMarkPoisonJob, makeSendOutbound } from '../../services/channels/send-outbound.js';
import { makeReceiveCustomerMessage } from '../../services/conversations/receive-customer-message.js';
import { makeApplyWatermarkReceipt } from '../../services/meta/apply-watermark-receipt.js';
import { makeReceiveMetaWebhook } from '../../services/meta/receive-meta-webhook.js';
import { deferred, lazy, perBase } from './base.js';
import { channelRepository, channelSenders, credentialStore, fileStorage, jobQueue } from './ports.js';
import { contactRepository, conversationRepository, inboxRepository, messageRepository, repositories } from './repositories.js';

/** The inbound pipeline and receipts (the webhooks). */
export interface ChannelInboundServices {
  /** The inbound pipeline every webhook calls: contact, conversation, message once, AI job. */
  readonly receiveChannelMessage: ReturnType<typeof makeReceiveChannelMessage>;
  /** Delivery and read receipts: the status only moves forward. */
  readonly applyDeliveryReceipt: ReturnType<typeof makeApplyDeliveryReceipt>;
  /** `ROUTE#inbox#<id>` → the inbox and its credentials (Twilio and SendGrid webhooks); undefined when unknown. */
  readonly resolveWebhookInbox: (inboxId: string) => Promise<{ inbox: Inbox; credentials: InboxCredentials | undefined } | undefined>;
  /** Meta's `POST /webhooks/meta` batches (the META helper's service). */
  readonly receiveMetaWebhook: ReturnType<typeof makeReceiveMetaWebhook>;
}

/** The outbound sender's use cases. */
export interface ChannelSendServices {
  /** The outbound sender's use case, per job and attempt (receive count). */
  readonly sendOutbound: ReturnType<typeof makeSendOutbound>;
  readonly markPoisonJob: ReturnType<typeof makeMarkPoisonJob>;
}

/** The admins' channel inbox set-up. */
export interface ChannelSetupServices {
  readonly createChannelInbox: ReturnType<typeof makeInboxSetup>['createChannelInbox'];
  readonly getInboxSetup: ReturnType<typeof makeInboxSetup>['getInboxSetup'];
  readonly sendTestMessage: ReturnType<typeof makeInboxSetup>['sendTestMessage'];
  readonly retryFailedMessage: ReturnType<typeof makeInboxSetup>['retryFailedMessage'];
  readonly getChannelState: ReturnType<typeof makeInboxSetup>['getChannelState'];
}

/** The inbound services over a base (the process's by default). */
export const channelInbound = /* @__PURE__ */ perBase((b): ChannelInboundServices => {
  const receiveChannelMessage = lazy(() => makeReceiveChannelMessage({
    ...repositories(b), channels: channelRepository(b), jobs: jobQueue(b), clock: b.clock, ids: b.ids,
    receiveCustomerMessage: makeReceiveCustomerMessage({ ...repositories(b), clock: b.clock, ids: b.ids }),
  }));
  const applyDeliveryReceipt = lazy(() => makeApplyDeliveryReceipt({ channels: channelRepository(b), clock: b.clock }));
  return {
    receiveChannelMessage: deferred(() => receiveChannelMessage()),
    applyDeliveryReceipt: deferred(() => applyDeliveryReceipt()),
    resolveWebhookInbox: async (inboxId) => {
      const route = await channelRepository(b).findInboxRoute(inboxId);
      if (!route) return undefined;
      const inbox = await repositories(b).inboxes.get(route.accountId, route.inboxId);
      if (!inbox) return undefined;
      return { inbox, credentials: await credentialStore(b).get(inbox.accountId, inbox.id) };
    },
    receiveMetaWebhook: deferred(() => makeReceiveMetaWebhook({
      channels: channelRepository(b),
      inboxes: repositories(b).inboxes,
      receiveChannelMessage: receiveChannelMessage(),
      applyDeliveryReceipt: applyDeliveryReceipt(),
      applyWatermarkReceipt: makeApplyWatermarkReceipt({ ...repositories(b), channels: channelRepository(b) }),
    })),
  };
});

/** The outbound send over a base (the process's by default). */
export const channelSend = /* @__PURE__ */ perBase((b): ChannelSendServices => ({
  sendOutbound: deferred(() => makeSendOutbound({
    inboxes: inboxRepository(b), contacts: contactRepository(b), conversations: conversationRepository(b), messages: messageRepository(b),
    channels: channelRepository(b), credentials: credentialStore(b), senders: channelSenders(b), clock: b.clock, storage: fileStorage(b), emailDomain: new URL(b.config.channels.publicUrl).hostname,
  })),
  markPoisonJob: deferred(() => makeMarkPoisonJob({ channels: channelRepository(b), clock: b.clock })),
}));

/** The inbox set-up over a base (the process's by default). */
export const channelSetup = /* @__PURE__ */ perBase((b): ChannelSetupServices => {
  const inboxSetup = lazy(() => makeInboxSetup({
    ...repositories(b), channels: channelRepository(b), credentials: credentialStore(b), jobs: jobQueue(b), clock: b.clock, ids: b.ids,
    publicUrl: b.config.channels.publicUrl,
  }));
  return {
    createChannelInbox: deferred(() => inboxSetup().createChannelInbox),
    getInboxSetup: deferred(() => inboxSetup().getInboxSetup),
    sendTestMessage: deferred(() => inboxSetup().sendTestMessage),
    retryFailedMessage: deferred(() => inboxSetup().retryFailedMessage),
    getChannelState: deferred(() => inboxSetup().getChannelState),
  };
});
