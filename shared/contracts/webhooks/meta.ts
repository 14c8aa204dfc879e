/**
 * Meta webhook bodies — layer: contracts (zod, wire formats of `POST /webhooks/meta`).
 *
 * One app-level webhook receives three products, told apart by `object`:
 * - `page` (Messenger) and `instagram`: `entry[].messaging[]` events (`message`, `delivery`,
 *   `read`), `entry[].id` being the page id / Instagram professional account id;
 * - `whatsapp_business_account` (WhatsApp Cloud): `entry[].changes[]` with `field: 'messages'`
 *   and a `value` carrying `metadata.phone_number_id`, `contacts[]`, `messages[]`, `statuses[]`.
 *
 * The envelope is checked strictly (an object with at most 1,000 entries, SECURITY.md §1); each
 * entry and each event is then checked on its own, so one odd entry (a product we do not read, a
 * field Meta adds later) never loses the others. Unknown fields are kept out of the typed result.
 */
import * as z from 'zod/mini';

/** Most entries Meta batches in one POST (SECURITY.md §1). */
export const maxMetaEntries = 1000;

/** Meta's object ids (page, PSID, IGSID, phone number id, WhatsApp id) are decimal strings. */
const metaId = z.string().check(z.regex(/^[0-9]{1,64}$/, 'must be a Meta id'));
/** Message ids: `m_…`, `mid.$…`, `aWdf…` (Instagram), `wamid.…` (base64). */
const messageId = z.string().check(z.minLength(1), z.maxLength(512), z.regex(/^[\x21-\x7e]+$/, 'must be a message id'));
const text = z.string().check(z.maxLength(65_536));
/** Epoch milliseconds (Messenger, Instagram). */
const epochMs = z.number().check(z.nonnegative(), z.lte(8.64e15));
/** Epoch seconds as a decimal string (WhatsApp). */
const epochSecondsText = z.string().check(z.regex(/^[0-9]{1,12}$/, 'must be epoch seconds'));

/** The envelope of every Meta webhook POST. */
export const MetaWebhookEnvelope = z.object({
  object: z.string().check(z.maxLength(64)),
  entry: z.array(z.unknown()).check(z.maxLength(maxMetaEntries, `must have at most ${maxMetaEntries} entries`)),
});

/** A Messenger / Instagram attachment (`image`, `video`, `audio`, `file`, `fallback`, …). */
export const MessagingAttachment = z.object({
  type: z.string().check(z.maxLength(64)),
  payload: z.optional(z.nullable(z.object({ url: z.optional(z.string().check(z.maxLength(4096))), title: z.optional(text) }))),
});

/** A message a person sent to the page / Instagram account, or the page's own echo. */
export const MessagingMessage = z.object({
  mid: messageId,
  text: z.optional(text),
  is_echo: z.optional(z.boolean()),
  is_deleted: z.optional(z.boolean()),
  is_unsupported: z.optional(z.boolean()),
  attachments: z.optional(z.array(MessagingAttachment).check(z.maxLength(100))),
});

/** One `entry[].messaging[]` event of Messenger or Instagram. */
export const MessagingEvent = z.object({
  sender: z.object({ id: metaId }),
  recipient: z.object({ id: metaId }),
  timestamp: z.optional(epochMs),
  message: z.optional(MessagingMessage),
  /** Messenger `message_deliveries`: every message up to `watermark` (and the listed `mids`) was delivered. */
  delivery: z.optional(z.object({ mids: z.optional(z.array(messageId).check(z.maxLength(1000))), watermark: z.optional(epochMs) })),
  /** Messenger `message_reads` (`watermark`), Instagram `messaging_seen` (`mid`). */
  read: z.optional(z.object({ watermark: z.optional(epochMs), mid: z.optional(messageId) })),
});
export type MessagingEvent = z.infer<typeof MessagingEvent>;

/** One Messenger / Instagram entry: the page or Instagram account (`id`) and its events. */
export const MessagingEntry = z.object({
  id: metaId,
  time: z.optional(epochMs),
  /** Absent for entries of products we do not read (`standby`, `changes` of the page feed). */
  messaging: z.optional(z.array(z.unknown()).check(z.maxLength(1000))),
});

const waMedia = z.object({
  id: z.optional(messageId),
  mime_type: z.optional(z.string().check(z.maxLength(255))),
  caption: z.optional(text),
  filename: z.optional(z.string().check(z.maxLength(1024))),
});

/** One message a WhatsApp user sent (`value.messages[]`). */
export const WhatsAppMessage = z.object({
  from: metaId,
  id: messageId,
  timestamp: z.optional(epochSecondsText),
  type: z.string().check(z.maxLength(64)),
  text: z.optional(z.object({ body: text })),
  image: z.optional(waMedia),
  video: z.optional(waMedia),
  audio: z.optional(waMedia),
  document: z.optional(waMedia),
  sticker: z.optional(waMedia),
  location: z.optional(z.object({
    latitude: z.optional(z.number()),
    longitude: z.optional(z.number()),
    name: z.optional(text),
    address: z.optional(text),
  })),
  button: z.optional(z.object({ text: z.optional(text), payload: z.optional(text) })),
  interactive: z.optional(z.object({
    type: z.optional(z.string().check(z.maxLength(64))),
    button_reply: z.optional(z.object({ id: z.optional(text), title: z.optional(text) })),
    list_reply: z.optional(z.object({ id: z.optional(text), title: z.optional(text), description: z.optional(text) })),
  })),
  reaction: z.optional(z.object({ message_id: z.optional(messageId), emoji: z.optional(text) })),
});
export type WhatsAppMessage = z.infer<typeof WhatsAppMessage>;

const waError = z.object({
  code: z.optional(z.number()),
  title: z.optional(text),
  message: z.optional(text),
  error_data: z.optional(z.object({ details: z.optional(text) })),
});

/** A status of a message the business sent (`value.statuses[]`). */
export const WhatsAppStatus = z.object({
  id: messageId,
  status: z.string().check(z.maxLength(32)),
  timestamp: z.optional(epochSecondsText),
  recipient_id: z.optional(metaId),
  errors: z.optional(z.array(waError).check(z.maxLength(20))),
});
export type WhatsAppStatus = z.infer<typeof WhatsAppStatus>;

/** The `value` of a WhatsApp `messages` change: one business phone number's contacts, messages and statuses. */
export const WhatsAppValue = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ phone_number_id: metaId, display_phone_number: z.optional(z.string().check(z.maxLength(32))) }),
  contacts: z.optional(z.array(z.object({ wa_id: metaId, profile: z.optional(z.object({ name: z.optional(text) })) })).check(z.maxLength(1000))),
  messages: z.optional(z.array(z.unknown()).check(z.maxLength(1000))),
  statuses: z.optional(z.array(z.unknown()).check(z.maxLength(1000))),
});
export type WhatsAppValue = z.infer<typeof WhatsAppValue>;

/** One WhatsApp Business Account entry: the account (`id`) and its changes. */
export const WhatsAppEntry = z.object({
  id: z.optional(metaId),
  changes: z.array(z.object({ field: z.string().check(z.maxLength(64)), value: z.unknown() })).check(z.maxLength(1000)),
});
