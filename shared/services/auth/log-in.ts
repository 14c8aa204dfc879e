/**
 * Sign in with email and password — layer: services.
 *
 * Primary course:
 *  1. Refuse while the email or the IP must wait (429 with Retry-After, see throttle.ts).
 *  2. Find the agent by email and verify the Argon2id hash. An unknown email verifies against a
 *     dummy hash, so the answer takes the same time; a wrong password, an unknown email and a
 *     disabled agent all answer the same `invalid_credentials` and count as failures.
 *  3. With MFA enabled: return a 5-minute single-use `mfaToken` for the second step (no session).
 *  4. Without MFA, when the account requires it: a session limited to enrolling MFA.
 *  5. Otherwise: a full session (a fresh token: no fixation).
 */
import type { Account, Agent } from '../../domain/entities.js';
import { formatTicketToken, hashToken } from '../realtime/ticket-token.js';
import type { AuthDeps } from './deps.js';
import { InvalidCredentialsError, UnauthenticatedError } from './errors.js';
import { issueSession, type IssuedSession } from './session-policy.js';
import { emailThrottleKey, ipThrottleKey, makeThrottle } from './throttle.js';

/** How long the second step of a sign-in may take. */
export const mfaChallengeLifetimeMs = 5 * 60_000;

/** The outcomes of a correct password. */
export type LogInResult =
  | ({ readonly status: 'signed_in'; readonly agent: Agent; readonly account: Account } & IssuedSession)
  | ({ readonly status: 'mfa_enrolment_required'; readonly agent: Agent; readonly account: Account } & IssuedSession)
  | { readonly status: 'mfa_required'; readonly mfaToken: string; readonly expiresAt: string };

/** Creates the sign-in use case. */
export function makeLogIn(deps: Pick<AuthDeps, 'agents' | 'accounts' | 'sessions' | 'mfaChallenges' | 'loginThrottle' | 'hasher' | 'clock' | 'ids'>) {
  const throttle = makeThrottle(deps);
  let dummyHash: Promise<string> | undefined;

  return async function logIn(input: { readonly email: string; readonly password: string; readonly ip: string }): Promise<LogInResult> {
    const email = input.email.trim().toLowerCase();
    const keys = [emailThrottleKey(email), ipThrottleKey(input.ip)];
    await throttle.check(keys);

    const agent = await deps.agents.findByEmail(email);
    dummyHash ??= deps.hasher.hash(`dummy ${deps.ids.secretToken()}`);
    const ok = await deps.hasher.verify(agent?.passwordHash ?? (await dummyHash), input.password);
    if (!agent || !ok || agent.disabled) {
      await throttle.fail(keys);
      throw new InvalidCredentialsError();
    }
    await throttle.clear(keys[0] as string);

    const account = await deps.accounts.get(agent.accountId);
    if (!account) throw new UnauthenticatedError();

    if (agent.mfa?.enabled) {
      const mfaToken = formatTicketToken(agent.accountId, deps.ids.secretToken());
      const expiresAt = new Date(deps.clock.nowMs() + mfaChallengeLifetimeMs).toISOString();
      await deps.mfaChallenges.create({ accountId: agent.accountId, tokenHash: hashToken(mfaToken), agentId: agent.id, expiresAt });
      return { status: 'mfa_required', mfaToken, expiresAt };
    }
    if (account.mfaRequired) {
      const issued = await issueSession(deps, { accountId: agent.accountId, agentId: agent.id, mfaLimited: true });
      return { status: 'mfa_enrolment_required', agent, account, ...issued };
    }
    const issued = await issueSession(deps, { accountId: agent.accountId, agentId: agent.id });
    return { status: 'signed_in', agent, account, ...issued };
  };
}
