import { describe, expect, it } from 'vitest';
import { CodeReusedError, InvalidCredentialsError, MfaRequiredByAccountError, TooManyAttemptsError } from '../../../../shared/services/auth/errors.js';
import { makeLogIn } from '../../../../shared/services/auth/log-in.js';
import { makeMfa } from '../../../../shared/services/auth/mfa.js';
import { makeSignUp } from '../../../../shared/services/auth/sign-up.js';
import { memoryAuthDeps } from '../../../helpers/in-memory-auth-ports.js';

const email = 'ada@example.com';
const password = 'correct horse';
const ip = '198.51.100.7';

/** An agent with MFA enabled, 30 s after enabling it. */
async function withMfa() {
  const deps = memoryAuthDeps();
  const signup = await makeSignUp(deps)({ accountName: 'Acme', name: 'Ada', email, password });
  const mfa = makeMfa(deps);
  const logIn = makeLogIn(deps);
  const actor = { accountId: signup.account.id, agentId: signup.agent.id, sessionTokenHash: signup.session.tokenHash };
  const { secret, otpauthUrl } = await mfa.setUp(actor);
  const enabled = await mfa.enable(actor, await deps.totp.generate(secret, deps.clock.nowMs()));
  deps.clock.advance(30_000);
  const code = () => deps.totp.generate(secret, deps.clock.nowMs());
  const mfaToken = async () => {
    const result = await logIn({ email, password, ip });
    if (result.status !== 'mfa_required') throw new Error(`expected mfa_required, got ${result.status}`);
    return result.mfaToken;
  };
  return { deps, signup, mfa, logIn, actor, secret, otpauthUrl, enabled, code, mfaToken };
}

describe('MFA set-up', () => {
  it('stores the secret encrypted and enables MFA with a code, returning 10 recovery codes and a new session', async () => {
    // Prepare / Act
    const { deps, signup, secret, otpauthUrl, enabled } = await withMfa();

    // Assess
    const agent = await deps.agents.get(signup.account.id, signup.agent.id);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(agent?.mfa?.enabled).toBe(true);
    expect(agent?.mfa?.secretCiphertext).not.toContain(secret);
    expect(enabled.recoveryCodes).toHaveLength(10);
    expect(new Set(enabled.recoveryCodes).size).toBe(10);
    expect(agent?.mfa?.recoveryCodeHashes.some((h) => enabled.recoveryCodes.includes(h))).toBe(false);
    expect(await deps.sessions.get(signup.account.id, signup.session.tokenHash)).toBeUndefined();
    expect(enabled.token).not.toBe(signup.token);
  });

  it('refuses to enable with a wrong code', async () => {
    const deps = memoryAuthDeps();
    const signup = await makeSignUp(deps)({ accountName: 'Acme', name: 'Ada', email, password });
    const mfa = makeMfa(deps);
    const actor = { accountId: signup.account.id, agentId: signup.agent.id, sessionTokenHash: signup.session.tokenHash };
    await mfa.setUp(actor);
    await expect(mfa.enable(actor, '000000')).rejects.toBeInstanceOf(InvalidCredentialsError);
  });
});

describe('MFA sign-in', () => {
  it('asks for a second step, then signs in with a current code', async () => {
    const { mfa, mfaToken, code, signup } = await withMfa();
    const result = await mfa.verify({ mfaToken: await mfaToken(), code: await code() });
    expect(result.agent.id).toBe(signup.agent.id);
    expect(result.session.mfaLimited).toBeUndefined();
  });

  it('accepts a code one step old or one step ahead', async () => {
    const { deps, mfa, mfaToken, secret } = await withMfa();
    deps.clock.advance(60_000);
    const previous = await deps.totp.generate(secret, deps.clock.nowMs() - 30_000);
    await expect(mfa.verify({ mfaToken: await mfaToken(), code: previous })).resolves.toBeDefined();
    const next = await deps.totp.generate(secret, deps.clock.nowMs() + 30_000);
    await expect(mfa.verify({ mfaToken: await mfaToken(), code: next })).resolves.toBeDefined();
  });

  it('refuses a code whose time step was already used (replay), with code_reused', async () => {
    // Prepare
    const { mfa, mfaToken, code } = await withMfa();
    const used = await code();
    await mfa.verify({ mfaToken: await mfaToken(), code: used });

    // Act
    const replay = await mfa.verify({ mfaToken: await mfaToken(), code: used }).catch((e: Error) => e);

    // Assess
    expect(replay).toBeInstanceOf(CodeReusedError);
  });

  it('refuses an older step after a newer one was used', async () => {
    const { deps, mfa, mfaToken, secret } = await withMfa();
    const now = deps.clock.nowMs();
    await mfa.verify({ mfaToken: await mfaToken(), code: await deps.totp.generate(secret, now + 30_000) });
    await expect(mfa.verify({ mfaToken: await mfaToken(), code: await deps.totp.generate(secret, now) })).rejects.toBeInstanceOf(CodeReusedError);
  });

  it('uses an mfaToken once', async () => {
    const { deps, mfa, mfaToken, code } = await withMfa();
    const token = await mfaToken();
    await mfa.verify({ mfaToken: token, code: await code() });
    deps.clock.advance(30_000);
    await expect(mfa.verify({ mfaToken: token, code: await code() })).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('expires an mfaToken after 5 minutes', async () => {
    const { deps, mfa, mfaToken, code } = await withMfa();
    const token = await mfaToken();
    deps.clock.advance(5 * 60_000);
    await expect(mfa.verify({ mfaToken: token, code: await code() })).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('accepts each recovery code once', async () => {
    const { mfa, mfaToken, enabled } = await withMfa();
    const recoveryCode = enabled.recoveryCodes[3]!;
    await expect(mfa.verify({ mfaToken: await mfaToken(), recoveryCode: recoveryCode.toUpperCase() })).resolves.toBeDefined();
    await expect(mfa.verify({ mfaToken: await mfaToken(), recoveryCode })).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(mfa.verify({ mfaToken: await mfaToken(), recoveryCode: enabled.recoveryCodes[4]! })).resolves.toBeDefined();
  });

  it('counts wrong codes toward the sign-in limits', async () => {
    // Prepare
    const { mfa, mfaToken, code } = await withMfa();
    const token = await mfaToken();
    for (let i = 0; i < 5; i += 1) await expect(mfa.verify({ mfaToken: token, code: '000000' })).rejects.toBeInstanceOf(InvalidCredentialsError);

    // Act / Assess: the next attempt must wait, even with a good code
    await expect(mfa.verify({ mfaToken: token, code: await code() })).rejects.toBeInstanceOf(TooManyAttemptsError);
  });
});

describe('MFA disable', () => {
  it('turns MFA off with a current code', async () => {
    const { deps, mfa, actor, code, logIn } = await withMfa();
    await mfa.disable(actor, await code());
    expect((await deps.agents.get(actor.accountId, actor.agentId))?.mfa).toBeUndefined();
    await expect(logIn({ email, password, ip })).resolves.toMatchObject({ status: 'signed_in' });
  });

  it('is refused while the account requires MFA', async () => {
    const { deps, mfa, actor, code } = await withMfa();
    await deps.accounts.update(actor.accountId, { mfaRequired: true });
    await expect(mfa.disable(actor, await code())).rejects.toBeInstanceOf(MfaRequiredByAccountError);
  });
});
