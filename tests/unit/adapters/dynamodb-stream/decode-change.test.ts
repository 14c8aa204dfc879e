import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeStreamRecord } from '../../../../shared/adapters/dynamodb-stream/decode-change.js';
import { agentToItem, connectionToItem } from '../../../../shared/adapters/dynamodb/item-mappers.js';
import type { Agent, Connection } from '../../../../shared/domain/entities.js';
import { newId } from '../../../helpers/fixtures.js';

function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', images: { next?: Record<string, unknown>; previous?: Record<string, unknown> }): DynamoDBRecord {
  return {
    eventName,
    dynamodb: {
      ...(images.next ? { NewImage: marshall(images.next, { removeUndefinedValues: true }) as never } : {}),
      ...(images.previous ? { OldImage: marshall(images.previous, { removeUndefinedValues: true }) as never } : {}),
    },
  };
}

const anAgent = (overrides: Partial<Agent> = {}): Agent => ({
  accountId: newId(), id: newId(), email: 'ada@example.com', name: 'Ada', role: 'agent', passwordHash: '$argon2id$v=19$hash',
  disabled: false, createdAt: '2026-11-23T09:00:00.000Z',
  mfa: { secretCiphertext: 'totp-ciphertext', enabled: true, recoveryCodeHashes: ['recovery-hash'] }, ...overrides,
});

describe('decodeStreamRecord, presence', () => {
  it("reduces an agent item to its presence facts: no email, password hash or MFA state", () => {
    // Prepare
    const before = anAgent({ availability: 'online' });
    const after = { ...before, availability: 'away' as const };

    // Act
    const change = decodeStreamRecord(record('MODIFY', { previous: agentToItem(before), next: agentToItem(after) }));

    // Assess
    expect(change).toEqual({
      entity: 'Agent', kind: 'MODIFY',
      previous: { accountId: before.accountId, agentId: before.id, availability: 'online' },
      next: { accountId: before.accountId, agentId: before.id, availability: 'away' },
    });
  });

  it('reads an absent availability as online', () => {
    const agent = anAgent();

    const change = decodeStreamRecord(record('INSERT', { next: agentToItem(agent) }));

    expect(change).toMatchObject({ entity: 'Agent', next: { availability: 'online' } });
  });

  it('decodes a removed connection from its old image', () => {
    // Prepare
    const connection: Connection = {
      accountId: newId(), connectionId: 'L0SM9cOFvHcCIhw=', principal: { kind: 'agent', agentId: newId() },
      connectedAt: '2026-11-23T10:00:00.000Z', expiresAtEpoch: 1_800_000_000,
    };

    // Act
    const change = decodeStreamRecord(record('REMOVE', { previous: connectionToItem(connection) }));

    // Assess
    expect(change).toEqual({ entity: 'Connection', kind: 'REMOVE', previous: connection });
  });
});
