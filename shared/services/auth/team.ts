/**
 * The team: agents, their availability, the account's settings — layer: services.
 *
 * `online` means the agent has at least one open WebSocket; auto-assignment picks agents that
 * are `online` by availability AND by connection ({@link makeTeam}'s `listAvailableAgents`).
 * Disabling an agent revokes its sessions and closes its WebSockets at once.
 */
import type { Account, Agent, AgentAvailability, AgentRole } from '../../domain/entities.js';
import type { AccountChanges } from '../../ports/repositories.js';
import type { AuthDeps } from './deps.js';
import { AgentNotFoundError, SelfChangeError } from './errors.js';
import { makeRevokeAccess } from './revoke-access.js';

/** An agent and whether it has an open WebSocket. */
export interface AgentPresence {
  readonly agent: Agent;
  readonly online: boolean;
}

/** The availability of an agent (absent means online). */
export function availabilityOf(agent: Agent): AgentAvailability {
  return agent.availability ?? 'online';
}

/** Creates the team use cases. */
export function makeTeam(deps: Pick<AuthDeps, 'accounts' | 'agents' | 'sessions' | 'connections' | 'publisher'>) {
  const revoke = makeRevokeAccess(deps);

  async function presence(agent: Agent): Promise<AgentPresence> {
    const connections = await deps.connections.listByAgent(agent.accountId, agent.id);
    return { agent, online: connections.length > 0 };
  }

  return {
    async listAgents(accountId: string): Promise<AgentPresence[]> {
      const agents = await deps.agents.list(accountId);
      return Promise.all(agents.map(presence));
    },

    /**
     * Agents auto-assignment may pick: enabled, availability `online`, and with at least one open
     * WebSocket, in a stable order (by id).
     */
    async listAvailableAgents(accountId: string): Promise<Agent[]> {
      const candidates = (await deps.agents.list(accountId)).filter((a) => !a.disabled && availabilityOf(a) === 'online');
      const withPresence = await Promise.all(candidates.map(presence));
      return withPresence.filter((p) => p.online).map((p) => p.agent).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    /** An admin changes an agent's role or disables it; not themself. */
    async updateAgent(input: { readonly accountId: string; readonly actorId: string; readonly agentId: string; readonly role?: AgentRole; readonly disabled?: boolean }): Promise<AgentPresence> {
      const current = await deps.agents.get(input.accountId, input.agentId);
      if (!current) throw new AgentNotFoundError();
      const demotes = input.role !== undefined && input.role !== current.role;
      if (input.agentId === input.actorId && (demotes || input.disabled === true)) throw new SelfChangeError();
      const updated = await deps.agents.update(input.accountId, input.agentId, {
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      });
      if (!updated) throw new AgentNotFoundError();
      if (updated.disabled) await revoke.revokeAgent(input.accountId, input.agentId);
      return presence(updated);
    },

    async setAvailability(accountId: string, agentId: string, availability: AgentAvailability): Promise<AgentPresence> {
      const updated = await deps.agents.update(accountId, agentId, { availability });
      if (!updated) throw new AgentNotFoundError();
      return presence(updated);
    },

    async getAccount(accountId: string): Promise<Account> {
      const account = await deps.accounts.get(accountId);
      if (!account) throw new AgentNotFoundError();
      return account;
    },

    async updateAccount(accountId: string, changes: AccountChanges): Promise<Account> {
      const account = await deps.accounts.update(accountId, changes);
      if (!account) throw new AgentNotFoundError();
      return account;
    },
  };
}
