/**
 * Session policy — layer: services.
 *
 * The numbers of SECURITY.md §5 in one place, and the minting of session tokens: a token is
 * `<accountId>.<secret>` (the account prefix finds the session under its tenant-first key), and
 * only its SHA-256 is stored.
 */
import type { Session } from '../../domain/entities.js';
import type { SessionRepository } from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import { formatTicketToken, hashToken } from '../realtime/ticket-token.js';

/** A session dies after this long without a request. */
export const sessionIdleTimeoutMs = 30 * 60_000;
/** A session dies this long after sign-in, however active. */
export const sessionAbsoluteTimeoutMs = 8 * 60 * 60_000;
/** Activity is recorded at most this often (a write per request would buy nothing). */
export const sessionTouchIntervalMs = 60_000;

/** A freshly minted session: the token goes to the cookie, the session to the table. */
export interface IssuedSession {
  readonly token: string;
  readonly session: Session;
}

/** Mints and stores a new session for an agent (at sign-in, after MFA, after enrolment). */
export async function issueSession(
  deps: { readonly sessions: SessionRepository; readonly clock: Clock; readonly ids: Ids },
  input: { readonly accountId: string; readonly agentId: string; readonly mfaLimited?: boolean },
): Promise<IssuedSession> {
  const token = formatTicketToken(input.accountId, deps.ids.secretToken());
  const now = deps.clock.nowMs();
  const session: Session = {
    accountId: input.accountId,
    tokenHash: hashToken(token),
    agentId: input.agentId,
    createdAt: new Date(now).toISOString(),
    lastSeenAt: new Date(now).toISOString(),
    expiresAt: new Date(now + sessionAbsoluteTimeoutMs).toISOString(),
    ...(input.mfaLimited ? { mfaLimited: true } : {}),
  };
  await deps.sessions.create(session);
  return { token, session };
}

/** When a session stops working: the earlier of its absolute expiry and its idle expiry. */
export function sessionExpiresAt(session: Session): string {
  const idle = Date.parse(session.lastSeenAt) + sessionIdleTimeoutMs;
  return new Date(Math.min(idle, Date.parse(session.expiresAt))).toISOString();
}
