/**
 * Brute-force limits — layer: services (SECURITY.md §5).
 *
 * Per sign-in email: after 5 failures each attempt waits a delay doubling from 1 s (answered
 * with 429 and `Retry-After`, never by sleeping in a Lambda); after 10 failures the email is
 * locked for 15 minutes. Per IP: 100 failures in 15 minutes lock the IP for the rest of the
 * window. Password and TOTP failures count alike; a success clears the email's count.
 */
import type { LoginThrottleRepository } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';
import { TooManyAttemptsError } from './errors.js';

/** The numbers of the policy. */
export const throttlePolicy = {
  windowMs: 15 * 60_000,
  delayAfterFailures: 5,
  lockAfterFailures: 10,
  lockMs: 15 * 60_000,
  maxDelayMs: 60_000,
  ipLockAfterFailures: 100,
} as const;

/** The counter key of a sign-in email. */
export const emailThrottleKey = (email: string): string => `email#${email.trim().toLowerCase()}`;
/** The counter key of a client IP. */
export const ipThrottleKey = (ip: string): string => `ip#${ip.trim().toLowerCase() || 'unknown'}`;

/** How long a key with `failures` must wait after its last failure before the next attempt. */
export function waitAfter(failures: number, isIp: boolean): number {
  if (isIp) return failures >= throttlePolicy.ipLockAfterFailures ? throttlePolicy.lockMs : 0;
  if (failures >= throttlePolicy.lockAfterFailures) return throttlePolicy.lockMs;
  if (failures >= throttlePolicy.delayAfterFailures) {
    return Math.min(throttlePolicy.maxDelayMs, 1000 * 2 ** (failures - throttlePolicy.delayAfterFailures));
  }
  return 0;
}

/** Checks and records sign-in failures for a set of keys. */
export function makeThrottle(deps: { readonly loginThrottle: LoginThrottleRepository; readonly clock: Clock }) {
  const windowStart = () => new Date(deps.clock.nowMs() - throttlePolicy.windowMs).toISOString();

  return {
    /** Throws TooManyAttemptsError when any key must still wait. */
    async check(keys: readonly string[]): Promise<void> {
      const now = deps.clock.nowMs();
      const start = windowStart();
      let retryAfterMs = 0;
      for (const key of keys) {
        const count = await deps.loginThrottle.get(key, start);
        if (!count) continue;
        const until = Date.parse(count.lastFailureAt) + waitAfter(count.failures, key.startsWith('ip#'));
        retryAfterMs = Math.max(retryAfterMs, until - now);
      }
      if (retryAfterMs > 0) throw new TooManyAttemptsError(Math.ceil(retryAfterMs / 1000));
    },

    /** Counts one failure against every key. */
    async fail(keys: readonly string[]): Promise<void> {
      const now = deps.clock.nowMs();
      const at = new Date(now).toISOString();
      const expiresAt = new Date(now + throttlePolicy.windowMs + throttlePolicy.lockMs).toISOString();
      await Promise.all(keys.map((key) => deps.loginThrottle.recordFailure(key, at, windowStart(), expiresAt)));
    },

    /** Forgets the failures of a key (after a successful sign-in). */
    async clear(key: string): Promise<void> {
      await deps.loginThrottle.clear(key);
    },
  };
}
