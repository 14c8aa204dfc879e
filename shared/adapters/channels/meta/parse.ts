/**
 * Meta webhook parsing — layer: adapters (pure: wire format → channel ports' values).
 *
 * Turns a verified Meta webhook body into batches, one per channel address (a page id, an
 * Instagram account id, a WhatsApp `phone_number_id`), because one app secret proves only "from
 * Meta": the tenant is resolved per batch from its address (SECURITY.md §1). Each batch carries
 * the customer messages, the per-message receipts and the watermark receipts of that address,
 * with the dedupe keys and TTLs of SECURITY.md §2 (Messenger / Instagram `mid`, 2 days; WhatsApp
 * `id` and `id#status`, 8 days). The page's own echoes, deleted messages, reactions and events we
 * do not read are ignored; an entry or event that does not match its contract is skipped and
 * counted, never thrown.
 */
import type { InboundAttachment } from '../../../ports/channels.js';
import type { MetaBatch, MetaChannel, UnroutedMessage } from '../../../ports/meta-webhook.js';
import {
  MessagingEntry,
  MessagingEvent,
  MetaWebhookEnvelope,
  WhatsAppEntry,
  WhatsAppMessage,
  WhatsAppStatus,
  WhatsAppValue,
} from '../../../contracts/webhooks/meta.js';

/** How long each dedupe key must be kept, in seconds (SECURITY.md §2). */
export const metaDedupeTtlSeconds = {
  /** Messenger and Instagram retry over 36 hours. */
  messaging: 2 * 24 * 3600,
  /** WhatsApp Cloud retries for up to 7 days. */
  whatsapp: 8 * 24 * 3600,
} as const;

export type { MetaBatch, MetaChannel, UnroutedMessage, UnroutedReceipt, WatermarkReceipt } from '../../../ports/meta-webhook.js';

/** The result of {@link parseMetaWebhook}. */
export type ParsedMetaWebhook =
  | { readonly ok: true; readonly object: string; readonly batches: readonly MetaBatch[]; readonly skipped: number; readonly ignored: number }
  | { readonly ok: false; readonly message: string };

const channelOfObject: Readonly<Record<string, MetaChannel>> = {
  page: 'messenger',
  instagram: 'instagram',
  whatsapp_business_account: 'whatsapp_cloud',
};

class BatchSet {
  readonly batches = new Map<string, MetaBatch>();
  skipped = 0;
  ignored = 0;

  for(channel: MetaChannel, channelAddress: string): MetaBatch {
    const key = `${channel}#${channelAddress}`;
    let batch = this.batches.get(key);
    if (!batch) {
      batch = { channel, channelAddress, messages: [], receipts: [], watermarks: [] };
      this.batches.set(key, batch);
    }
    return batch;
  }
}

function isoFromMs(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function isoFromSecondsText(seconds: string | undefined): string | undefined {
  return seconds === undefined ? undefined : isoFromMs(Number(seconds) * 1000);
}

const genericContentType: Readonly<Record<string, string>> = {
  image: 'image/*',
  video: 'video/*',
  audio: 'audio/*',
  file: 'application/octet-stream',
};

/** Messenger / Instagram attachments that carry a file; `fallback` link shares keep their URL too. */
function messagingAttachments(event: MessagingEvent): InboundAttachment[] {
  const attachments: InboundAttachment[] = [];
  for (const attachment of event.message?.attachments ?? []) {
    const url = attachment.payload?.url;
    if (!url) continue;
    attachments.push({
      fileName: attachment.payload?.title || attachment.type,
      contentType: genericContentType[attachment.type] ?? 'application/octet-stream',
      providerUrl: url,
    });
  }
  return attachments;
}

function parseMessagingEvent(raw: unknown, channel: MetaChannel, channelAddress: string, batch: MetaBatch, set: BatchSet): void {
  const parsed = MessagingEvent.safeParse(raw);
  if (!parsed.success) {
    set.skipped += 1;
    return;
  }
  const event = parsed.data;
  const ttl = metaDedupeTtlSeconds.messaging;
  const sentAt = isoFromMs(event.timestamp);
  let used = false;

  const message = event.message;
  // Echoes are the page's own sends (ours or the Page inbox's): not customer messages.
  if (message && !message.is_echo && !message.is_deleted && event.sender.id !== channelAddress) {
    const attachments = messagingAttachments(event);
    const body = message.text ?? (attachments.length > 0 ? '' : message.is_unsupported ? '[Unsupported message]' : '[Message without text]');
    batch.messages.push({
      channel: channel as UnroutedMessage['channel'],
      externalContactId: event.sender.id,
      providerMessageId: message.mid,
      dedupeKey: `meta#${message.mid}`,
      dedupeTtlSeconds: ttl,
      body,
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(sentAt ? { sentAt } : {}),
    });
    used = true;
  }

  if (event.delivery) {
    for (const mid of event.delivery.mids ?? []) {
      batch.receipts.push({ provider: 'meta', providerMessageId: mid, status: 'delivered', dedupeKey: `meta#${mid}#delivered`, dedupeTtlSeconds: ttl, ...(sentAt ? { at: sentAt } : {}) });
    }
    const watermark = isoFromMs(event.delivery.watermark);
    if (watermark) {
      batch.watermarks.push({
        status: 'delivered',
        externalContactId: event.sender.id,
        watermark,
        dedupeKey: `meta#${channelAddress}#${event.sender.id}#delivered#${event.delivery.watermark}`,
        dedupeTtlSeconds: ttl,
      });
    }
    used = true;
  }

  if (event.read) {
    if (event.read.mid) {
      batch.receipts.push({ provider: 'meta', providerMessageId: event.read.mid, status: 'read', dedupeKey: `meta#${event.read.mid}#read`, dedupeTtlSeconds: ttl, ...(sentAt ? { at: sentAt } : {}) });
    }
    // Messenger names a watermark; Instagram's seen event names the last message, read at `timestamp`.
    const mark = event.read.watermark ?? (event.read.mid ? event.timestamp : undefined);
    const watermark = isoFromMs(mark);
    if (watermark) {
      batch.watermarks.push({
        status: 'read',
        externalContactId: event.sender.id,
        watermark,
        dedupeKey: `meta#${channelAddress}#${event.sender.id}#read#${mark}`,
        dedupeTtlSeconds: ttl,
      });
    }
    used = true;
  }

  if (!used) set.ignored += 1;
}

const waMediaTypes = ['image', 'video', 'audio', 'document', 'sticker'] as const;

/** The text an agent reads for a WhatsApp message, and its files; `undefined` for reactions (not messages). */
function whatsAppContent(message: WhatsAppMessage): { body: string; attachments: InboundAttachment[] } | undefined {
  switch (message.type) {
    case 'text':
      return { body: message.text?.body ?? '', attachments: [] };
    case 'reaction':
      return undefined;
    case 'button':
      return { body: message.button?.text ?? message.button?.payload ?? '', attachments: [] };
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return { body: reply?.title ?? reply?.id ?? '', attachments: [] };
    }
    case 'location': {
      const place = message.location;
      const label = [place?.name, place?.address].filter(Boolean).join(', ');
      const coordinates = place?.latitude !== undefined && place?.longitude !== undefined ? `(${place.latitude}, ${place.longitude})` : '';
      return { body: `Location: ${[label, coordinates].filter(Boolean).join(' ')}`.trim(), attachments: [] };
    }
    default: {
      const kind = waMediaTypes.find((type) => type === message.type);
      const media = kind ? message[kind] : undefined;
      if (kind && media?.id) {
        return {
          body: media.caption ?? '',
          attachments: [{ fileName: media.filename ?? kind, contentType: media.mime_type ?? 'application/octet-stream', providerUrl: media.id }],
        };
      }
      return { body: `[Unsupported WhatsApp message: ${message.type}]`, attachments: [] };
    }
  }
}

const waReceiptStatuses = ['sent', 'delivered', 'read', 'failed'] as const;

function failureReason(status: WhatsAppStatus): string | undefined {
  const error = status.errors?.[0];
  if (!error) return status.status === 'failed' ? 'WhatsApp reported the message as failed' : undefined;
  const text = [error.title, error.error_data?.details ?? error.message].filter((part, index, all) => part && all.indexOf(part) === index).join(': ');
  return `${text || 'WhatsApp error'}${error.code !== undefined ? ` (code ${error.code})` : ''}`.slice(0, 500);
}

function parseWhatsAppEntry(raw: unknown, set: BatchSet): void {
  const entry = WhatsAppEntry.safeParse(raw);
  if (!entry.success) {
    set.skipped += 1;
    return;
  }
  const ttl = metaDedupeTtlSeconds.whatsapp;
  for (const change of entry.data.changes) {
    if (change.field !== 'messages') {
      set.ignored += 1;
      continue;
    }
    const value = WhatsAppValue.safeParse(change.value);
    if (!value.success) {
      set.skipped += 1;
      continue;
    }
    const batch = set.for('whatsapp_cloud', value.data.metadata.phone_number_id);
    const names = new Map((value.data.contacts ?? []).map((contact) => [contact.wa_id, contact.profile?.name]));
    for (const rawMessage of value.data.messages ?? []) {
      const parsed = WhatsAppMessage.safeParse(rawMessage);
      if (!parsed.success) {
        set.skipped += 1;
        continue;
      }
      const message = parsed.data;
      const content = whatsAppContent(message);
      if (!content) {
        set.ignored += 1;
        continue;
      }
      const name = names.get(message.from);
      const sentAt = isoFromSecondsText(message.timestamp);
      batch.messages.push({
        channel: 'whatsapp_cloud',
        externalContactId: message.from,
        ...(name ? { contactName: name.slice(0, 200) } : {}),
        contactPhone: `+${message.from}`,
        providerMessageId: message.id,
        dedupeKey: `meta#${message.id}`,
        dedupeTtlSeconds: ttl,
        body: content.body,
        ...(content.attachments.length > 0 ? { attachments: content.attachments } : {}),
        ...(sentAt ? { sentAt } : {}),
      });
    }
    for (const rawStatus of value.data.statuses ?? []) {
      const parsed = WhatsAppStatus.safeParse(rawStatus);
      if (!parsed.success) {
        set.skipped += 1;
        continue;
      }
      const status = parsed.data;
      const known = waReceiptStatuses.find((s) => s === status.status);
      if (!known) {
        set.ignored += 1;
        continue;
      }
      const at = isoFromSecondsText(status.timestamp);
      const reason = known === 'failed' ? failureReason(status) : undefined;
      batch.receipts.push({
        provider: 'meta',
        providerMessageId: status.id,
        status: known,
        dedupeKey: `meta#${status.id}#${known}`,
        dedupeTtlSeconds: ttl,
        ...(reason ? { reason } : {}),
        ...(at ? { at } : {}),
      });
    }
  }
}

/**
 * Parses a verified Meta webhook body (already JSON-decoded) into per-address batches.
 * `ok: false` only when the envelope itself is not a Meta webhook (answer 400); products we do not
 * read (`object: 'user'`, …) give no batches.
 *
 * @example
 * const parsed = parseMetaWebhook(JSON.parse(raw));
 * if (parsed.ok) for (const batch of parsed.batches) route(batch.channel, batch.channelAddress);
 */
export function parseMetaWebhook(value: unknown): ParsedMetaWebhook {
  const envelope = MetaWebhookEnvelope.safeParse(value);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    const path = issue?.path.length ? `body.${issue.path.join('.')}` : 'body';
    return { ok: false, message: `${path}: ${issue?.message ?? 'is not a Meta webhook'}` };
  }
  const { object, entry } = envelope.data;
  const channel = channelOfObject[object];
  const set = new BatchSet();
  if (!channel) return { ok: true, object, batches: [], skipped: 0, ignored: entry.length };

  for (const rawEntry of entry) {
    if (channel === 'whatsapp_cloud') {
      parseWhatsAppEntry(rawEntry, set);
      continue;
    }
    const parsed = MessagingEntry.safeParse(rawEntry);
    if (!parsed.success) {
      set.skipped += 1;
      continue;
    }
    if (!parsed.data.messaging) {
      set.ignored += 1;
      continue;
    }
    const batch = set.for(channel, parsed.data.id);
    for (const event of parsed.data.messaging) parseMessagingEvent(event, channel, parsed.data.id, batch, set);
  }
  return { ok: true, object, batches: [...set.batches.values()], skipped: set.skipped, ignored: set.ignored };
}
