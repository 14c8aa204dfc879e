/**
 * Meta webhook batches — layer: ports (domain terms; owned by the META helper).
 *
 * What the Meta webhook adapter (`shared/adapters/channels/meta/parse.ts`) hands to the service
 * that routes it (`shared/services/meta/receive-meta-webhook.ts`): one batch per channel
 * address (page id, Instagram account id, WhatsApp phone number id), before the tenant is known.
 */
import type { DeliveryReceipt, InboundChannelMessage } from './channels.js';

/** The channels Meta serves. */
export type MetaChannel = 'messenger' | 'instagram' | 'whatsapp_cloud';

/** A customer message before its tenant is known. */
export type UnroutedMessage = Omit<InboundChannelMessage, 'accountId' | 'inboxId'>;
/** A receipt before its tenant is known. */
export type UnroutedReceipt = Omit<DeliveryReceipt, 'accountId'>;

/**
 * "Every message this address sent to `externalContactId` up to `watermark` was delivered / read"
 * (Messenger `delivery.watermark` and `read.watermark`, Instagram seen events): Meta names no
 * message id, so the receipt applies to the conversation's outgoing messages sent until then.
 */
export interface WatermarkReceipt {
  readonly status: 'delivered' | 'read';
  readonly externalContactId: string;
  /** ISO-8601. */
  readonly watermark: string;
  readonly dedupeKey: string;
  readonly dedupeTtlSeconds: number;
}

/** What one channel address received in one webhook POST. */
export interface MetaBatch {
  readonly channel: MetaChannel;
  /** The page id, Instagram account id or WhatsApp phone number id (the inbox's `channelAddress`). */
  readonly channelAddress: string;
  readonly messages: UnroutedMessage[];
  readonly receipts: UnroutedReceipt[];
  readonly watermarks: WatermarkReceipt[];
}
