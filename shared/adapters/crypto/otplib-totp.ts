/**
 * TOTP with otplib v13 — layer: adapters.
 *
 * 30-second steps, ±1 step of drift (SECURITY.md §5); the replay check (refuse a step at or
 * before the last used one) is the service's, over the step this adapter reports.
 */
import { generate, generateSecret, generateURI, verify } from 'otplib';
import type { Totp } from '../../ports/totp.js';

/** The step length in seconds. */
export const totpPeriodSeconds = 30;

/** Creates the otplib-backed {@link Totp}. */
export function makeOtplibTotp(): Totp {
  return {
    generateSecret: () => generateSecret({ length: 20 }),
    uri: ({ secret, issuer, label }) => generateURI({ issuer, label, secret, period: totpPeriodSeconds }),
    async matchStep(secret, code, nowMs) {
      if (!/^\d{6}$/.test(code)) return undefined;
      const result = await verify({ secret, token: code, period: totpPeriodSeconds, epoch: Math.floor(nowMs / 1000), epochTolerance: totpPeriodSeconds });
      return result.valid && 'timeStep' in result ? result.timeStep : undefined;
    },
    generate: (secret, nowMs) => generate({ secret, period: totpPeriodSeconds, epoch: Math.floor(nowMs / 1000) }),
  };
}
