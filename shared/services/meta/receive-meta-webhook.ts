/**
 * A verified Meta webhook, routed per entry — layer: services (owned by the META helper).
 *
 * One app secret proves only "from Meta"; each batch (one page, Instagram account or WhatsApp
 * phone number) is resolved to its tenant on its own (SECURITY.md §1). Primary course:
 *  1. For each batch, find the route item `ROUTE#meta#<address>` → account and inbox, and check
 *     the inbox is of the batch's channel. Unknown addresses are dropped (nothing written).
 *  2. Customer messages go through the inbound pipeline (`receiveChannelMessage`: stored once,
 *     AI job queued), one contact's messages in order, different contacts in parallel.
 *  3. Per-message receipts go through `applyDeliveryReceipt` with the resolved account (so a
 *     receipt can never touch another tenant's message); watermarks through
 *     `applyWatermarkReceipt`.
 *  4. Every unit of work is attempted; if any failed (a queue outage), the first error is thrown
 *     afterwards so the webhook answers 5xx and Meta redelivers — the dedupe keys make the
 *     redelivery of the units that did succeed a no-op.
 */
import type { ChannelType } from '../../domain/entities.js';
import type { DeliveryReceipt, InboundChannelMessage } from '../../ports/channels.js';
import type { ChannelRepository, InboxRoute } from '../../ports/channel-store.js';
import type { InboxRepository } from '../../ports/repositories.js';
import type { MetaBatch } from '../../ports/meta-webhook.js';
import type { WatermarkReceiptInput } from './apply-watermark-receipt.js';

/** Dependencies of {@link makeReceiveMetaWebhook}. */
export interface ReceiveMetaWebhookDeps {
  readonly channels: Pick<ChannelRepository, 'findMetaRoute'>;
  readonly inboxes: Pick<InboxRepository, 'get'>;
  readonly receiveChannelMessage: (message: InboundChannelMessage) => Promise<{ readonly outcome: 'stored' | 'duplicate' }>;
  readonly applyDeliveryReceipt: (receipt: DeliveryReceipt) => Promise<'applied' | 'duplicate' | 'unknown'>;
  readonly applyWatermarkReceipt: (input: WatermarkReceiptInput) => Promise<unknown>;
}

/** What became of one webhook POST. */
export interface MetaWebhookSummary {
  readonly stored: number;
  readonly duplicates: number;
  readonly receipts: number;
  /** Batches whose address no inbox owns (their messages and receipts were dropped). */
  readonly droppedBatches: number;
}

/** Units of work run at once: enough to answer a 1,000-entry batch inside Meta's 20 s, gentle on the table. */
export const metaWebhookConcurrency = 16;

async function runBounded(tasks: readonly (() => Promise<void>)[], limit: number): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      try {
        await task();
      } catch (error) {
        errors.push(error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return errors;
}

/** The pipeline refuses an inbox that vanished between the route lookup and the write: a drop, not a failure. */
function isGone(error: unknown): boolean {
  return (error as Error)?.name === 'ChannelNotFoundError';
}

/**
 * Creates the use case the `POST /webhooks/meta` binding calls with the parsed batches.
 *
 * @example
 * const summary = await receiveMetaWebhook(parseMetaWebhook(body).batches);
 */
export function makeReceiveMetaWebhook(deps: ReceiveMetaWebhookDeps) {
  async function routeOf(batch: MetaBatch): Promise<InboxRoute | undefined> {
    const route = await deps.channels.findMetaRoute(batch.channelAddress);
    if (!route) return undefined;
    const inbox = await deps.inboxes.get(route.accountId, route.inboxId);
    const channel: ChannelType | undefined = inbox?.channel;
    return channel === batch.channel ? route : undefined;
  }

  return async function receiveMetaWebhook(batches: readonly MetaBatch[]): Promise<MetaWebhookSummary> {
    let stored = 0;
    let duplicates = 0;
    let receipts = 0;
    let droppedBatches = 0;

    const routes = new Map<MetaBatch, InboxRoute>();
    const lookupErrors = await runBounded(
      batches.map((batch) => async () => {
        const route = await routeOf(batch);
        if (route) routes.set(batch, route);
        else droppedBatches += 1;
      }),
      metaWebhookConcurrency,
    );
    if (lookupErrors.length > 0) throw lookupErrors[0];

    const tasks: (() => Promise<void>)[] = [];
    for (const batch of batches) {
      const route = routes.get(batch);
      if (!route) continue;
      const byContact = new Map<string, MetaBatch['messages']>();
      for (const message of batch.messages) {
        const list = byContact.get(message.externalContactId) ?? [];
        list.push(message);
        byContact.set(message.externalContactId, list);
      }
      for (const messages of byContact.values()) {
        tasks.push(async () => {
          for (const message of messages) {
            try {
              const result = await deps.receiveChannelMessage({ ...message, accountId: route.accountId, inboxId: route.inboxId });
              if (result.outcome === 'stored') stored += 1;
              else duplicates += 1;
            } catch (error) {
              if (!isGone(error)) throw error;
            }
          }
        });
      }
      for (const receipt of batch.receipts) {
        tasks.push(async () => {
          await deps.applyDeliveryReceipt({ ...receipt, accountId: route.accountId });
          receipts += 1;
        });
      }
      if (batch.channel === 'messenger' || batch.channel === 'instagram') {
        const channel = batch.channel;
        for (const mark of batch.watermarks) {
          tasks.push(async () => {
            await deps.applyWatermarkReceipt({ accountId: route.accountId, inboxId: route.inboxId, channel, externalContactId: mark.externalContactId, status: mark.status, watermark: mark.watermark });
            receipts += 1;
          });
        }
      }
    }
    const errors = await runBounded(tasks, metaWebhookConcurrency);
    if (errors.length > 0) throw errors[0];
    return { stored, duplicates, receipts, droppedBatches };
  };
}
