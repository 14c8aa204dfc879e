/**
 * Live presence: applies an `agent.presence` event (pushed on the `account` topic when an agent
 * connects, disconnects or changes availability) to the team list.
 */
import type { AgentView } from '../types.js';

/** The payload of an `agent.presence` event. */
export interface PresenceEvent {
  readonly agentId: string;
  readonly online: boolean;
  readonly availability: AgentView['availability'];
}

/** Reads an event payload as a presence event, or undefined when it is not a well-formed one. */
export function presenceEventOf(event: Readonly<Record<string, unknown>>): PresenceEvent | undefined {
  if (event['type'] !== 'agent.presence') return undefined;
  const { agentId, online, availability } = event;
  if (typeof agentId !== 'string' || typeof online !== 'boolean' || (availability !== 'online' && availability !== 'away')) return undefined;
  return { agentId, online, availability };
}

/**
 * The team list after a presence event; `known: false` when the agent is not in the list yet
 * (a colleague who just accepted an invitation), so the caller refetches the list.
 */
export function applyPresence(agents: readonly AgentView[], event: PresenceEvent): { agents: AgentView[]; known: boolean } {
  let known = false;
  const next = agents.map((agent) => {
    if (agent.id !== event.agentId) return agent;
    known = true;
    return { ...agent, online: event.online, availability: event.availability };
  });
  return { agents: next, known };
}
