/**
 * Argon2id password hashing — layer: adapters.
 *
 * Parameters from SECURITY.md §5 (OWASP's Argon2id minimum): m = 19456 KiB, t = 2, p = 1.
 * `@node-rs/argon2` is used because the `argon2` package's prebuilt binary crashes on Node 20.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { PasswordHasher } from '../../ports/password-hasher.js';

/** `Algorithm.Argon2id`: a const enum, whose value verbatimModuleSyntax cannot import. */
const argon2id = 2 as Algorithm;

/** The Argon2id cost parameters. */
export const argon2Parameters = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Creates the Argon2id hasher. */
export function makeArgon2PasswordHasher(): PasswordHasher {
  return {
    hash: (password) => hash(password, argon2Parameters),
    async verify(phc, password) {
      try {
        return await verify(phc, password);
      } catch {
        return false;
      }
    },
  };
}
