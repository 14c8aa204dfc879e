/**
 * Key ring over one app secret — layer: adapters (crypto).
 *
 * Each purpose's key is HKDF-SHA256(appSecret, salt "switchboard", info purpose), derived once and
 * cached. Signatures are HMAC-SHA256 (base64url); encryption is AES-256-GCM with a random 96-bit
 * IV, encoded `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyPurpose, KeyRing } from '../../ports/key-ring.js';

/** Raised when a ciphertext is malformed or was tampered with. */
export class CiphertextError extends Error {
  override readonly name = 'CiphertextError';
}

/**
 * Creates a key ring; `loadSecret` is called once, on first use.
 *
 * @example
 * const keys = makeKeyRing(async () => Buffer.from(appSecret, 'base64url'));
 * const sig = await keys.sign('cursor', payload);
 */
export function makeKeyRing(loadSecret: () => Promise<Buffer>): KeyRing {
  let secret: Promise<Buffer> | undefined;
  const keys = new Map<string, Buffer>();
  async function key(purpose: KeyPurpose): Promise<Buffer> {
    const cached = keys.get(purpose);
    if (cached) return cached;
    secret ??= loadSecret();
    const derived = Buffer.from(hkdfSync('sha256', await secret, 'switchboard', purpose, 32));
    keys.set(purpose, derived);
    return derived;
  }
  const sign = async (purpose: KeyPurpose, data: string) => createHmac('sha256', await key(purpose)).update(data, 'utf8').digest('base64url');
  return {
    sign,
    async verify(purpose, data, signature) {
      const expected = Buffer.from(await sign(purpose, data));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
    async encrypt(purpose, plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await key(purpose), iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    async decrypt(purpose, ciphertext) {
      const [version, iv, tag, body] = ciphertext.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new CiphertextError('unrecognised ciphertext');
      try {
        const decipher = createDecipheriv('aes-256-gcm', await key(purpose), Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new CiphertextError('ciphertext failed authentication');
      }
    },
  };
}
