/**
 * Id generation — layer: adapters.
 *
 * ULIDs from a monotonic factory, so ids minted in the same millisecond still sort in creation
 * order (message ids double as their sort key); secrets are 256 random bits, base64url.
 */
import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { Ids } from '../../ports/system.js';

/** Creates the process's id source. */
export function makeIds(): Ids {
  const ulid = monotonicFactory();
  return {
    next: () => ulid(),
    secretToken: () => randomBytes(32).toString('base64url'),
  };
}
