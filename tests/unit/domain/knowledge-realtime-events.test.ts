// Knowledge sources' realtime events (shared/domain/realtime-events.ts knowledgeSourceDeliveries) — unit specification.
import { describe, expect, it } from 'vitest';
import type { KnowledgeSource } from '../../../shared/domain/knowledge.js';
import { deliveriesFor, knowledgeSourceDeliveries } from '../../../shared/domain/realtime-events.js';

const source: KnowledgeSource = {
  accountId: '01ACCOUNTAAAAAAAAAAAAAAAAA', id: '01SOURCEAAAAAAAAAAAAAAAAAA', kind: 'pdf', title: 'Manual', visibility: 'internal',
  status: 'indexing', chunkCount: 0, version: 3, contentKey: 'accounts/x/knowledge/y/v3', sizeBytes: 2048,
  progress: { done: 32, total: 90 }, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:05:00.000Z',
};

describe('knowledgeSourceDeliveries', () => {
  it('sends the agents’ view of a written source to the account topic, without tenant id or storage key', () => {
    // Act
    const deliveries = knowledgeSourceDeliveries({ entity: 'KnowledgeSource', kind: 'MODIFY', next: source, previous: source });

    // Assess
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ accountId: source.accountId, topic: 'account', event: { type: 'knowledge.source', seq: 0 } });
    expect(deliveries[0]!.event.source).toMatchObject({ id: source.id, status: 'indexing', progress: { done: 32, total: 90 } });
    expect(deliveries[0]!.event.source).not.toHaveProperty('accountId');
    expect(deliveries[0]!.event.source).not.toHaveProperty('contentKey');
  });

  it('tells the account feed a source was deleted', () => {
    const deliveries = knowledgeSourceDeliveries({ entity: 'KnowledgeSource', kind: 'REMOVE', previous: source });

    expect(deliveries).toEqual([{ accountId: source.accountId, topic: 'account', event: { type: 'knowledge.source.deleted', seq: 0, sourceId: source.id } }]);
  });

  it('is not a conversation event', () => {
    expect(deliveriesFor({ entity: 'KnowledgeSource', kind: 'INSERT', next: source })).toEqual([]);
  });
});
