/**
 * The widget API's authenticator — layer: runtime.
 *
 * Turns `Authorization: Bearer <visitorToken>` (and, for verified users, the
 * `X-Switchboard-User-Id` / `X-Switchboard-User-Hash` headers, checked on every request) into a
 * {@link VisitorCaller}. `public` routes need nobody; agent routes are never served here.
 */
import type { RouteAuth } from '../../../contracts/http/route.js';
import type { AuthenticatedVisitor, VisitorCredentials } from '../../../services/widget/authenticate-visitor.js';
import { widget } from '../../containers/widget.js';
import { HttpError } from '../../http/http-error.js';
import type { HttpRequest } from '../../http/request.js';
import type { Authenticator } from '../../http/router.js';
import type { WidgetApiCaller } from '../callers.js';

/** The header names of the verified-user proof. */
export const userIdHeader = 'x-switchboard-user-id';
export const userHashHeader = 'x-switchboard-user-hash';

/** The credentials a widget request carries. */
export function visitorCredentialsOf(request: HttpRequest): VisitorCredentials {
  const authorization = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const userId = request.headers[userIdHeader];
  const userHash = request.headers[userHashHeader];
  return {
    ...(match?.[1] ? { visitorToken: match[1] } : {}),
    ...(userId ? { userId } : {}),
    ...(userHash ? { userHash } : {}),
  };
}

/** Creates the authenticator over the visitor check (tests pass an in-memory one). */
export function makeAuthenticateWidgetCaller(authenticateVisitor: () => (credentials: VisitorCredentials) => Promise<AuthenticatedVisitor>): Authenticator<WidgetApiCaller> {
  return async function authenticate(request: HttpRequest, auth: RouteAuth): Promise<WidgetApiCaller> {
    if (auth === 'public') return { kind: 'public' };
    if (auth !== 'visitor') throw new HttpError(403, 'forbidden', 'This route is not part of the widget API.');
    const visitor = await authenticateVisitor()(visitorCredentialsOf(request));
    return { kind: 'visitor', ...visitor };
  };
}

/** The widget API's authenticator over the process's widget container. */
export const authenticateWidgetCaller = makeAuthenticateWidgetCaller(() => widget().authenticateVisitor);
