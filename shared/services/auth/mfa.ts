/**
 * TOTP multi-factor authentication — layer: services (SECURITY.md §5).
 *
 * - Set-up stores a new 160-bit secret, encrypted with the key ring's `totp-secret` key, not yet
 *   enabled; enabling needs a correct code, returns 10 recovery codes (shown once, stored
 *   hashed) and upgrades the session (a new token, no longer MFA-limited).
 * - A code is accepted one step either side of now, and only for a step after the last used
 *   one: the same code twice answers 401 `code_reused`. The step is recorded by a
 *   compare-and-swap on the agent, so two concurrent requests cannot both spend it.
 * - The second step of a sign-in takes the `mfaToken` from log-in and a code or a recovery code;
 *   failures count toward the sign-in limits of the agent's email.
 */
import type { Account, Agent, AgentMfa } from '../../domain/entities.js';
import { accountOfToken, hashToken } from '../realtime/ticket-token.js';
import type { AuthDeps } from './deps.js';
import {
  AgentNotFoundError, CodeReusedError, InvalidCredentialsError, MfaRequiredByAccountError, MfaStateError, UnauthenticatedError,
} from './errors.js';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.js';
import { issueSession, type IssuedSession } from './session-policy.js';
import { emailThrottleKey, makeThrottle } from './throttle.js';

/** Shown by authenticator apps above the code. */
export const totpIssuer = 'Switchboard';

type MfaDeps = Pick<AuthDeps, 'agents' | 'accounts' | 'sessions' | 'mfaChallenges' | 'loginThrottle' | 'totp' | 'keys' | 'clock' | 'ids'>;

/** What a code check found. */
type CodeCheck = 'ok' | 'invalid' | 'reused';

/** Compare-and-swap attempts before giving up (each retry re-reads the agent). */
const casAttempts = 3;

/** Who is acting on their own MFA. */
export interface MfaActor {
  readonly accountId: string;
  readonly agentId: string;
  readonly sessionTokenHash: string;
}

/** Creates the MFA use cases. */
export function makeMfa(deps: MfaDeps) {
  const throttle = makeThrottle(deps);

  async function loadAgent(accountId: string, agentId: string): Promise<Agent> {
    const agent = await deps.agents.get(accountId, agentId);
    if (!agent) throw new AgentNotFoundError();
    return agent;
  }

  /**
   * Checks a TOTP code against the agent's secret and, when it is good and fresh, records its
   * step with `next` applied (compare-and-swap, re-read on a lost race).
   */
  async function spendCode(agent: Agent, code: string, next: (mfa: AgentMfa, step: number) => AgentMfa | undefined): Promise<CodeCheck> {
    let current = agent;
    for (let attempt = 0; attempt < casAttempts; attempt += 1) {
      const mfa = current.mfa;
      if (!mfa) return 'invalid';
      const secret = await deps.keys.decrypt('totp-secret', mfa.secretCiphertext);
      const step = await deps.totp.matchStep(secret, code.trim(), deps.clock.nowMs());
      if (step === undefined) return 'invalid';
      if (mfa.lastUsedStep !== undefined && step <= mfa.lastUsedStep) return 'reused';
      if (await deps.agents.replaceMfa(current.accountId, current.id, mfa, next(mfa, step))) return 'ok';
      current = await loadAgent(current.accountId, current.id);
    }
    return 'reused';
  }

  /** Spends a recovery code (compare-and-swap, re-read on a lost race). */
  async function spendRecoveryCode(agent: Agent, recoveryCode: string): Promise<boolean> {
    const hash = hashRecoveryCode(recoveryCode);
    let current = agent;
    for (let attempt = 0; attempt < casAttempts; attempt += 1) {
      const mfa = current.mfa;
      if (!mfa?.enabled || !mfa.recoveryCodeHashes.includes(hash)) return false;
      const next = { ...mfa, recoveryCodeHashes: mfa.recoveryCodeHashes.filter((h) => h !== hash) };
      if (await deps.agents.replaceMfa(current.accountId, current.id, mfa, next)) return true;
      current = await loadAgent(current.accountId, current.id);
    }
    return false;
  }

  /** Turns a failed check into its error, counting the failure against the agent's email. */
  async function refuse(agent: Agent, check: Exclude<CodeCheck, 'ok'>): Promise<never> {
    await throttle.fail([emailThrottleKey(agent.email)]);
    if (check === 'reused') throw new CodeReusedError();
    throw new InvalidCredentialsError('The code is wrong.');
  }

  return {
    /** Starts set-up: a new secret (replacing one not yet enabled) and its otpauth URI. */
    async setUp(actor: MfaActor): Promise<{ secret: string; otpauthUrl: string }> {
      const agent = await loadAgent(actor.accountId, actor.agentId);
      if (agent.mfa?.enabled) throw new MfaStateError('Two-factor authentication is already on; turn it off first.');
      const secret = deps.totp.generateSecret();
      const next: AgentMfa = { secretCiphertext: await deps.keys.encrypt('totp-secret', secret), enabled: false, recoveryCodeHashes: [] };
      if (!(await deps.agents.replaceMfa(agent.accountId, agent.id, agent.mfa, next))) {
        throw new MfaStateError('Two-factor set-up changed meanwhile; try again.');
      }
      return { secret, otpauthUrl: deps.totp.uri({ secret, issuer: totpIssuer, label: agent.email }) };
    },

    /** Confirms set-up with a code: MFA on, recovery codes out, the session replaced by a full one. */
    async enable(actor: MfaActor, code: string): Promise<{ recoveryCodes: string[] } & IssuedSession> {
      const agent = await loadAgent(actor.accountId, actor.agentId);
      if (!agent.mfa || agent.mfa.enabled) throw new MfaStateError('Start two-factor set-up first.');
      await throttle.check([emailThrottleKey(agent.email)]);
      const recoveryCodes = generateRecoveryCodes();
      const hashes = recoveryCodes.map(hashRecoveryCode);
      const check = await spendCode(agent, code, (mfa, step) => ({ ...mfa, enabled: true, lastUsedStep: step, recoveryCodeHashes: hashes }));
      if (check !== 'ok') return refuse(agent, check);
      await deps.sessions.delete(actor.accountId, actor.sessionTokenHash);
      const issued = await issueSession(deps, { accountId: actor.accountId, agentId: actor.agentId });
      return { recoveryCodes, ...issued };
    },

    /** Turns MFA off with a current code, unless the account requires it. */
    async disable(actor: MfaActor, code: string): Promise<void> {
      const [agent, account] = await Promise.all([loadAgent(actor.accountId, actor.agentId), deps.accounts.get(actor.accountId)]);
      if (account?.mfaRequired) throw new MfaRequiredByAccountError();
      if (!agent.mfa?.enabled) throw new MfaStateError('Two-factor authentication is not on.');
      await throttle.check([emailThrottleKey(agent.email)]);
      const check = await spendCode(agent, code, () => undefined);
      if (check !== 'ok') await refuse(agent, check);
    },

    /** The second step of a sign-in: the mfaToken and a code (or a recovery code) → a session. */
    async verify(input: { readonly mfaToken: string; readonly code?: string; readonly recoveryCode?: string }): Promise<{ agent: Agent; account: Account } & IssuedSession> {
      const accountId = accountOfToken(input.mfaToken);
      if (!accountId) throw new InvalidCredentialsError('This sign-in has expired. Sign in again.');
      const tokenHash = hashToken(input.mfaToken);
      const challenge = await deps.mfaChallenges.get(accountId, tokenHash, deps.clock.nowIso());
      if (!challenge) throw new InvalidCredentialsError('This sign-in has expired. Sign in again.');
      const agent = await deps.agents.get(accountId, challenge.agentId);
      if (!agent || agent.disabled || !agent.mfa?.enabled) throw new InvalidCredentialsError('This sign-in has expired. Sign in again.');
      await throttle.check([emailThrottleKey(agent.email)]);

      if (input.recoveryCode !== undefined) {
        if (!(await spendRecoveryCode(agent, input.recoveryCode))) await refuse(agent, 'invalid');
      } else {
        const check = await spendCode(agent, input.code ?? '', (mfa, step) => ({ ...mfa, lastUsedStep: step }));
        if (check !== 'ok') await refuse(agent, check);
      }
      // Single use: a second request with the same token loses here even with another good code.
      if (!(await deps.mfaChallenges.consume(accountId, tokenHash))) throw new InvalidCredentialsError('This sign-in has expired. Sign in again.');
      await throttle.clear(emailThrottleKey(agent.email));
      const account = await deps.accounts.get(accountId);
      if (!account) throw new UnauthenticatedError();
      const issued = await issueSession(deps, { accountId, agentId: agent.id });
      return { agent: (await deps.agents.get(accountId, agent.id)) ?? agent, account, ...issued };
    },
  };
}
