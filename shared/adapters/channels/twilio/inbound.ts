/**
 * Twilio webhooks to channel values — layer: adapters (channels/twilio).
 *
 * Turns the validated fields of a verified Twilio request (shared/contracts/webhooks/twilio.ts)
 * into the port's {@link InboundChannelMessage} and {@link DeliveryReceipt}, with the dedupe keys
 * and lifetimes of SECURITY.md §2: `MessageSid` for a message, `MessageSid#MessageStatus` for a
 * status callback, `CallSid#…` for voice — all kept 1 day.
 */
import type { DeliveryReceipt, InboundAttachment, InboundChannelMessage } from '../../../ports/channels.js';
import { maxTwilioMedia, type TwilioInboundMessage, type TwilioStatusCallback, type TwilioVoiceRequest } from '../../../contracts/webhooks/twilio.js';
import { describeTwilioError } from './error-codes.js';

export { describeTwilioError };

/** How long Twilio's dedupe keys are kept (SECURITY.md §2: at least 1 day). */
export const twilioDedupeTtlSeconds = 24 * 60 * 60;

/** The channels a Twilio messaging inbox can be. */
export type TwilioMessagingChannel = 'sms' | 'whatsapp';

/**
 * Whether a messaging webhook is a status callback rather than a customer's message: it reports
 * a `MessageStatus` (or the older `SmsStatus`) other than `received`/`receiving`.
 */
export function isTwilioStatusCallback(fields: Readonly<Record<string, string>>): boolean {
  const status = fields.MessageStatus ?? fields.SmsStatus;
  return status !== undefined && status !== 'received' && status !== 'receiving';
}

/** An address without Twilio's channel prefix: `whatsapp:+15551234567` → `+15551234567`. */
export function bareAddress(address: string): string {
  const colon = address.indexOf(':');
  return colon >= 0 && /^[a-z]+$/.test(address.slice(0, colon)) ? address.slice(colon + 1) : address;
}

const extensions: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'video/mp4': 'mp4',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/amr': 'amr', 'application/pdf': 'pdf', 'text/vcard': 'vcf',
};

/** The media of an inbound message, as Twilio-hosted attachments (`MediaUrl{i}`, `MediaContentType{i}`). */
export function twilioMedia(fields: TwilioInboundMessage): InboundAttachment[] {
  const count = Math.min(Number(fields.NumMedia), maxTwilioMedia);
  const media: InboundAttachment[] = [];
  for (let i = 0; i < count; i++) {
    const providerUrl = fields[`MediaUrl${i}`];
    if (typeof providerUrl !== 'string') continue;
    const declared = fields[`MediaContentType${i}`];
    const contentType = typeof declared === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(declared) ? declared.toLowerCase() : 'application/octet-stream';
    const extension = extensions[contentType] ?? 'bin';
    media.push({ fileName: `media-${i + 1}.${extension}`, contentType, providerUrl });
  }
  return media;
}

/** The text of a message: its body, or for a WhatsApp location its place and coordinates. */
function messageText(fields: TwilioInboundMessage): string {
  if (fields.Body !== '' || fields.Latitude === undefined || fields.Longitude === undefined) return fields.Body;
  const place = [fields.Label, fields.Address].filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(', ');
  return `Shared a location: ${place ? `${place} ` : ''}(${fields.Latitude}, ${fields.Longitude})`;
}

/** The customer message of a verified inbound SMS / MMS / WhatsApp webhook. */
export function toInboundChannelMessage(input: {
  readonly accountId: string;
  readonly inboxId: string;
  readonly channel: TwilioMessagingChannel;
  readonly fields: TwilioInboundMessage;
}): InboundChannelMessage {
  const { accountId, inboxId, channel, fields } = input;
  const phone = bareAddress(fields.From);
  const attachments = twilioMedia(fields);
  return {
    accountId,
    inboxId,
    channel,
    externalContactId: phone,
    contactPhone: phone,
    ...(fields.ProfileName ? { contactName: fields.ProfileName } : {}),
    providerMessageId: fields.MessageSid,
    dedupeKey: `twilio#${fields.MessageSid}`,
    dedupeTtlSeconds: twilioDedupeTtlSeconds,
    body: messageText(fields),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

const receiptStatus: Partial<Record<TwilioStatusCallback['MessageStatus'], DeliveryReceipt['status']>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
};

/**
 * The receipt of a verified status callback, or `undefined` for statuses that do not move a
 * message (queued, sending, accepted, scheduled, canceled, partially_delivered…).
 */
export function toDeliveryReceipt(input: { readonly accountId: string; readonly fields: TwilioStatusCallback }): DeliveryReceipt | undefined {
  const { accountId, fields } = input;
  const status = receiptStatus[fields.MessageStatus];
  if (!status) return undefined;
  return {
    accountId,
    provider: 'twilio',
    providerMessageId: fields.MessageSid,
    status,
    ...(status === 'failed' ? { reason: describeTwilioError(fields.ErrorCode || undefined, fields.ErrorMessage) } : {}),
    dedupeKey: `twilio#${fields.MessageSid}#${fields.MessageStatus}`,
    dedupeTtlSeconds: twilioDedupeTtlSeconds,
  };
}

/** Words that ask for a person during a call (the hand-off to the inbox's forwarding number). */
const askForAgent = /\b(agent|human|operator|representative|real person)\b/i;

/** Whether the caller asked to speak to a person. */
export function asksForAgent(speech: string): boolean {
  return askForAgent.test(speech);
}

/**
 * The transcript line of one `<Gather>` turn of a call, as a customer message of the inbox's
 * conversation with the caller. Each turn has its own key (`CallSid#turn-N`), since every turn of
 * a call shares its `CallSid` and `CallStatus`.
 */
export function toVoiceTranscriptMessage(input: {
  readonly accountId: string;
  readonly inboxId: string;
  readonly turn: number;
  readonly fields: TwilioVoiceRequest & { readonly SpeechResult: string };
}): InboundChannelMessage {
  const { accountId, inboxId, turn, fields } = input;
  const phone = bareAddress(fields.From);
  return {
    accountId,
    inboxId,
    channel: 'voice',
    externalContactId: phone,
    contactPhone: phone,
    ...(fields.CallerName ? { contactName: fields.CallerName } : {}),
    providerMessageId: `${fields.CallSid}#turn-${turn}`,
    dedupeKey: `twilio#${fields.CallSid}#turn-${turn}`,
    dedupeTtlSeconds: twilioDedupeTtlSeconds,
    body: fields.SpeechResult,
  };
}
