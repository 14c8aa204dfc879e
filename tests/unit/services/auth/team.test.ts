import { describe, expect, it } from 'vitest';
import { AgentNotFoundError, InvitationInvalidError, SelfChangeError } from '../../../../shared/services/auth/errors.js';
import { makeInvitations } from '../../../../shared/services/auth/invitations.js';
import { makeRevokeAccess } from '../../../../shared/services/auth/revoke-access.js';
import { makeSignUp } from '../../../../shared/services/auth/sign-up.js';
import { makeTeam } from '../../../../shared/services/auth/team.js';
import { memoryAuthDeps } from '../../../helpers/in-memory-auth-ports.js';

async function prepared() {
  const deps = memoryAuthDeps();
  const admin = await makeSignUp(deps)({ accountName: 'Acme', name: 'Ada', email: 'ada@example.com', password: 'correct horse' });
  const invitations = makeInvitations(deps);
  const invited = await invitations.invite({ accountId: admin.account.id, invitedBy: admin.agent.id, email: 'Bob@Example.com', name: 'Bob', role: 'agent' });
  const bob = await invitations.accept({ token: invited.token, name: 'Bob B.', password: 'bobs password' });
  const connect = (agentId: string, connectionId: string) =>
    deps.connections.put({ accountId: admin.account.id, connectionId, principal: { kind: 'agent', agentId }, connectedAt: deps.clock.nowIso(), expiresAtEpoch: 9e9 });
  return { deps, admin, bob, invitations, invited, team: makeTeam(deps), connect };
}

describe('invitations', () => {
  it('creates the invited agent with the invited email and role, signed in', async () => {
    const { bob, admin } = await prepared();
    expect(bob.agent).toMatchObject({ accountId: admin.account.id, email: 'bob@example.com', name: 'Bob B.', role: 'agent' });
    expect(bob.session.agentId).toBe(bob.agent.id);
  });

  it('can be accepted only once', async () => {
    const { invitations, invited } = await prepared();
    await expect(invitations.accept({ token: invited.token, name: 'Eve', password: 'eves password' })).rejects.toBeInstanceOf(InvitationInvalidError);
  });

  it('expires after 7 days', async () => {
    const { deps, invitations, admin } = await prepared();
    const late = await invitations.invite({ accountId: admin.account.id, invitedBy: admin.agent.id, email: 'carol@example.com', name: 'Carol', role: 'admin' });
    deps.clock.advance(7 * 24 * 60 * 60_000);
    await expect(invitations.accept({ token: late.token, name: 'Carol', password: 'carols password' })).rejects.toBeInstanceOf(InvitationInvalidError);
  });
});

describe('team', () => {
  it('lists agents with whether they have an open WebSocket', async () => {
    const { team, admin, bob, connect } = await prepared();
    await connect(bob.agent.id, 'c-bob');
    const list = await team.listAgents(admin.account.id);
    expect(list.map((p) => [p.agent.name, p.online]).sort()).toEqual([['Ada', false], ['Bob B.', true]]);
  });

  it('lists as available only enabled agents that are online by availability and by connection', async () => {
    // Prepare
    const { deps, team, admin, bob, connect } = await prepared();
    await connect(bob.agent.id, 'c-bob');
    await connect(admin.agent.id, 'c-ada');
    await team.setAvailability(admin.account.id, admin.agent.id, 'away');

    // Act
    const available = await team.listAvailableAgents(admin.account.id);

    // Assess
    expect(available.map((a) => a.id)).toEqual([bob.agent.id]);
    await deps.connections.delete(admin.account.id, 'c-bob');
    expect(await team.listAvailableAgents(admin.account.id)).toEqual([]);
  });

  it("disabling an agent deletes its sessions and closes its WebSockets after telling them", async () => {
    // Prepare
    const { deps, team, admin, bob, connect } = await prepared();
    await connect(bob.agent.id, 'c-bob');

    // Act
    const result = await team.updateAgent({ accountId: admin.account.id, actorId: admin.agent.id, agentId: bob.agent.id, disabled: true });

    // Assess
    expect(result).toMatchObject({ agent: { disabled: true }, online: false });
    expect(await deps.sessions.listByAgent(admin.account.id, bob.agent.id)).toEqual([]);
    expect(deps.publisher.sent).toEqual([{ connectionId: 'c-bob', frame: { type: 'event', topic: `agent:${bob.agent.id}`, event: { type: 'session.revoked', seq: 0 } } }]);
    expect(await deps.connections.listByAgent(admin.account.id, bob.agent.id)).toEqual([]);
  });

  it('refuses an agent of another account as not found', async () => {
    const { deps, team, bob } = await prepared();
    const other = await makeSignUp(deps)({ accountName: 'Other', name: 'Olga', email: 'olga@example.com', password: 'olgas password' });
    await expect(team.updateAgent({ accountId: other.account.id, actorId: other.agent.id, agentId: bob.agent.id, role: 'admin' })).rejects.toBeInstanceOf(AgentNotFoundError);
  });

  it('does not let an admin demote or disable themself', async () => {
    const { team, admin } = await prepared();
    await expect(team.updateAgent({ accountId: admin.account.id, actorId: admin.agent.id, agentId: admin.agent.id, role: 'agent' })).rejects.toBeInstanceOf(SelfChangeError);
    await expect(team.updateAgent({ accountId: admin.account.id, actorId: admin.agent.id, agentId: admin.agent.id, disabled: true })).rejects.toBeInstanceOf(SelfChangeError);
  });

  it('logout deletes only that session and closes the agent\'s WebSockets', async () => {
    const { deps, admin, bob, connect } = await prepared();
    await connect(bob.agent.id, 'c-bob');
    await makeRevokeAccess(deps).logOut({ accountId: admin.account.id, agentId: bob.agent.id, sessionTokenHash: bob.session.tokenHash });
    expect(await deps.sessions.get(admin.account.id, bob.session.tokenHash)).toBeUndefined();
    expect(await deps.sessions.get(admin.account.id, admin.session.tokenHash)).toBeDefined();
    expect(await deps.connections.listByAgent(admin.account.id, bob.agent.id)).toEqual([]);
  });
});
