/**
 * Recovery codes — layer: services.
 *
 * Ten single-use codes of 50 random bits each (`xxxxx-xxxxx`, lower-case base32), shown once;
 * only their SHA-256 is stored. Input is normalised (case, spaces and dashes ignored).
 */
import { createHash, randomBytes } from 'node:crypto';

/** How many codes an agent gets. */
export const recoveryCodeCount = 10;

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

function normalise(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** Hex SHA-256 of a recovery code after normalising it. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalise(code), 'utf8').digest('hex');
}

/** Ten fresh codes. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
  });
}
