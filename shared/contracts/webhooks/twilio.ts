/**
 * Twilio webhook fields — layer: contracts (function `webhooks`, routes
 * `POST /webhooks/twilio/{inboxId}` and `POST /webhooks/twilio/{inboxId}/voice`).
 *
 * The fields Switchboard reads from Twilio's form POSTs, validated after the signature was
 * verified. Twilio adds parameters without notice, so unknown fields are allowed; the known ones
 * are bounded so a body that could not come from Twilio answers 400 instead of reaching a service.
 * Messaging (SMS, MMS, WhatsApp) webhooks and status callbacks share one URL and are told apart by
 * `MessageStatus`/`SmsStatus` (an inbound message says `received`).
 */
import * as z from 'zod/mini';

/** A Twilio SID: two upper-case letters and 32 hex digits (`SM…`, `MM…`, `CA…`, `AC…`). */
const sid = (prefixes: string) => z.string().check(z.regex(new RegExp(`^(${prefixes})[0-9a-fA-F]{32}$`), `must be a Twilio SID (${prefixes.replaceAll('|', ', ')})`));
const address = z.string().check(z.minLength(1), z.maxLength(128));
const text = (max: number) => z.string().check(z.maxLength(max, `at most ${max} characters`));

/** How many media items one inbound message may carry (Twilio: up to 10). */
export const maxTwilioMedia = 10;

/** Inbound message bounds: WhatsApp allows 4,096 characters, SMS 1,600. */
export const maxTwilioBodyChars = 4_096;

const mediaFields = Object.fromEntries(
  Array.from({ length: maxTwilioMedia }, (_, i) => [
    [`MediaUrl${i}`, z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2_048)))],
    [`MediaContentType${i}`, z.optional(text(255))],
  ]).flat(),
) as Record<`MediaUrl${number}` | `MediaContentType${number}`, z.ZodMiniOptional<z.ZodMiniString>>;

/** An inbound SMS, MMS or WhatsApp message. */
export const TwilioInboundMessage = z.looseObject({
  MessageSid: sid('SM|MM'),
  AccountSid: z.optional(sid('AC')),
  From: address,
  To: address,
  Body: z._default(text(maxTwilioBodyChars), ''),
  NumMedia: z._default(z.string().check(z.regex(/^(?:[0-9]|10)$/, `must be 0 to ${maxTwilioMedia}`)), '0'),
  /** WhatsApp: the sender's profile name. */
  ProfileName: z.optional(text(256)),
  /** WhatsApp: a shared location (then `Body` is empty). */
  Latitude: z.optional(z.string().check(z.regex(/^-?\d{1,3}(\.\d{1,15})?$/, 'must be a latitude'))),
  Longitude: z.optional(z.string().check(z.regex(/^-?\d{1,3}(\.\d{1,15})?$/, 'must be a longitude'))),
  Address: z.optional(text(512)),
  Label: z.optional(text(256)),
  ...mediaFields,
});
export type TwilioInboundMessage = z.infer<typeof TwilioInboundMessage>;

/** Every status Twilio reports for an outgoing message. */
export const twilioMessageStatuses = [
  'accepted', 'scheduled', 'canceled', 'queued', 'sending', 'sent', 'failed', 'delivered',
  'undelivered', 'receiving', 'received', 'read', 'partially_delivered',
] as const;

/** A status callback of an outgoing message. */
export const TwilioStatusCallback = z.looseObject({
  MessageSid: sid('SM|MM'),
  AccountSid: z.optional(sid('AC')),
  MessageStatus: z.enum(twilioMessageStatuses),
  ErrorCode: z.optional(z.string().check(z.regex(/^\d{0,10}$/, 'must be a Twilio error code'))),
  ErrorMessage: z.optional(text(1_000)),
});
export type TwilioStatusCallback = z.infer<typeof TwilioStatusCallback>;

/** Every status of a call. */
export const twilioCallStatuses = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;

/** A voice webhook: the call's start, a `<Gather>` result (`SpeechResult`) or a call status. */
export const TwilioVoiceRequest = z.looseObject({
  CallSid: sid('CA'),
  AccountSid: z.optional(sid('AC')),
  From: address,
  To: address,
  CallStatus: z.enum(twilioCallStatuses),
  SpeechResult: z.optional(text(maxTwilioBodyChars)),
  Confidence: z.optional(text(32)),
  /** Caller ID name, when the inbox has CNAM lookup on. */
  CallerName: z.optional(text(256)),
});
export type TwilioVoiceRequest = z.infer<typeof TwilioVoiceRequest>;

/** The query of a `<Gather>` action URL: which turn of the call this transcript answers. */
export const TwilioVoiceTurnQuery = z.object({
  turn: z.string().check(z.regex(/^[1-9][0-9]{0,3}$/, 'must be a turn number')),
});
