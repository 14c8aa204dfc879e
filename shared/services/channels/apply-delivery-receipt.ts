/**
 * A provider reports a delivery or read — layer: services.
 *
 * Primary course:
 *  1. Find our message by the provider's message id (the lookup item written when the send
 *     succeeded). Unknown ids (another system's messages, an expired lookup) answer `unknown`.
 *  2. A receipt naming an account (SendGrid's custom args, a Twilio inbox URL) must match the
 *     message's account, or it is `unknown` (no cross-tenant update).
 *  3. Move the status forward only (queued < sent < delivered < read; failed from queued or
 *     sent, with the provider's reason), and only while the reported send is the message's
 *     current one: a late or repeated receipt — or a redelivered bounce of a send an agent has
 *     since retried — changes nothing and answers `duplicate`. The message item's change reaches the dashboard through the table stream.
 */
import type { DeliveryReceipt } from '../../ports/channels.js';
import type { ChannelDeps } from './deps.js';

/** Dependencies of {@link makeApplyDeliveryReceipt}. */
export type ApplyDeliveryReceiptDeps = Pick<ChannelDeps, 'channels' | 'clock'>;

/** Creates the receipts use case. */
export function makeApplyDeliveryReceipt(deps: ApplyDeliveryReceiptDeps) {
  return async function applyDeliveryReceipt(receipt: DeliveryReceipt): Promise<'applied' | 'duplicate' | 'unknown'> {
    if (receipt.providerMessageId.length === 0 || receipt.providerMessageId.length > 512) return 'unknown';
    const ref = await deps.channels.findProviderMessage(receipt.provider, receipt.providerMessageId);
    if (!ref) return 'unknown';
    if (receipt.accountId !== undefined && receipt.accountId !== ref.accountId) return 'unknown';
    const at = receipt.at && !Number.isNaN(Date.parse(receipt.at)) ? new Date(receipt.at).toISOString() : deps.clock.nowIso();
    const updated = await deps.channels.advanceStatus(ref, receipt.status, at, receipt.reason, receipt.providerMessageId);
    return updated ? 'applied' : 'duplicate';
  };
}
