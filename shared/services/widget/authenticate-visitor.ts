/**
 * Authenticate a widget request — layer: services.
 *
 * Primary course:
 *  1. The bearer visitor token names its account (`<accountId>.<secret>`); its SHA-256 finds the
 *     session under that account; an unknown or expired one is refused.
 *  2. A verified session must re-prove its user on every request: the `X-Switchboard-User-Id`
 *     header must equal the session's user and `X-Switchboard-User-Hash` must be its HMAC under
 *     the inbox's widget secret (constant-time). Missing or forged → refused.
 *  3. An anonymous session that sends identity headers must send valid ones too (a forged hash
 *     is never silently ignored).
 */
import type { InboxRepository, VisitorSessionRepository } from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import { accountOfToken, hashToken } from '../realtime/ticket-token.js';
import { VisitorUnauthorizedError } from './errors.js';
import { isValidUserHash } from './user-hash.js';
import { widgetSecretOf } from './widget-inbox.js';

/** Dependencies of {@link makeAuthenticateVisitor}. */
export interface AuthenticateVisitorDeps {
  readonly visitorSessions: VisitorSessionRepository;
  readonly inboxes: InboxRepository;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** What a request carries. */
export interface VisitorCredentials {
  readonly visitorToken?: string;
  readonly userId?: string;
  readonly userHash?: string;
}

/** Who the visitor is; the account comes from here, never from the request body. */
export interface AuthenticatedVisitor {
  readonly accountId: string;
  readonly inboxId: string;
  readonly contactId: string;
  readonly verifiedUserId?: string;
}

/** Creates the visitor authenticator used by every `visitor` route of widget-api. */
export function makeAuthenticateVisitor(deps: AuthenticateVisitorDeps) {
  return async function authenticateVisitor(credentials: VisitorCredentials): Promise<AuthenticatedVisitor> {
    const token = credentials.visitorToken;
    const accountId = token ? accountOfToken(token) : undefined;
    if (!token || !accountId) throw new VisitorUnauthorizedError();
    const session = await deps.visitorSessions.get(accountId, hashToken(token));
    if (!session || session.expiresAt <= deps.clock.nowIso()) throw new VisitorUnauthorizedError();

    const { userId, userHash } = credentials;
    if (session.verifiedUserId !== undefined || userId !== undefined || userHash !== undefined) {
      if (!userId || !userHash || (session.verifiedUserId !== undefined && userId !== session.verifiedUserId)) {
        throw new VisitorUnauthorizedError('This chat belongs to a signed-in user: send X-Switchboard-User-Id and X-Switchboard-User-Hash.');
      }
      const inbox = await deps.inboxes.get(accountId, session.inboxId);
      if (!inbox) throw new VisitorUnauthorizedError();
      const secret = await widgetSecretOf(deps.inboxes, deps.ids, inbox);
      if (!isValidUserHash(secret, userId, userHash)) throw new VisitorUnauthorizedError('The signed-in user could not be verified: the user hash does not match.');
      if (session.verifiedUserId === undefined) {
        throw new VisitorUnauthorizedError('This visitor session is anonymous; start a new session to sign in.');
      }
    }
    return {
      accountId,
      inboxId: session.inboxId,
      contactId: session.contactId,
      ...(session.verifiedUserId !== undefined ? { verifiedUserId: session.verifiedUserId } : {}),
    };
  };
}
