/**
 * Meta webhook signature — layer: adapters (pure crypto, no I/O).
 *
 * Meta signs every webhook POST (Messenger, Instagram, WhatsApp Cloud) with the app secret:
 * `X-Hub-Signature-256: sha256=<hex(HMAC-SHA256(appSecret, raw body))>` (SECURITY.md §1). The
 * signature covers the exact bytes Meta sent, so it is checked before the body is parsed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Meta signs webhook POSTs with (lower-case, as {@link HttpRequest} exposes headers). */
export const metaSignatureHeader = 'x-hub-signature-256';

const headerPattern = /^sha256=([0-9a-fA-F]{64})$/;

/** hex(HMAC-SHA256(appSecret, body)) — what Meta puts after `sha256=`. */
export function metaSignatureOf(rawBody: Buffer | string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * Whether `header` is Meta's signature of `rawBody` under `appSecret`. A missing or malformed
 * header, or an empty app secret, is never valid; the comparison takes constant time.
 *
 * @example
 * verifyMetaSignature(Buffer.from('test'), 'sha256=0329a06b…0914', 'secret'); // true
 */
export function verifyMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || appSecret.length === 0) return false;
  const match = headerPattern.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const expected = Buffer.from(metaSignatureOf(rawBody, appSecret), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
