/**
 * The session cookie — layer: runtime.
 *
 * Over HTTPS (API Gateway sets `x-forwarded-proto: https`) the cookie is `__Host-sb_session`,
 * which browsers accept only with `Secure`, `Path=/` and no `Domain`; over plain HTTP on the
 * laptop it is `sb_session` without `Secure` (a browser drops Secure cookies on http). Both are
 * HttpOnly and SameSite=Lax (SECURITY.md §5).
 */
import type { HttpRequest } from '../../http/request.js';

/** The cookie's name by transport. */
export const sessionCookieNames = { https: '__Host-sb_session', http: 'sb_session' } as const;

/** True unless the request came over plain HTTP (a missing header counts as HTTPS: the safe side). */
export function isHttpsRequest(request: HttpRequest): boolean {
  const proto = (request.headers['x-forwarded-proto'] ?? 'https').split(',')[0]?.trim().toLowerCase();
  return proto !== 'http';
}

/** The name of the session cookie for this request's transport. */
export function sessionCookieName(request: HttpRequest): string {
  return isHttpsRequest(request) ? sessionCookieNames.https : sessionCookieNames.http;
}

/** The session token the request carries, if any. */
export function sessionTokenOf(request: HttpRequest): string | undefined {
  const value = request.cookies[sessionCookieName(request)];
  return value === undefined || value.length === 0 ? undefined : value;
}

function attributes(request: HttpRequest, maxAgeSeconds: number): string {
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${isHttpsRequest(request) ? '; Secure' : ''}`;
}

/** `Set-Cookie` value carrying a new session token until `expiresAt`. */
export function sessionCookie(request: HttpRequest, token: string, expiresAt: string, nowMs: number): string {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - nowMs) / 1000));
  return `${sessionCookieName(request)}=${token}; ${attributes(request, maxAge)}`;
}

/** `Set-Cookie` value that deletes the session cookie. */
export function clearedSessionCookie(request: HttpRequest): string {
  return `${sessionCookieName(request)}=; ${attributes(request, 0)}`;
}
