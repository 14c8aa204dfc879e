import { describe, expect, it } from 'vitest';
import { TooManyAttemptsError, InvalidCredentialsError } from '../../../../shared/services/auth/errors.js';
import { makeLogIn } from '../../../../shared/services/auth/log-in.js';
import { makeSignUp } from '../../../../shared/services/auth/sign-up.js';
import { memoryAuthDeps } from '../../../helpers/in-memory-auth-ports.js';

const email = 'ada@example.com';
const password = 'correct horse';

async function prepared() {
  const deps = memoryAuthDeps();
  const signup = await makeSignUp(deps)({ accountName: 'Acme', name: 'Ada', email, password });
  return { deps, signup, logIn: makeLogIn(deps) };
}

async function failTimes(logIn: ReturnType<typeof makeLogIn>, n: number, ip = '198.51.100.7') {
  for (let i = 0; i < n; i += 1) await expect(logIn({ email, password: 'wrong password', ip })).rejects.toBeInstanceOf(InvalidCredentialsError);
}

describe('logIn', () => {
  it('signs in with the right password, with a new session token each time', async () => {
    const { logIn, signup } = await prepared();
    const first = await logIn({ email: ' ADA@example.com ', password, ip: '198.51.100.7' });
    expect(first).toMatchObject({ status: 'signed_in', agent: { id: signup.agent.id } });
    const second = await logIn({ email, password, ip: '198.51.100.7' });
    expect(second.status === 'signed_in' && first.status === 'signed_in' && second.token !== first.token).toBe(true);
  });

  it('answers a wrong password and an unknown email alike, verifying a hash in both cases', async () => {
    // Prepare
    const { deps, logIn } = await prepared();
    const before = deps.hasher.verifications;

    // Act
    const wrong = await logIn({ email, password: 'nope nope', ip: '1.1.1.1' }).catch((e: Error) => e);
    const unknown = await logIn({ email: 'nobody@example.com', password: 'nope nope', ip: '1.1.1.1' }).catch((e: Error) => e);

    // Assess
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect((wrong as Error).message).toBe((unknown as Error).message);
    expect(deps.hasher.verifications - before).toBe(2);
  });

  it('refuses a disabled agent with the same answer as a wrong password', async () => {
    const { deps, logIn, signup } = await prepared();
    await deps.agents.update(signup.account.id, signup.agent.id, { disabled: true });
    await expect(logIn({ email, password, ip: '1.1.1.1' })).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('delays the sixth attempt after 5 failures, doubling the delay with each failure', async () => {
    // Prepare
    const { deps, logIn } = await prepared();
    await failTimes(logIn, 5);

    // Act / Assess: even the right password waits
    await expect(logIn({ email, password, ip: '198.51.100.7' })).rejects.toMatchObject({ name: 'TooManyAttemptsError', retryAfterSeconds: 1 });
    deps.clock.advance(1000);
    await failTimes(logIn, 1);
    await expect(logIn({ email, password, ip: '198.51.100.7' })).rejects.toMatchObject({ retryAfterSeconds: 2 });
    deps.clock.advance(2000);
    await expect(logIn({ email, password, ip: '198.51.100.7' })).resolves.toMatchObject({ status: 'signed_in' });
  });

  it('locks the email for 15 minutes after 10 failures, then lets the right password in', async () => {
    // Prepare: 10 failures, waiting out each delay
    const { deps, logIn } = await prepared();
    for (let i = 0; i < 10; i += 1) {
      await failTimes(logIn, 1);
      deps.clock.advance(60_000);
    }

    // Act
    const locked = await logIn({ email, password, ip: '198.51.100.7' }).catch((e: Error) => e);

    // Assess
    expect(locked).toBeInstanceOf(TooManyAttemptsError);
    expect((locked as TooManyAttemptsError).retryAfterSeconds).toBe(14 * 60);
    deps.clock.advance(14 * 60_000);
    await expect(logIn({ email, password, ip: '198.51.100.7' })).resolves.toMatchObject({ status: 'signed_in' });
  });

  it('limits failures per IP across emails', async () => {
    const { deps, logIn } = await prepared();
    for (let i = 0; i < 100; i += 1) {
      await expect(logIn({ email: `user${i}@example.com`, password: 'x', ip: '203.0.113.9' })).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
    await expect(logIn({ email, password, ip: '203.0.113.9' })).rejects.toBeInstanceOf(TooManyAttemptsError);
    await expect(logIn({ email, password, ip: '203.0.113.10' })).resolves.toMatchObject({ status: 'signed_in' });
    expect(deps.hasher.verifications).toBeGreaterThan(100);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const { logIn } = await prepared();
    await failTimes(logIn, 4);
    await logIn({ email, password, ip: '198.51.100.7' });
    await failTimes(logIn, 4);
    await expect(logIn({ email, password, ip: '198.51.100.7' })).resolves.toMatchObject({ status: 'signed_in' });
  });

  it('gives a session limited to MFA enrolment when the account requires MFA and the agent has none', async () => {
    const { deps, logIn, signup } = await prepared();
    await deps.accounts.update(signup.account.id, { mfaRequired: true });
    const result = await logIn({ email, password, ip: '198.51.100.7' });
    expect(result.status).toBe('mfa_enrolment_required');
    expect(result.status !== 'mfa_required' && result.session.mfaLimited).toBe(true);
  });
});
