/**
 * Argon2id password hashing — layer: adapters.
 *
 * Parameters from SECURITY.md §5 (OWASP's Argon2id minimum): m = 19456 KiB, t = 2, p = 1.
 * `@node-rs/argon2` is used because the `argon2` package's prebuilt binary crashes on Node 20.
 */
import type { Algorithm } from '@node-rs/argon2';
import type { PasswordHasher } from '../../ports/password-hasher.js';

/**
 * The native addon, loaded on first use: only functions that hash passwords ship it (see
 * `nativeModules` in infra/manifest.ts), and the rest never load it.
 */
let addon: Promise<typeof import('@node-rs/argon2')> | undefined;
const argon2 = () => (addon ??= import('@node-rs/argon2'));

/** `Algorithm.Argon2id`: a const enum, whose value verbatimModuleSyntax cannot import. */
const argon2id = 2 as Algorithm;

/** The Argon2id cost parameters. */
export const argon2Parameters = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Creates the Argon2id hasher. */
export function makeArgon2PasswordHasher(): PasswordHasher {
  return {
    hash: async (password) => (await argon2()).hash(password, argon2Parameters),
    async verify(phc, password) {
      // A missing addon must fail loudly, not read as a wrong password.
      const { verify } = await argon2();
      try {
        return await verify(phc, password);
      } catch {
        return false;
      }
    },
  };
}
