/**
 * The table definition built from infra/manifest.ts (pure).
 */
import { describe, expect, it } from 'vitest';
import { createTableInput, enableTtlInput } from '../../../../shared/adapters/dynamodb/table.js';

describe('createTableInput', () => {
  it('defines the on-demand table with pk/sk, gsi1 and gsi2 projecting everything, and a NEW_AND_OLD_IMAGES stream', () => {
    const input = createTableInput('switchboard-main');

    expect(input).toStrictEqual({
      TableName: 'switchboard-main',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [1, 2].map((n) => ({
        IndexName: `gsi${String(n)}`,
        KeySchema: [{ AttributeName: `gsi${String(n)}pk`, KeyType: 'HASH' }, { AttributeName: `gsi${String(n)}sk`, KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('turns on TTL for the ttl attribute', () => {
    expect(enableTtlInput('t')).toStrictEqual({ TableName: 't', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } });
  });
});
