/**
 * Ticket tokens — layer: services.
 *
 * A ticket token is `<accountId>.<secret>`: the account prefix lets `$connect` find the ticket
 * under its tenant-first key (DESIGN.md §3) without a global lookup; the secret (≥ 128 bits)
 * is what authenticates. Only the SHA-256 of the whole token is stored.
 */
import { createHash } from 'node:crypto';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Hex SHA-256 of a token: what the table stores instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Builds a token for an account from a fresh secret. */
export function formatTicketToken(accountId: string, secret: string): string {
  return `${accountId}.${secret}`;
}

/** The account a token claims, or undefined if the token is malformed. */
export function accountOfToken(token: string): string | undefined {
  const dot = token.indexOf('.');
  if (dot !== 26 || token.length < 26 + 1 + 22 || token.length > 200) return undefined;
  const accountId = token.slice(0, dot);
  return ULID.test(accountId) ? accountId : undefined;
}
