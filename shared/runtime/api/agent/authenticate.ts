/**
 * The agents' API authenticator — layer: runtime.
 *
 * Turns the session cookie into an {@link AgentCaller}, in this order:
 *  1. `public` routes need nobody: `{ kind: 'public' }`.
 *  2. A state-changing request must say `Content-Type: application/json` (a cross-site form
 *     cannot; 415) and, when it carries an `Origin`, come from an allowed origin (403) — with
 *     SameSite=Lax, this closes cross-site requests.
 *  3. The session (cookie → sha256 → Session; idle 30 min, absolute 8 h; the agent enabled) —
 *     otherwise 401 `unauthenticated`.
 *  4. An MFA-limited session may call only the routes in {@link mfaLimitedRouteKeys} (403
 *     `mfa_enrolment_required`); an `admin` route needs the admin role (403 `forbidden`).
 */
import type { RouteAuth } from '../../../contracts/http/route.js';
import { ForbiddenError, MfaEnrolmentRequiredError } from '../../../services/auth/errors.js';
import type { AuthenticatedSession } from '../../../services/auth/authenticate-session.js';
import { auth } from '../../containers/auth.js';
import { processBase } from '../../containers/base.js';
import { HttpError } from '../../http/http-error.js';
import type { HttpRequest } from '../../http/request.js';
import type { Authenticator } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { sessionTokenOf } from './session-cookie.js';

/** Routes an MFA-limited session may call: enrol MFA, see who it is, sign out. */
export const mfaLimitedRouteKeys: ReadonlySet<string> = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/mfa/setup',
  'POST /api/v1/auth/mfa/enable',
  'POST /api/v1/auth/logout',
]);

/** What the authenticator needs, resolved on each request (the container is built lazily). */
export interface AuthenticateAgentDeps {
  readonly authenticateSession: (token: string | undefined) => Promise<AuthenticatedSession>;
  readonly allowedOrigins: readonly string[];
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Creates the authenticator over its dependencies (tests pass in-memory ones). */
export function makeAuthenticateAgent(deps: () => AuthenticateAgentDeps): Authenticator<AgentApiCaller> {
  return async function authenticate(request: HttpRequest, auth: RouteAuth): Promise<AgentApiCaller> {
    if (auth === 'public') return { kind: 'public' };
    const { authenticateSession, allowedOrigins } = deps();
    const origin = request.headers.origin;
    if (!safeMethods.has(request.method)) {
      if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
        throw new HttpError(415, 'unsupported_media_type', 'send state-changing requests with Content-Type: application/json');
      }
      if (origin !== undefined && !allowedOrigins.includes(origin)) {
        throw new HttpError(403, 'origin_not_allowed', 'Requests from this origin are not allowed.');
      }
    }
    const { session, agent } = await authenticateSession(sessionTokenOf(request));
    const mfaLimited = session.mfaLimited === true;
    if (mfaLimited && !mfaLimitedRouteKeys.has(request.routeKey)) throw new MfaEnrolmentRequiredError();
    if (auth === 'admin' && agent.role !== 'admin') throw new ForbiddenError();
    if (auth === 'visitor') throw new ForbiddenError('This route is for the widget.');
    return {
      kind: 'agent',
      accountId: agent.accountId,
      agentId: agent.id,
      role: agent.role,
      sessionTokenHash: session.tokenHash,
      mfaLimited,
    };
  };
}

/** The authenticator of agent-api, over the process's auth container. */
export const authenticateAgent: Authenticator<AgentApiCaller> = makeAuthenticateAgent(() => {
  return { authenticateSession: auth().authenticateSession, allowedOrigins: processBase().config.allowedOrigins };
});
