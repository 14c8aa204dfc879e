/**
 * Agents' authentication through the real local gateway and agent-api (DynamoDB Local behind):
 * sign-up, sign-in, sessions, MFA with replay protection and recovery codes, brute-force limits,
 * logout and revocation (including the agent's WebSockets), invitations, tenant isolation and
 * validation of bodies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOtplibTotp } from '../../../shared/adapters/crypto/otplib-totp.js';
import { caller, newSignUpDetails, request, sessionCookieOf, signIn, signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { connectSocket } from '../../helpers/websocket-client.js';

const totp = makeOtplibTotp();
let baseUrl: string;
let origin: string;

beforeAll(() => {
  baseUrl = process.env.SWITCHBOARD_WS_ENDPOINT!;
  origin = process.env.SWITCHBOARD_ALLOWED_ORIGINS!.split(',')[0]!.trim();
});

/** Invites a person into the admin's account and accepts the invitation. */
async function invite(admin: SignedInAgent, role: 'admin' | 'agent' = 'agent'): Promise<SignedInAgent> {
  const details = newSignUpDetails();
  const invited = await admin.call('POST', '/api/v1/agents/invitations', { email: details.email, name: details.name, role });
  expect(invited.status).toBe(201);
  const accepted = await request(baseUrl, 'POST', '/api/v1/auth/invitations/accept', { token: invited.body.token, name: details.name, password: details.password });
  expect(accepted.status).toBe(201);
  const cookie = sessionCookieOf(accepted.setCookies)!;
  return { cookie, account: accepted.body.account, agent: accepted.body.agent, email: details.email, password: details.password, call: caller(baseUrl, cookie) };
}

describe('sign-up and sign-in', () => {
  it('signs up, signs in and answers who is signed in', async () => {
    // Prepare
    const admin = await signUp(baseUrl);

    // Act
    const again = await signIn(baseUrl, admin.email, admin.password);
    const me = await again.call('GET', '/api/v1/auth/me');

    // Assess
    expect(admin.cookie).toMatch(/^sb_session=/);
    expect(again.cookie).not.toBe(admin.cookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ agent: { id: admin.agent.id, role: 'admin', mfaEnabled: false }, account: { id: admin.account.id, mfaRequired: false }, mfaEnabled: false });
    expect(JSON.stringify(me.body)).not.toMatch(/passwordHash|argon2/);
    const inboxes = await again.call('GET', '/api/v1/inboxes');
    expect(inboxes.status).toBe(200);
    expect(inboxes.body.items).toEqual([expect.objectContaining({ channel: 'web', widgetToken: expect.stringMatching(/^wt_/) })]);
  });

  it('sets an HttpOnly SameSite=Lax cookie without Secure over plain http', async () => {
    const details = newSignUpDetails();
    const response = await request(baseUrl, 'POST', '/api/v1/auth/signup', details);
    expect(response.setCookies[0]).toMatch(/^sb_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=(28799|28800)$/);
  });

  it('answers 401 invalid_credentials for a wrong password and for an unknown email alike', async () => {
    const admin = await signUp(baseUrl);
    const wrong = await request(baseUrl, 'POST', '/api/v1/auth/login', { email: admin.email, password: 'not the password' });
    const unknown = await request(baseUrl, 'POST', '/api/v1/auth/login', { email: `nobody-${admin.agent.id}@example.test`, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(wrong.setCookies).toEqual([]);
  });

  it('answers 429 with Retry-After after 5 failures, even for the right password', async () => {
    // Prepare
    const admin = await signUp(baseUrl);
    for (let i = 0; i < 5; i += 1) {
      expect((await request(baseUrl, 'POST', '/api/v1/auth/login', { email: admin.email, password: `wrong ${i} password` })).status).toBe(401);
    }

    // Act
    const limited = await request(baseUrl, 'POST', '/api/v1/auth/login', { email: admin.email, password: admin.password });

    // Assess
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('refuses requests without a session with 401 unauthenticated', async () => {
    const anonymous = await request(baseUrl, 'GET', '/api/v1/auth/me');
    const forged = await request(baseUrl, 'GET', '/api/v1/auth/me', undefined, {}, 'sb_session=01ARZ3NDEKTSV4RRFFQ69G5FAV.forged-secret-forged-secret');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    expect(forged.status).toBe(401);
  });

  it('answers bad bodies with 400 and a message naming the field', async () => {
    const short = await request(baseUrl, 'POST', '/api/v1/auth/signup', { ...newSignUpDetails(), password: 'short' });
    const badEmail = await request(baseUrl, 'POST', '/api/v1/auth/signup', { ...newSignUpDetails(), email: 'not-an-email' });
    const notJson = await request(baseUrl, 'POST', '/api/v1/auth/login', '{"email":');
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/password/);
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.message).toMatch(/email/);
    expect(notJson.status).toBe(400);
  });

  it('refuses a second sign-up with the same email with 409', async () => {
    const admin = await signUp(baseUrl);
    const again = await request(baseUrl, 'POST', '/api/v1/auth/signup', newSignUpDetails({ email: admin.email }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');
  });
});

describe('MFA', () => {
  it('sets up TOTP, signs in with a code, refuses a reused code, and accepts each recovery code once', async () => {
    // Prepare: set up and enable
    const admin = await signUp(baseUrl);
    const setup = await admin.call('POST', '/api/v1/auth/mfa/setup');
    expect(setup.status).toBe(200);
    const { secret } = setup.body;
    const enableCode = await totp.generate(secret, Date.now());
    const enabled = await admin.call('POST', '/api/v1/auth/mfa/enable', { code: enableCode });
    expect(enabled.status).toBe(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    const upgraded = sessionCookieOf(enabled.setCookies)!;
    expect(upgraded).not.toBe(admin.cookie);
    expect((await admin.call('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await caller(baseUrl, upgraded)('GET', '/api/v1/auth/me')).body.mfaEnabled).toBe(true);

    // Act / Assess: the password alone gives an mfaToken, no cookie
    const login = async () => {
      const response = await request(baseUrl, 'POST', '/api/v1/auth/login', { email: admin.email, password: admin.password });
      expect(response.body.status).toBe('mfa_required');
      expect(response.setCookies).toEqual([]);
      return response.body.mfaToken as string;
    };
    const reused = await request(baseUrl, 'POST', '/api/v1/auth/mfa/verify', { mfaToken: await login(), code: enableCode });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('code_reused');

    const nextStep = await totp.generate(secret, Date.now() + 30_000);
    const verified = await request(baseUrl, 'POST', '/api/v1/auth/mfa/verify', { mfaToken: await login(), code: nextStep });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'signed_in', agent: { id: admin.agent.id, mfaEnabled: true } });
    expect(sessionCookieOf(verified.setCookies)).toBeDefined();

    const recoveryCode = enabled.body.recoveryCodes[0];
    const recovered = await request(baseUrl, 'POST', '/api/v1/auth/mfa/verify', { mfaToken: await login(), recoveryCode });
    expect(recovered.status).toBe(200);
    const again = await request(baseUrl, 'POST', '/api/v1/auth/mfa/verify', { mfaToken: await login(), recoveryCode });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invalid_credentials');
  });

  it('limits a session to MFA enrolment when the account requires MFA, and upgrades it once enrolled', async () => {
    // Prepare
    const admin = await signUp(baseUrl);
    const agent = await invite(admin);
    expect((await admin.call('PATCH', '/api/v1/account', { mfaRequired: true })).body.mfaRequired).toBe(true);

    // Act
    const login = await request(baseUrl, 'POST', '/api/v1/auth/login', { email: agent.email, password: agent.password });
    const limited = caller(baseUrl, sessionCookieOf(login.setCookies));

    // Assess
    expect(login.body.status).toBe('mfa_enrolment_required');
    const refused = await limited('GET', '/api/v1/agents');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('mfa_enrolment_required');
    expect((await limited('GET', '/api/v1/auth/me')).body.mfaEnrolmentRequired).toBe(true);
    const { secret } = (await limited('POST', '/api/v1/auth/mfa/setup')).body;
    const enabled = await limited('POST', '/api/v1/auth/mfa/enable', { code: await totp.generate(secret, Date.now()) });
    expect(enabled.status).toBe(200);
    const full = caller(baseUrl, sessionCookieOf(enabled.setCookies));
    expect((await full('GET', '/api/v1/agents')).status).toBe(200);
    const disable = await full('POST', '/api/v1/auth/mfa/disable', { code: await totp.generate(secret, Date.now() + 30_000) });
    expect(disable.status).toBe(409);
    expect(disable.body.error.code).toBe('mfa_required_by_account');
  });
});

describe('logout and revocation', () => {
  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const admin = await signUp(baseUrl);
    const out = await admin.call('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.setCookies[0]).toMatch(/^sb_session=; .*Max-Age=0/);
    expect((await admin.call('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it("disabling an agent ends its sessions and closes its WebSockets", async () => {
    // Prepare: an agent with an open WebSocket
    const admin = await signUp(baseUrl);
    const agent = await invite(admin);
    const ticket = await agent.call('POST', '/api/v1/realtime/ticket', undefined, { origin });
    expect(ticket.status).toBe(201);
    const socket = await connectSocket(`${ticket.body.url}?ticket=${encodeURIComponent(ticket.body.ticket)}`, origin);
    const listed = await admin.call('GET', '/api/v1/agents');
    expect(listed.body.items.find((a: any) => a.id === agent.agent.id)).toMatchObject({ online: true, availability: 'online', disabled: false });

    // Act
    const disabled = await admin.call('PATCH', `/api/v1/agents/${agent.agent.id}`, { disabled: true });

    // Assess
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: agent.agent.id, disabled: true, online: false });
    await socket.waitFor((f) => f.type === 'event' && f.event.type === 'session.revoked');
    expect((await agent.call('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await request(baseUrl, 'POST', '/api/v1/auth/login', { email: agent.email, password: agent.password })).status).toBe(401);
    socket.terminate();
  });
});

describe('team and tenant isolation', () => {
  it("does not let an admin of tenant B change tenant A's agent (404, nothing leaked)", async () => {
    const tenantA = await signUp(baseUrl);
    const agentA = await invite(tenantA);
    const tenantB = await signUp(baseUrl);
    const response = await tenantB.call('PATCH', `/api/v1/agents/${agentA.agent.id}`, { disabled: true });
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain(agentA.email);
    expect((await agentA.call('GET', '/api/v1/auth/me')).status).toBe(200);
    const listB = await tenantB.call('GET', '/api/v1/agents');
    expect(listB.body.items.map((a: any) => a.id)).toEqual([tenantB.agent.id]);
  });

  it('keeps admin routes for admins (403) and invitations single use', async () => {
    const admin = await signUp(baseUrl);
    const details = newSignUpDetails();
    const invited = await admin.call('POST', '/api/v1/agents/invitations', { email: details.email, name: details.name, role: 'agent' });
    expect(invited.body.acceptUrl).toContain(encodeURIComponent(invited.body.token));
    const accept = () => request(baseUrl, 'POST', '/api/v1/auth/invitations/accept', { token: invited.body.token, name: details.name, password: details.password });
    const first = await accept();
    expect(first.status).toBe(201);
    expect(first.body.agent).toMatchObject({ role: 'agent', email: details.email });
    expect((await accept()).status).toBe(400);

    const agent = caller(baseUrl, sessionCookieOf(first.setCookies));
    const forbidden = await agent('PATCH', '/api/v1/account', { autoAssign: false });
    expect(forbidden.status).toBe(403);
    expect((await agent('PUT', '/api/v1/agents/me/availability', { availability: 'away' })).body.availability).toBe('away');
    expect((await agent('GET', '/api/v1/account')).body).toMatchObject({ id: admin.account.id, autoAssign: true, agentCapacity: 10 });
    expect((await admin.call('PATCH', '/api/v1/account', { agentCapacity: 0 })).status).toBe(400);
  });
});
