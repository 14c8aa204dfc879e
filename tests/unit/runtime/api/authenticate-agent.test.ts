import { describe, expect, it } from 'vitest';
import type { Agent, Session } from '../../../../shared/domain/entities.js';
import { makeAuthenticateAgent } from '../../../../shared/runtime/api/agent/authenticate.js';
import { UnauthenticatedError } from '../../../../shared/services/auth/errors.js';
import type { HttpRequest } from '../../../../shared/runtime/http/request.js';

const agent: Agent = { accountId: 'A', id: 'G', email: 'g@example.com', name: 'G', role: 'agent', passwordHash: 'x', disabled: false, createdAt: '2026-01-01T00:00:00.000Z' };
const session: Session = { accountId: 'A', tokenHash: 'h', agentId: 'G', createdAt: '', lastSeenAt: '', expiresAt: '' };

function request(overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'GET', routeKey: 'GET /api/v1/agents', path: '/api/v1/agents', headers: { 'x-forwarded-proto': 'http' }, cookies: { sb_session: 'tok' },
    query: {}, params: {}, sourceIp: '127.0.0.1', userAgent: '', body: Buffer.alloc(0), ...overrides,
  };
}

function authenticator(found: { agent: Agent; session: Session } | undefined) {
  const seen: (string | undefined)[] = [];
  const authenticate = makeAuthenticateAgent(() => ({
    allowedOrigins: ['http://127.0.0.1:3000'],
    authenticateSession: async (token) => {
      seen.push(token);
      if (!found) throw new UnauthenticatedError();
      return found;
    },
  }));
  return { authenticate, seen };
}

describe('authenticateAgent', () => {
  it('lets anyone call a public route', async () => {
    const { authenticate, seen } = authenticator(undefined);
    await expect(authenticate(request(), 'public')).resolves.toEqual({ kind: 'public' });
    expect(seen).toEqual([]);
  });

  it('reads sb_session over http and __Host-sb_session over https', async () => {
    const { authenticate, seen } = authenticator({ agent, session });
    await authenticate(request(), 'agent');
    await authenticate(request({ headers: { 'x-forwarded-proto': 'https' }, cookies: { sb_session: 'plain', '__Host-sb_session': 'secure' } }), 'agent');
    expect(seen).toEqual(['tok', 'secure']);
  });

  it('returns the agent caller of a valid session', async () => {
    const { authenticate } = authenticator({ agent, session });
    await expect(authenticate(request(), 'agent')).resolves.toEqual({ kind: 'agent', accountId: 'A', agentId: 'G', role: 'agent', sessionTokenHash: 'h', mfaLimited: false });
  });

  it('answers 401 without a valid session', async () => {
    const { authenticate } = authenticator(undefined);
    await expect(authenticate(request(), 'agent')).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses an admin route to an agent', async () => {
    const { authenticate } = authenticator({ agent, session });
    await expect(authenticate(request(), 'admin')).rejects.toMatchObject({ name: 'ForbiddenError' });
  });

  it('lets an MFA-limited session call only the enrolment routes', async () => {
    const { authenticate } = authenticator({ agent, session: { ...session, mfaLimited: true } });
    await expect(authenticate(request(), 'agent')).rejects.toMatchObject({ name: 'MfaEnrolmentRequiredError' });
    await expect(authenticate(request({ method: 'POST', routeKey: 'POST /api/v1/auth/mfa/setup', headers: { 'content-type': 'application/json' } }), 'agent')).resolves.toMatchObject({ mfaLimited: true });
  });

  it('refuses a state-changing request from an origin that is not allowed', async () => {
    const { authenticate } = authenticator({ agent, session });
    const json = { 'x-forwarded-proto': 'http', 'content-type': 'application/json' };
    await expect(authenticate(request({ method: 'POST', headers: { ...json, origin: 'https://evil.example' } }), 'agent')).rejects.toMatchObject({ status: 403, code: 'origin_not_allowed' });
    await expect(authenticate(request({ method: 'POST', headers: { ...json, origin: 'http://127.0.0.1:3000' } }), 'agent')).resolves.toMatchObject({ kind: 'agent' });
  });

  it('refuses a state-changing request that is not declared JSON (a cross-site form cannot be)', async () => {
    const { authenticate } = authenticator({ agent, session });
    await expect(authenticate(request({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 'agent')).rejects.toMatchObject({ status: 415 });
  });
});
