/**
 * Channel rules — layer: domain (pure functions, no clock, no SDK).
 *
 * What may be sent on a channel, checked before a provider is called: WhatsApp's 24-hour
 * customer-service window (outside it only an approved template), SMS length (split into
 * GSM-7 or UCS-2 segments, refused above 1,600 characters), per-channel size limits, and the
 * send rates of the token buckets.
 */
import type { ChannelType } from './entities.js';

/** WhatsApp: free text only within this long after the customer's last message. */
export const whatsappWindowMs = 24 * 60 * 60 * 1000;

/** The channels the 24-hour window applies to. */
export const windowedChannels: ReadonlySet<ChannelType> = new Set(['whatsapp', 'whatsapp_cloud']);

/** Longest SMS body accepted (Twilio concatenates up to 10 segments; longer ones are refused). */
export const maxSmsChars = 1600;

/** Longest text per channel (characters; email in UTF-8 bytes of the body). */
export const textLimits: Readonly<Record<Exclude<ChannelType, 'web' | 'voice'>, number>> = {
  sms: maxSmsChars,
  whatsapp: 1600,
  messenger: 2000,
  instagram: 1000,
  whatsapp_cloud: 4096,
  email: 1024 * 1024,
};

/** GSM 03.38 basic characters (one septet each). */
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38 extension characters (an escape plus one septet: two each). */
const gsmExtended = new Set('^{}\\[~]|€\f');

/** How an SMS body is encoded and split. */
export interface SmsSegments {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
}

/**
 * Counts the segments of an SMS: GSM-7 is 160 septets in one part or 153 per part when
 * concatenated; anything outside GSM-7 makes the whole message UCS-2, 70 units or 67 per part.
 *
 * @example
 * smsSegments('hello'); // { encoding: 'GSM-7', units: 5, segments: 1 }
 */
export function smsSegments(body: string): SmsSegments {
  let septets = 0;
  let gsm = true;
  for (const char of body) {
    if (gsmBasic.has(char)) septets += 1;
    else if (gsmExtended.has(char)) septets += 2;
    else { gsm = false; break; }
  }
  if (gsm) return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = body.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Whether the WhatsApp window is open, and until when. */
export function whatsappWindow(lastIncomingAt: string | undefined, nowMs: number): { open: boolean; closesAt?: string } {
  if (!lastIncomingAt) return { open: false };
  const closes = Date.parse(lastIncomingAt) + whatsappWindowMs;
  if (Number.isNaN(closes)) return { open: false };
  return { open: nowMs < closes, closesAt: new Date(closes).toISOString() };
}

/** Why an outgoing message cannot be sent as it is (the message fails with this reason). */
export type OutboundRefusal = 'outside_24h_window' | 'too_long' | 'empty' | 'template_not_supported';

/**
 * Checks an outgoing message against its channel's rules.
 *
 * @example
 * checkOutbound({ channel: 'whatsapp', body: 'Hi', hasTemplate: false, windowOpen: false }); // 'outside_24h_window'
 */
export function checkOutbound(input: { channel: Exclude<ChannelType, 'web' | 'voice'>; body: string; hasTemplate: boolean; windowOpen: boolean; hasMedia?: boolean }): OutboundRefusal | undefined {
  if (input.hasTemplate && !windowedChannels.has(input.channel)) return 'template_not_supported';
  if (windowedChannels.has(input.channel) && !input.windowOpen && !input.hasTemplate) return 'outside_24h_window';
  if (!input.hasTemplate && input.body.trim().length === 0 && !input.hasMedia) return 'empty';
  const size = input.channel === 'email' ? Buffer.byteLength(input.body, 'utf8') : [...input.body].length;
  if (size > textLimits[input.channel]) return 'too_long';
  return undefined;
}

/** A token bucket's shape. */
export interface SendRate {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** Send rates: the whole platform per provider, each tenant per provider, and WhatsApp per recipient. */
export const sendRates = {
  provider: { twilio: { capacity: 100, refillPerSecond: 50 }, meta: { capacity: 100, refillPerSecond: 50 }, sendgrid: { capacity: 100, refillPerSecond: 50 } },
  tenant: { capacity: 20, refillPerSecond: 5 },
  /** WhatsApp: about one message per 6 s to the same user (a burst of 3 allowed). */
  whatsappRecipient: { capacity: 3, refillPerSecond: 1 / 6 },
} as const;

/** Full-jitter backoff of SECURITY.md §3: `random(0, min(900, 2·2^attempt))` seconds, at least Retry-After. */
export function backoffSeconds(attempt: number, random: number, retryAfterSeconds?: number): number {
  const cap = Math.min(900, 2 * 2 ** Math.max(0, attempt));
  const jittered = Math.floor(random * cap);
  return Math.max(jittered, retryAfterSeconds ?? 0);
}

/** After this many receives SQS moves a job to the DLQ; the sender marks the message failed on this attempt. */
export const maxSendAttempts = 5;
