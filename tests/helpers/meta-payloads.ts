/**
 * Meta webhook bodies for tests — test helper.
 *
 * Builders of the payloads Meta posts to `POST /webhooks/meta` (shapes from Meta's webhook
 * references: Messenger `messages`, `message_echoes`, `message_deliveries`, `message_reads`;
 * Instagram `messages` and `messaging_seen`; WhatsApp Cloud `messages` with `contacts`,
 * `messages` and `statuses`), and the signature Meta sends with them.
 */
import { createHmac } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256(appSecret, raw)>`, exactly as Meta signs. */
export function metaSignature(raw: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/** One Messenger / Instagram `messaging[]` text message from `psid` to `pageId`. */
export function messagingText(pageId: string, psid: string, mid: string, text: string, timestamp = 1_764_590_000_000) {
  return { sender: { id: psid }, recipient: { id: pageId }, timestamp, message: { mid, text } };
}

/** A Messenger POST (`object: 'page'`) with one entry per page. */
export function messengerBody(entries: readonly { pageId: string; messaging: readonly unknown[] }[]) {
  return { object: 'page', entry: entries.map((e) => ({ id: e.pageId, time: 1_764_590_000_100, messaging: e.messaging })) };
}

/** An Instagram POST (`object: 'instagram'`). */
export function instagramBody(entries: readonly { igId: string; messaging: readonly unknown[] }[]) {
  return { object: 'instagram', entry: entries.map((e) => ({ id: e.igId, time: 1_764_590_000_100, messaging: e.messaging })) };
}

/** A WhatsApp Cloud POST (`object: 'whatsapp_business_account'`) for one phone number. */
export function whatsAppBody(phoneNumberId: string, value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[] }, wabaId = '102290129340398') {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wabaId,
        changes: [
          {
            field: 'messages',
            value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value },
          },
        ],
      },
    ],
  };
}

/** A WhatsApp text message from `waId`, with the contact's profile name. */
export function whatsAppText(waId: string, id: string, body: string, name = 'Sheena Nelson') {
  return {
    contacts: [{ profile: { name }, wa_id: waId }],
    messages: [{ from: waId, id, timestamp: '1764590000', text: { body }, type: 'text' }],
  };
}

/** A WhatsApp status of a message the business sent. */
export function whatsAppStatus(id: string, status: string, recipientId: string, errors?: unknown[]) {
  return { id, status, timestamp: '1764590100', recipient_id: recipientId, ...(errors ? { errors } : {}) };
}
