/**
 * Verified widget users — layer: services.
 *
 * The tenant's server proves who a signed-in visitor is by computing
 * `hex(HMAC-SHA256(widgetSecret, userId))` and handing it to the widget (SECURITY.md §5). The
 * widget sends it on every request; it is compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The longest user id accepted (a tenant's user ids are short opaque strings). */
export const maxUserIdLength = 128;

/**
 * The user hash a tenant's server computes for one of its users.
 *
 * @example
 * userHashFor('wsec_…', 'user-42') // → '9f2c…' (64 hex characters)
 */
export function userHashFor(widgetSecret: string, userId: string): string {
  return createHmac('sha256', widgetSecret).update(userId, 'utf8').digest('hex');
}

/** True when `hash` is the user hash of `userId` under `widgetSecret` (constant-time compare). */
export function isValidUserHash(widgetSecret: string, userId: string, hash: string): boolean {
  if (userId.length === 0 || userId.length > maxUserIdLength) return false;
  const expected = Buffer.from(userHashFor(widgetSecret, userId), 'utf8');
  const given = Buffer.from(hash.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
