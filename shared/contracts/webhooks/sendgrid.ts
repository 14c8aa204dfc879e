/**
 * SendGrid webhook bodies — layer: contracts (zod, wire formats of `POST /webhooks/sendgrid/…`).
 *
 * Inbound Parse (`POST /webhooks/sendgrid/{inboxId}/{secret}`) posts `multipart/form-data`; some of
 * its fields are JSON strings checked here: `envelope` (`{ to: string[], from: string }`),
 * `charsets` (field name → character set) and `attachment-info` (`attachmentN` → file name,
 * type and content id). The Event Webhook (`POST /webhooks/sendgrid/events`) posts a JSON array
 * of events; each event is checked on its own so one odd event (a kind we do not read, a field
 * SendGrid adds later) never loses the others. Custom args we set at send time (`accountId`,
 * `messageId`) come back as top-level fields of every event.
 */
import * as z from 'zod/mini';

/** Most events SendGrid batches in one POST that we read (it batches by size, about 1 MB). */
export const maxSendGridEvents = 5000;

const shortText = z.string().check(z.maxLength(1024));
const address = z.string().check(z.maxLength(998));

/** The SMTP envelope of an inbound email (the `envelope` field, JSON). */
export const InboundEnvelope = z.object({
  to: z.optional(z.array(address).check(z.maxLength(100))),
  from: z.optional(z.nullable(address)),
});

/** Field name → character set of that field (the `charsets` field, JSON). */
export const InboundCharsets = z.record(z.string().check(z.maxLength(64)), z.string().check(z.maxLength(64)));

/** One file's description in the `attachment-info` field (JSON, keyed by `attachmentN`). */
export const InboundAttachmentInfo = z.object({
  filename: z.optional(shortText),
  name: z.optional(shortText),
  type: z.optional(shortText),
  'content-id': z.optional(shortText),
});

/** The `attachment-info` field. */
export const InboundAttachmentInfoMap = z.record(z.string().check(z.maxLength(64)), InboundAttachmentInfo);

/** The Event Webhook's body: a JSON array of events. */
export const SendGridEventBatch = z.array(z.unknown()).check(z.maxLength(maxSendGridEvents, `must have at most ${maxSendGridEvents} events`));

/** The event kinds that move a message's delivery status (others are read and ignored). */
export const statusEvents = ['processed', 'deferred', 'delivered', 'open', 'click', 'bounce', 'dropped'] as const;

/** One event, the fields Switchboard reads (others are ignored). */
export const SendGridEvent = z.object({
  event: z.string().check(z.maxLength(64)),
  sg_event_id: z.string().check(z.minLength(1), z.maxLength(256)),
  sg_message_id: z.optional(z.string().check(z.maxLength(512))),
  timestamp: z.optional(z.number().check(z.nonnegative(), z.lte(8.64e12))),
  email: z.optional(address),
  reason: z.optional(z.string().check(z.maxLength(4096))),
  response: z.optional(z.string().check(z.maxLength(4096))),
  status: z.optional(shortText),
  type: z.optional(shortText),
  /** Our custom args (top-level in every event of a message sent with them). */
  accountId: z.optional(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[0-9A-Za-z_-]+$/))),
  messageId: z.optional(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[0-9A-Za-z_-]+$/))),
});
export type SendGridEvent = z.infer<typeof SendGridEvent>;
