/**
 * SendGrid Event Webhook — layer: adapters (SendGrid; crypto and parsing, no I/O).
 *
 * With "Signed Event Webhook" on, SendGrid signs each POST with ECDSA P-256 / SHA-256 over
 * `timestamp + raw body` and sends the base64 DER signature and the timestamp in
 * `X-Twilio-Email-Event-Webhook-Signature` / `…-Timestamp` (SECURITY.md §1). The verification key
 * is the account's public key (base64 DER SubjectPublicKeyInfo, shown in Mail Settings).
 *
 * Events map to delivery receipts: `processed` and `deferred` (accepted, still trying) → `sent`,
 * `delivered` → `delivered`, `open` and `click` → `read`, `bounce` (including `blocked`) and
 * `dropped` → `failed` with SendGrid's reason. Other kinds (spam reports, unsubscribes) change no
 * status. Events of mail we did not send (no `accountId` / `messageId` custom args) are ignored.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { DeliveryReceipt } from '../../../ports/channels.js';
import { parseBoundedJson } from '../../../contracts/safe-json.js';
import { SendGridEvent, SendGridEventBatch } from '../../../contracts/webhooks/sendgrid.js';

/** The headers SendGrid signs with (lower-case, as {@link HttpRequest} exposes headers). */
export const eventSignatureHeader = 'x-twilio-email-event-webhook-signature';
export const eventTimestampHeader = 'x-twilio-email-event-webhook-timestamp';

/** How long SendGrid retries an event POST (24 h); the dedupe key is kept 2 days (SECURITY.md §2). */
export const eventDedupeTtlSeconds = 2 * 24 * 60 * 60;

/** Largest Event Webhook body read (SECURITY.md §7: JSON webhooks 1 MB). */
export const maxEventBodyBytes = 1024 * 1024;

const keyCache = new Map<string, KeyObject | null>();

function publicKeyOf(base64Der: string): KeyObject | null {
  if (keyCache.has(base64Der)) return keyCache.get(base64Der)!;
  let key: KeyObject | null = null;
  try {
    const candidate = createPublicKey({ key: Buffer.from(base64Der.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
    key = candidate.asymmetricKeyType === 'ec' && candidate.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? candidate : null;
  } catch {
    key = null;
  }
  if (keyCache.size > 16) keyCache.clear();
  keyCache.set(base64Der, key);
  return key;
}

/**
 * Whether `signature` (base64 DER ECDSA) signs `timestamp + rawBody` under the P-256 public key
 * `publicKeyBase64` (DER SPKI, base64). Missing or malformed input is never valid.
 *
 * @example
 * verifyEventSignature({ publicKeyBase64, signature, timestamp: '1588788367', rawBody }); // true
 */
export function verifyEventSignature(input: { readonly publicKeyBase64: string; readonly signature: string | undefined; readonly timestamp: string | undefined; readonly rawBody: Buffer }): boolean {
  const { signature, timestamp } = input;
  if (!signature || !timestamp || signature.length > 256 || timestamp.length > 32) return false;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim())) return false;
  const key = publicKeyOf(input.publicKeyBase64);
  if (!key) return false;
  try {
    const payload = Buffer.concat([Buffer.from(timestamp, 'utf8'), input.rawBody]);
    return verify('sha256', payload, { key, dsaEncoding: 'der' }, Buffer.from(signature.trim(), 'base64'));
  } catch {
    return false;
  }
}

/** The receipt status an event kind moves a message to, if any. */
export const statusOfEvent: Readonly<Record<string, DeliveryReceipt['status']>> = {
  processed: 'sent',
  deferred: 'sent',
  delivered: 'delivered',
  open: 'read',
  click: 'read',
  bounce: 'failed',
  dropped: 'failed',
};

/** A receipt with the message it belongs to (our custom args). */
export interface SendGridReceipt extends DeliveryReceipt {
  readonly accountId: string;
  /** Our message id, from the `messageId` custom arg. */
  readonly messageId: string;
}

/**
 * `X-Message-Id` of the send: SendGrid's `sg_message_id` is that id followed by a `.filter…`
 * (older) or `.recvd-…` routing suffix.
 */
export function sendIdOf(sgMessageId: string): string {
  const suffix = /\.(filter|recvd)/i.exec(sgMessageId);
  return suffix ? sgMessageId.slice(0, suffix.index) : sgMessageId;
}

function reasonOf(event: SendGridEvent): string {
  const parts = [event.type === 'blocked' ? 'blocked' : event.event, event.reason ?? event.response, event.status].filter((p): p is string => Boolean(p && p.trim()));
  return parts.join(': ').slice(0, 500);
}

/**
 * Turns an Event Webhook body (already verified) into receipts for our messages. Returns
 * `undefined` when the body is not a JSON array of at most 5,000 items (at most 1 MB and 32
 * levels deep); an item that is not an event we can use is skipped.
 *
 * @example
 * parseEventBatch('[{"event":"delivered","sg_event_id":"e1","sg_message_id":"m1.filter","accountId":"a","messageId":"m"}]');
 * // [{ provider: 'sendgrid', status: 'delivered', providerMessageId: 'm1', dedupeKey: 'sendgrid-event#e1', … }]
 */
export function parseEventBatch(rawBody: string): SendGridReceipt[] | undefined {
  const json = parseBoundedJson(rawBody, maxEventBodyBytes);
  if (!json.ok) return undefined;
  const batch = SendGridEventBatch.safeParse(json.value);
  if (!batch.success) return undefined;
  const receipts: SendGridReceipt[] = [];
  for (const item of batch.data) {
    const parsed = SendGridEvent.safeParse(item);
    if (!parsed.success) continue;
    const event = parsed.data;
    const status = Object.hasOwn(statusOfEvent, event.event) ? statusOfEvent[event.event] : undefined;
    if (!status || !event.accountId || !event.messageId) continue;
    receipts.push({
      provider: 'sendgrid',
      accountId: event.accountId,
      messageId: event.messageId,
      providerMessageId: event.sg_message_id ? sendIdOf(event.sg_message_id) : '',
      status,
      ...(status === 'failed' ? { reason: reasonOf(event) } : {}),
      dedupeKey: `sendgrid-event#${event.sg_event_id}`,
      dedupeTtlSeconds: eventDedupeTtlSeconds,
      ...(event.timestamp !== undefined ? { at: new Date(event.timestamp * 1000).toISOString() } : {}),
    });
  }
  return receipts;
}
