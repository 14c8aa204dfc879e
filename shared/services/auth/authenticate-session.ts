/**
 * Authenticate a session token — layer: services.
 *
 * Primary course:
 *  1. Read the account from the token (`<accountId>.<secret>`) and look the session up by the
 *     token's SHA-256 under that account.
 *  2. Refuse a session past its absolute expiry (8 h) or idle for 30 min, deleting it.
 *  3. Load the agent; a missing or disabled agent is refused.
 *  4. Record the activity (at most once a minute) and return the session and the agent.
 * Every refusal is the same UnauthenticatedError: the caller learns nothing about why.
 */
import type { Agent, Session } from '../../domain/entities.js';
import type { AgentRepository, SessionRepository } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';
import { accountOfToken, hashToken } from '../realtime/ticket-token.js';
import { UnauthenticatedError } from './errors.js';
import { sessionAbsoluteTimeoutMs, sessionIdleTimeoutMs, sessionTouchIntervalMs } from './session-policy.js';

/** Dependencies of {@link makeAuthenticateSession}. */
export interface AuthenticateSessionDeps {
  readonly sessions: SessionRepository;
  readonly agents: AgentRepository;
  readonly clock: Clock;
}

/** A valid session and its agent. */
export interface AuthenticatedSession {
  readonly session: Session;
  readonly agent: Agent;
}

/** Creates the use case that turns a session token into a signed-in agent. */
export function makeAuthenticateSession(deps: AuthenticateSessionDeps) {
  return async function authenticateSession(token: string | undefined): Promise<AuthenticatedSession> {
    const accountId = token === undefined ? undefined : accountOfToken(token);
    if (token === undefined || accountId === undefined) throw new UnauthenticatedError();
    const tokenHash = hashToken(token);
    const session = await deps.sessions.get(accountId, tokenHash);
    if (!session || session.agentId === undefined) throw new UnauthenticatedError();

    const now = deps.clock.nowMs();
    const absoluteEnd = Math.min(Date.parse(session.expiresAt), Date.parse(session.createdAt) + sessionAbsoluteTimeoutMs);
    const idleEnd = Date.parse(session.lastSeenAt) + sessionIdleTimeoutMs;
    if (now >= absoluteEnd || now >= idleEnd) {
      await deps.sessions.delete(accountId, tokenHash);
      throw new UnauthenticatedError('Your session has expired. Sign in again.');
    }

    const agent = await deps.agents.get(accountId, session.agentId);
    if (!agent || agent.disabled) throw new UnauthenticatedError();

    if (now - Date.parse(session.lastSeenAt) >= sessionTouchIntervalMs) {
      const at = new Date(now).toISOString();
      await deps.sessions.touch(accountId, tokenHash, at);
      return { session: { ...session, lastSeenAt: at }, agent };
    }
    return { session, agent };
  };
}
