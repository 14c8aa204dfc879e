import { describe, expect, it } from 'vitest';
import { makeAuthenticateSession } from '../../../../shared/services/auth/authenticate-session.js';
import { UnauthenticatedError } from '../../../../shared/services/auth/errors.js';
import { makeSignUp } from '../../../../shared/services/auth/sign-up.js';
import { memoryAuthDeps } from '../../../helpers/in-memory-auth-ports.js';

const minutes = (n: number) => n * 60_000;

async function signedUp() {
  const deps = memoryAuthDeps();
  const result = await makeSignUp(deps)({ accountName: 'Acme', name: 'Ada', email: 'Ada@Example.com', password: 'correct horse' });
  return { deps, result, authenticate: makeAuthenticateSession(deps) };
}

describe('signUp', () => {
  it('creates the account, an admin with a hashed password, a web inbox with a widget token, and a session', async () => {
    // Prepare / Act
    const { deps, result } = await signedUp();

    // Assess
    expect(result.account).toMatchObject({ name: 'Acme', mfaRequired: false, autoAssign: true, agentCapacity: 10 });
    expect(result.agent).toMatchObject({ role: 'admin', email: 'ada@example.com', disabled: false });
    expect(deps.inboxes.all()).toEqual([expect.objectContaining({ accountId: result.account.id, channel: 'web', widgetToken: expect.stringMatching(/^wt_/) })]);
    expect(result.token.startsWith(`${result.account.id}.`)).toBe(true);
    expect(deps.sessions.all().map((s) => s.tokenHash)).toEqual([result.session.tokenHash]);
    expect(result.session.tokenHash).not.toContain(result.token);
  });

  it('refuses an email that already signs in', async () => {
    const { deps } = await signedUp();
    await expect(makeSignUp(deps)({ accountName: 'B', name: 'B', email: 'ada@example.com', password: 'another one' })).rejects.toMatchObject({ name: 'EmailAlreadyRegisteredError' });
  });
});

describe('authenticateSession', () => {
  it('accepts a fresh session and returns its agent', async () => {
    const { result, authenticate } = await signedUp();
    const { agent, session } = await authenticate(result.token);
    expect(agent.id).toBe(result.agent.id);
    expect(session.tokenHash).toBe(result.session.tokenHash);
  });

  it('refuses a missing, malformed or unknown token', async () => {
    const { result, authenticate } = await signedUp();
    await expect(authenticate(undefined)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(authenticate('garbage')).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(authenticate(`${result.account.id}.not-the-secret-of-any-session`)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('expires after 30 idle minutes and deletes the session', async () => {
    // Prepare
    const { deps, result, authenticate } = await signedUp();
    deps.clock.advance(minutes(29));
    await authenticate(result.token);

    // Act: 30 minutes without a request after the last one
    deps.clock.advance(minutes(30));

    // Assess
    await expect(authenticate(result.token)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(deps.sessions.all()).toEqual([]);
  });

  it('expires 8 hours after sign-in however active it is', async () => {
    // Prepare: a request every 20 minutes keeps it from idling
    const { deps, result, authenticate } = await signedUp();
    for (let elapsed = 0; elapsed < minutes(8 * 60 - 20); elapsed += minutes(20)) {
      deps.clock.advance(minutes(20));
      await authenticate(result.token);
    }

    // Act
    deps.clock.advance(minutes(20));

    // Assess
    await expect(authenticate(result.token)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses the session of a disabled agent', async () => {
    const { deps, result, authenticate } = await signedUp();
    await deps.agents.update(result.account.id, result.agent.id, { disabled: true });
    await expect(authenticate(result.token)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('does not find a session under another account', async () => {
    const { result, authenticate } = await signedUp();
    const forged = `01JTEST0000000000000000999.${result.token.split('.')[1]}`;
    await expect(authenticate(forged)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
