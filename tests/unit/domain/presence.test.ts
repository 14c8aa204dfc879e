import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../shared/domain/entities.js';
import { isOnlineAfter, presenceChangeOf, presenceDelivery } from '../../../shared/domain/presence.js';
import { newId } from '../../helpers/fixtures.js';

const accountId = newId();
const agentId = newId();

function aConnection(overrides: Partial<Connection> = {}): Connection {
  return { accountId, connectionId: newId(), principal: { kind: 'agent', agentId }, connectedAt: '2026-11-23T10:00:00.000Z', expiresAtEpoch: 2_000, ...overrides };
}

describe('presenceChangeOf', () => {
  it("sees an agent's connection opening and closing", () => {
    // Prepare
    const connection = aConnection();

    // Act
    const opened = presenceChangeOf({ entity: 'Connection', kind: 'INSERT', next: connection });
    const closed = presenceChangeOf({ entity: 'Connection', kind: 'REMOVE', previous: connection });

    // Assess
    expect(opened).toEqual({ accountId, agentId, connection: { connectionId: connection.connectionId, open: true } });
    expect(closed).toEqual({ accountId, agentId, connection: { connectionId: connection.connectionId, open: false } });
  });

  it("ignores visitors' connections", () => {
    const visitor = aConnection({ principal: { kind: 'visitor', contactId: newId(), inboxId: newId() } });

    expect(presenceChangeOf({ entity: 'Connection', kind: 'INSERT', next: visitor })).toBeUndefined();
    expect(presenceChangeOf({ entity: 'Connection', kind: 'REMOVE', previous: visitor })).toBeUndefined();
  });

  it('sees an availability change of an agent, and nothing else of the agent', () => {
    // Prepare
    const before = { accountId, agentId, availability: 'online' as const };

    // Act / Assess
    expect(presenceChangeOf({ entity: 'Agent', kind: 'MODIFY', previous: before, next: { ...before, availability: 'away' } }))
      .toEqual({ accountId, agentId, availability: 'away' });
    expect(presenceChangeOf({ entity: 'Agent', kind: 'MODIFY', previous: before, next: before })).toBeUndefined();
    expect(presenceChangeOf({ entity: 'Agent', kind: 'INSERT', next: before })).toBeUndefined();
  });

  it('has nothing to say about conversations and messages', () => {
    expect(presenceChangeOf({ entity: 'Conversation', kind: 'REMOVE' })).toBeUndefined();
    expect(presenceChangeOf({ entity: 'Message', kind: 'REMOVE' })).toBeUndefined();
  });
});

describe('isOnlineAfter', () => {
  it('is online while another connection remains after one closes', () => {
    const [a, b] = [aConnection(), aConnection()];

    expect(isOnlineAfter([a, b], { accountId, agentId, connection: { connectionId: a.connectionId, open: false } }, 1_000)).toBe(true);
  });

  it('is offline when the closed connection was the last, even if the index still lists it', () => {
    const a = aConnection();

    expect(isOnlineAfter([a], { accountId, agentId, connection: { connectionId: a.connectionId, open: false } }, 1_000)).toBe(false);
  });

  it('is online after a connection opens, even before the index lists it', () => {
    expect(isOnlineAfter([], { accountId, agentId, connection: { connectionId: newId(), open: true } }, 1_000)).toBe(true);
  });

  it('does not count connections past their expiry', () => {
    const expired = aConnection({ expiresAtEpoch: 999 });

    expect(isOnlineAfter([expired], { accountId, agentId, availability: 'away' }, 1_000)).toBe(false);
  });
});

describe('presenceDelivery', () => {
  it('is an agent.presence event with seq 0 on the account topic', () => {
    expect(presenceDelivery(accountId, agentId, true, 'away')).toEqual({
      accountId,
      topic: 'account',
      event: { type: 'agent.presence', seq: 0, agentId, online: true, availability: 'away' },
    });
  });
});
