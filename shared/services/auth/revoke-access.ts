/**
 * Revoke an agent's access — layer: services.
 *
 * Primary course:
 *  1. Delete the sessions (all of the agent's, or the one being signed out).
 *  2. For each of the agent's open WebSockets: tell the client (`session.revoked` on its
 *     `agent:<id>` topic), close the socket, forget the connection — so `online` is false at once.
 * A socket already gone is not an error; the same for a session already deleted.
 */
import type { ConnectionRepository, SessionRepository } from '../../ports/repositories.js';
import type { RealtimePublisher } from '../../ports/realtime.js';

/** Dependencies of {@link makeRevokeAccess}. */
export type RevokeAccessDeps = {
  readonly sessions: SessionRepository;
  readonly connections: ConnectionRepository;
  readonly publisher: RealtimePublisher;
};

/** Closes every WebSocket of an agent, telling it why first. */
export async function closeAgentSockets(deps: RevokeAccessDeps, accountId: string, agentId: string): Promise<void> {
  const connections = await deps.connections.listByAgent(accountId, agentId);
  await Promise.all(connections.map(async ({ connectionId }) => {
    const frame = { type: 'event', topic: `agent:${agentId}`, event: { type: 'session.revoked', seq: 0 } } as const;
    const sent = await deps.publisher.send(connectionId, frame);
    if (sent === 'sent') await deps.publisher.disconnect(connectionId);
    await deps.connections.delete(accountId, connectionId);
  }));
}

/** Creates the use cases that sign an agent out: one session (logout) or all (disable). */
export function makeRevokeAccess(deps: RevokeAccessDeps) {
  return {
    /** Logout: deletes this session and closes the agent's WebSockets. */
    async logOut(input: { readonly accountId: string; readonly agentId: string; readonly sessionTokenHash: string }): Promise<void> {
      await deps.sessions.delete(input.accountId, input.sessionTokenHash);
      await closeAgentSockets(deps, input.accountId, input.agentId);
    },

    /** Deletes every session of the agent and closes its WebSockets. */
    async revokeAgent(accountId: string, agentId: string): Promise<void> {
      const sessions = await deps.sessions.listByAgent(accountId, agentId);
      await Promise.all(sessions.map((s) => deps.sessions.delete(accountId, s.tokenHash)));
      await closeAgentSockets(deps, accountId, agentId);
    },
  };
}
