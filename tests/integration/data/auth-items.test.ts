/**
 * Auth items against DynamoDB Local: AP-30 … AP-34 (sign-in throttling, MFA challenges,
 * invitations, agent updates and MFA compare-and-swap, account settings).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentMfa, Invitation } from '../../../shared/domain/entities.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { anAccount, anAgent, at, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

describe('LoginThrottleRepository', () => {
  it('AP-30: counts concurrent failures with ADD, restarts a stale window, and clears', async () => {
    // Prepare
    const key = `email#${newId().toLowerCase()}@example.test`;
    const throttle = table.repos.loginThrottle;

    // Act
    await Promise.all(Array.from({ length: 5 }, () => throttle.recordFailure(key, at(10), at(0), at(40))));
    const counted = await throttle.get(key, at(0));
    const restarted = await throttle.recordFailure(key, at(30), at(15), at(60));
    const stale = await throttle.get(key, at(31));
    await throttle.clear(key);

    // Assess
    expect(counted).toEqual({ failures: 5, lastFailureAt: at(10) });
    expect(restarted).toEqual({ failures: 1, lastFailureAt: at(30) });
    expect(stale).toBeUndefined();
    expect(await throttle.get(key, at(0))).toBeUndefined();
  });
});

describe('MfaChallengeRepository', () => {
  it('AP-31: gets an unexpired challenge and consumes it once', async () => {
    const accountId = newAccountId();
    const challenge = { accountId, tokenHash: `h${newId()}`, agentId: newId(), expiresAt: at(5) };
    await table.repos.mfaChallenges.create(challenge);

    expect(await table.repos.mfaChallenges.get(accountId, challenge.tokenHash, at(4))).toEqual(challenge);
    expect(await table.repos.mfaChallenges.get(accountId, challenge.tokenHash, at(5))).toBeUndefined();
    expect(await table.repos.mfaChallenges.get(newAccountId(), challenge.tokenHash, at(4))).toBeUndefined();
    const results = await Promise.all([1, 2, 3].map(() => table.repos.mfaChallenges.consume(accountId, challenge.tokenHash)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('InvitationRepository', () => {
  it('AP-32: consumes an unexpired invitation exactly once, and never from another account', async () => {
    const accountId = newAccountId();
    const invitation: Invitation = {
      accountId, id: newId(), tokenHash: `h${newId()}`, email: 'new@acme.test', name: 'New', role: 'agent', invitedBy: newId(), createdAt: at(0), expiresAt: at(60),
    };
    await table.repos.invitations.create(invitation);

    expect(await table.repos.invitations.consume(newAccountId(), invitation.tokenHash, at(1))).toBeUndefined();
    expect(await table.repos.invitations.consume(accountId, invitation.tokenHash, at(60))).toBeUndefined();
    const results = await Promise.all([1, 2].map(() => table.repos.invitations.consume(accountId, invitation.tokenHash, at(1))));
    expect(results.filter(Boolean)).toEqual([invitation]);
  });
});

describe('AgentRepository updates', () => {
  it('AP-33: updates role, disabled and availability, and not an agent of another account', async () => {
    const accountId = newAccountId();
    const agent = anAgent(accountId);
    await table.repos.agents.create(agent);

    const updated = await table.repos.agents.update(accountId, agent.id, { role: 'admin', availability: 'away' });
    const foreign = await table.repos.agents.update(newAccountId(), agent.id, { disabled: true });

    expect(updated).toStrictEqual({ ...agent, role: 'admin', availability: 'away' });
    expect(foreign).toBeUndefined();
    expect((await table.repos.agents.get(accountId, agent.id))?.disabled).toBe(false);
  });

  it('AP-33: swaps the MFA state only from the expected state, so a step or recovery code is spent once', async () => {
    // Prepare
    const accountId = newAccountId();
    const agent = anAgent(accountId);
    await table.repos.agents.create(agent);
    const pending: AgentMfa = { secretCiphertext: 'c1', enabled: false, recoveryCodeHashes: [] };
    const enabled: AgentMfa = { secretCiphertext: 'c1', enabled: true, lastUsedStep: 100, recoveryCodeHashes: ['a', 'b'] };
    const spent: AgentMfa = { ...enabled, lastUsedStep: 101 };

    // Act
    const setUp = await table.repos.agents.replaceMfa(accountId, agent.id, undefined, pending);
    const setUpAgain = await table.repos.agents.replaceMfa(accountId, agent.id, undefined, pending);
    const enable = await table.repos.agents.replaceMfa(accountId, agent.id, pending, enabled);
    const races = await Promise.all([1, 2, 3].map(() => table.repos.agents.replaceMfa(accountId, agent.id, enabled, spent)));
    const stored = await table.repos.agents.get(accountId, agent.id);
    const removed = await table.repos.agents.replaceMfa(accountId, agent.id, spent, undefined);

    // Assess
    expect([setUp, setUpAgain, enable]).toEqual([true, false, true]);
    expect(races.filter(Boolean)).toHaveLength(1);
    expect(stored?.mfa).toStrictEqual(spent);
    expect(removed).toBe(true);
    expect((await table.repos.agents.get(accountId, agent.id))?.mfa).toBeUndefined();
  });
});

describe('AccountRepository updates', () => {
  it('AP-34: updates settings, reads defaults for items written without them, and creates nothing', async () => {
    const accountId = newAccountId();
    const { autoAssign: _a, agentCapacity: _c, ...legacy } = anAccount(accountId);
    await table.repos.accounts.create(legacy as never);

    const before = await table.repos.accounts.get(accountId);
    const updated = await table.repos.accounts.update(accountId, { mfaRequired: true, agentCapacity: 3 });
    const missing = await table.repos.accounts.update(newAccountId(), { name: 'x' });

    expect(before).toMatchObject({ autoAssign: true, agentCapacity: 10 });
    expect(updated).toMatchObject({ id: accountId, mfaRequired: true, autoAssign: true, agentCapacity: 3 });
    expect(missing).toBeUndefined();
  });
});
