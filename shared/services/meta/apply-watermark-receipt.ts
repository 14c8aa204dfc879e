/**
 * A Meta watermark receipt — layer: services (owned by the META helper).
 *
 * Messenger's `message_deliveries` / `message_reads` and Instagram's seen events say "everything
 * up to this time was delivered / read" without naming our messages. Primary course:
 *  1. Find the contact by its channel identity (PSID / IGSID); unknown → `unknown`.
 *  2. Take the contact's latest conversation on this inbox (watermarks concern the live thread).
 *  3. Move each recent outgoing message created up to the watermark forward to the status
 *     (through the same forward-only conditional update as per-message receipts, so a repeated
 *     or late watermark changes nothing).
 */
import type { MessageStatus } from '../../domain/entities.js';
import type { ChannelRepository } from '../../ports/channel-store.js';
import type { ContactRepository, ConversationRepository, MessageRepository } from '../../ports/repositories.js';

/** Dependencies of {@link makeApplyWatermarkReceipt}. */
export interface ApplyWatermarkReceiptDeps {
  readonly contacts: Pick<ContactRepository, 'findByIdentity'>;
  readonly conversations: Pick<ConversationRepository, 'listByContact'>;
  readonly messages: Pick<MessageRepository, 'list'>;
  readonly channels: Pick<ChannelRepository, 'advanceStatus'>;
}

/** One watermark, after its tenant was resolved. */
export interface WatermarkReceiptInput {
  readonly accountId: string;
  readonly inboxId: string;
  readonly channel: 'messenger' | 'instagram';
  readonly externalContactId: string;
  readonly status: 'delivered' | 'read';
  /** ISO-8601. */
  readonly watermark: string;
}

/** How many of the conversation's newest messages a watermark looks at. */
export const watermarkScanLimit = 50;

const rank: Readonly<Record<MessageStatus, number>> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: -1 };

/**
 * Creates the watermark use case; resolves how many messages moved forward, or `unknown`.
 *
 * @example
 * await applyWatermarkReceipt({ accountId, inboxId, channel: 'messenger', externalContactId: psid, status: 'read', watermark });
 */
export function makeApplyWatermarkReceipt(deps: ApplyWatermarkReceiptDeps) {
  return async function applyWatermarkReceipt(input: WatermarkReceiptInput): Promise<{ applied: number } | 'unknown'> {
    const identity = await deps.contacts.findByIdentity(input.accountId, input.channel, input.externalContactId);
    if (!identity) return 'unknown';
    const page = await deps.conversations.listByContact(input.accountId, identity.contactId, { limit: 20 });
    const conversation = page.items.find((c) => c.inboxId === input.inboxId);
    if (!conversation) return 'unknown';
    const watermarkMs = Date.parse(input.watermark);
    if (Number.isNaN(watermarkMs)) return 'unknown';
    const recent = await deps.messages.list(input.accountId, conversation.id, { limit: watermarkScanLimit, newestFirst: true });
    let applied = 0;
    for (const message of recent) {
      if (message.type !== 'outgoing') continue;
      // Only messages the provider has accepted (queued or failed ones were never delivered).
      if (rank[message.status] < 1 || rank[message.status] >= rank[input.status]) continue;
      if (Date.parse(message.createdAt) > watermarkMs) continue;
      const ref = { accountId: input.accountId, conversationId: conversation.id, messageId: message.id };
      if (await deps.channels.advanceStatus(ref, input.status, input.watermark)) applied += 1;
    }
    return { applied };
  };
}
