/**
 * What the agents' API shows of agents and accounts — layer: runtime (response shaping).
 *
 * Never the password hash, the TOTP secret or the recovery codes.
 */
import type { Account, Agent } from '../../../domain/entities.js';
import type { AgentPresence } from '../../../services/auth/team.js';
import { availabilityOf } from '../../../services/auth/team.js';

/** The signed-in agent as it sees itself. */
export function selfView(agent: Agent) {
  return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, mfaEnabled: agent.mfa?.enabled === true, availability: availabilityOf(agent) };
}

/** An agent as the team sees it. */
export function agentView({ agent, online }: AgentPresence) {
  return { ...selfView(agent), disabled: agent.disabled, online };
}

/** The account's settings. */
export function accountView(account: Account) {
  return { id: account.id, name: account.name, mfaRequired: account.mfaRequired, autoAssign: account.autoAssign, agentCapacity: account.agentCapacity };
}
