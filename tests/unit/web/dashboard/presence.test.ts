import { describe, expect, it } from 'vitest';
import { applyPresence, presenceEventOf } from '../../../../web/dashboard/src/lib/presence.js';
import type { AgentView } from '../../../../web/dashboard/src/types.js';

const agent = (id: string, online: boolean): AgentView =>
  ({ id, name: `Agent ${id}`, email: `${id}@example.com`, role: 'agent', disabled: false, mfaEnabled: false, availability: 'online', online }) as AgentView;

describe('presenceEventOf', () => {
  it('reads a well-formed agent.presence event and ignores anything else', () => {
    expect(presenceEventOf({ type: 'agent.presence', seq: 0, agentId: 'a', online: true, availability: 'away' })).toEqual({ agentId: 'a', online: true, availability: 'away' });
    expect(presenceEventOf({ type: 'conversation.updated', seq: 3 })).toBeUndefined();
    expect(presenceEventOf({ type: 'agent.presence', seq: 0, agentId: 'a', online: 'yes', availability: 'online' })).toBeUndefined();
    expect(presenceEventOf({ type: 'agent.presence', seq: 0, agentId: 'a', online: true, availability: 'busy' })).toBeUndefined();
  });
});

describe('applyPresence', () => {
  it('updates the agent the event names and leaves the others alone', () => {
    const team = [agent('a', false), agent('b', true)];

    const { agents, known } = applyPresence(team, { agentId: 'a', online: true, availability: 'away' });

    expect(known).toBe(true);
    expect(agents[0]).toMatchObject({ id: 'a', online: true, availability: 'away' });
    expect(agents[1]).toBe(team[1]);
  });

  it('says when the agent is not in the list yet, so the list is refetched', () => {
    expect(applyPresence([agent('a', true)], { agentId: 'new', online: true, availability: 'online' }).known).toBe(false);
  });
});
