/**
 * The stateful stack, synthesized as `npm run synth` does (bundling skipped): the table, the
 * queues, the attachments bucket, the secrets and the search resource in both modes.
 */
import { rmSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerSecretFields } from '../../infra/constructs/secrets.js';
import { functions, queues, table, type QueueId } from '../../infra/manifest.js';
import { hookTimeout, resourcesOf, synthesizeSwitchboard, type Synthesized } from './synth.js';

const prefix = 'switchboard';
const queueIds = Object.keys(queues) as QueueId[];

/** The longest timeout among the manifest functions that consume a queue. */
function longestConsumerTimeout(queueId: QueueId): number | undefined {
  const timeouts = functions
    .filter((spec) => spec.trigger.kind === 'queue' && spec.trigger.queue === queueId)
    .map((spec) => spec.timeoutSeconds);
  return timeouts.length > 0 ? Math.max(...timeouts) : undefined;
}

describe('stateful stack', () => {
  let synth: Synthesized;

  beforeAll(() => {
    // Prepare
    synth = synthesizeSwitchboard({ cloudFormationRules: false });
  }, hookTimeout);

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  describe('the table', () => {
    it('has the manifest keys, every GSI with all attributes, the TTL attribute and a NEW_AND_OLD_IMAGES stream', () => {
      // Act
      const template = synth.statefulTemplate;

      // Assess
      template.resourceCountIs('AWS::DynamoDB::Table', 1);
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: `${prefix}-${table.name}`,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
        StreamSpecification: { StreamViewType: table.stream },
      });
    });

    it('keeps point-in-time recovery and deletion protection on, and is retained when the stack is deleted', () => {
      // Act
      const tables = Object.values(resourcesOf(synth.statefulTemplate, 'AWS::DynamoDB::Table'));

      // Assess
      expect(tables).toHaveLength(1);
      expect(tables[0]).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        },
      });
    });
  });

  describe('the queues', () => {
    for (const queueId of queueIds) {
      const spec = queues[queueId];
      const suffix = spec.fifo ? '.fifo' : '';

      it(`${queueId}: redrives to its own dead-letter queue after at least 5 receives`, () => {
        // Act
        const all = resourcesOf(synth.statefulTemplate, 'AWS::SQS::Queue');
        const [queueId_, queue] = Object.entries(all).find(([, q]) => q.Properties?.['QueueName'] === `${prefix}-${spec.name}${suffix}`) ?? [];
        const dlqEntry = Object.entries(all).find(([, q]) => q.Properties?.['QueueName'] === `${prefix}-${spec.name}-dlq${suffix}`);

        // Assess
        expect(queueId_).toBeDefined();
        expect(dlqEntry).toBeDefined();
        const redrive = queue?.Properties?.['RedrivePolicy'] as { maxReceiveCount: number; deadLetterTargetArn: unknown };
        expect(redrive.maxReceiveCount).toBe(spec.maxReceiveCount);
        expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(5);
        expect(redrive.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqEntry![0], 'Arn'] });
      });

      it(`${queueId}: has the manifest visibility timeout, at least 6 × its consumer's timeout`, () => {
        // Prepare
        const consumerTimeout = longestConsumerTimeout(queueId);

        // Act / Assess
        synth.statefulTemplate.hasResourceProperties('AWS::SQS::Queue', {
          QueueName: `${prefix}-${spec.name}${suffix}`,
          VisibilityTimeout: spec.visibilityTimeoutSeconds,
          MessageRetentionPeriod: spec.retentionDays * 24 * 3600,
        });
        if (consumerTimeout !== undefined) expect(spec.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * consumerTimeout);
      });

      it(`${queueId}: ${spec.fifo ? 'is FIFO with a FIFO DLQ and content-based deduplication off' : 'is a standard queue with a standard DLQ'}`, () => {
        // Act / Assess
        for (const name of [`${prefix}-${spec.name}${suffix}`, `${prefix}-${spec.name}-dlq${suffix}`]) {
          synth.statefulTemplate.hasResourceProperties('AWS::SQS::Queue', {
            QueueName: name,
            FifoQueue: spec.fifo ? true : Match.absent(),
            ContentBasedDeduplication: spec.fifo ? false : Match.absent(),
            SqsManagedSseEnabled: true,
          });
        }
      });
    }

    it('denies every queue request that is not over TLS', () => {
      // Act
      const queueCount = Object.keys(resourcesOf(synth.statefulTemplate, 'AWS::SQS::Queue')).length;
      const policies = Object.values(resourcesOf(synth.statefulTemplate, 'AWS::SQS::QueuePolicy'));

      // Assess
      expect(queueCount).toBe(queueIds.length * 2);
      expect(policies).toHaveLength(queueCount);
      for (const policy of policies) {
        expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
      }
    });

    it('retains every queue when the stack is deleted', () => {
      // Act
      const all = Object.values(resourcesOf(synth.statefulTemplate, 'AWS::SQS::Queue'));

      // Assess
      expect(all.every((queue) => queue.DeletionPolicy === 'Retain')).toBe(true);
    });
  });

  describe('the attachments bucket', () => {
    it('is private, encrypted, versioned, TLS-only, logged, and retained', () => {
      // Act
      const buckets = resourcesOf(synth.statefulTemplate, 'AWS::S3::Bucket');
      const [logsId] = Object.entries(buckets).find(([id]) => id.includes('AccessLogs')) ?? [];
      const attachments = Object.entries(buckets).find(([id]) => !id.includes('AccessLogs'))?.[1];

      // Assess
      expect(logsId).toBeDefined();
      expect(attachments).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: { DestinationBucketName: { Ref: logsId } },
        },
      });
      for (const bucket of Object.values(buckets)) expect(bucket.DeletionPolicy).toBe('Retain');
      const policies = Object.values(resourcesOf(synth.statefulTemplate, 'AWS::S3::BucketPolicy'));
      expect(policies).toHaveLength(2);
      for (const policy of policies) expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
    });

    it('aborts incomplete multipart uploads and allows presigned browser uploads from the allowed origins', () => {
      // Act / Assess
      synth.statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' })]),
        },
        CorsConfiguration: {
          CorsRules: [
            Match.objectLike({
              AllowedOrigins: synth.settings.allowedOrigins,
              AllowedMethods: Match.arrayWith(['PUT', 'GET']),
              ExposedHeaders: ['ETag'],
            }),
          ],
        },
      });
    });
  });

  describe('the secrets', () => {
    it('holds one retained secret per provider, with its fields, and a generated app secret', () => {
      // Act
      const secrets = Object.values(resourcesOf(synth.statefulTemplate, 'AWS::SecretsManager::Secret'));
      const byName = new Map(secrets.map((secret) => [secret.Properties?.['Name'], secret]));

      // Assess
      expect(secrets).toHaveLength(Object.keys(providerSecretFields).length + 1);
      for (const [provider, fields] of Object.entries(providerSecretFields)) {
        const secret = byName.get(`${prefix}/providers/${provider}`);
        expect(secret?.DeletionPolicy).toBe('Retain');
        expect(Object.keys(JSON.parse(String(secret?.Properties?.['SecretString'])))).toEqual(fields);
      }
      const app = byName.get(`${prefix}/app`);
      expect(app?.DeletionPolicy).toBe('Retain');
      expect(app?.Properties?.['GenerateSecretString']).toMatchObject({ GenerateStringKey: 'signingKey', PasswordLength: 64 });
    });
  });

  describe('the search resource (searchMode=serverless, the default)', () => {
    it('is a retained VECTORSEARCH collection with an encryption and a network policy', () => {
      // Act
      const template = synth.statefulTemplate;

      // Assess
      template.hasResource('AWS::OpenSearchServerless::Collection', {
        DeletionPolicy: 'Retain',
        Properties: { Name: `${prefix}-search`, Type: 'VECTORSEARCH' },
        DependsOn: Match.arrayWith([Match.stringLikeRegexp('EncryptionPolicy')]),
      });
      template.hasResourceProperties('AWS::OpenSearchServerless::SecurityPolicy', {
        Type: 'encryption',
        Policy: Match.serializedJson(Match.objectLike({ AWSOwnedKey: true })),
      });
      template.hasResourceProperties('AWS::OpenSearchServerless::SecurityPolicy', { Type: 'network' });
      template.resourceCountIs('AWS::OpenSearchService::Domain', 0);
    });
  });

  it('outputs the table name', () => {
    // Act / Assess
    synth.statefulTemplate.hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('^Table') } });
  });
});

describe('stateful stack with searchMode=domain', () => {
  let synth: Synthesized;

  beforeAll(() => {
    // Prepare
    synth = synthesizeSwitchboard({ context: { searchMode: 'domain' }, cloudFormationRules: false });
  }, hookTimeout);

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  it('creates an encrypted, HTTPS-only, zone-aware domain with slow logs, and no collection', () => {
    // Act
    const template = synth.statefulTemplate;

    // Assess
    template.resourceCountIs('AWS::OpenSearchServerless::Collection', 0);
    template.hasResource('AWS::OpenSearchService::Domain', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        DomainName: `${prefix}-search`,
        EncryptionAtRestOptions: { Enabled: true },
        NodeToNodeEncryptionOptions: { Enabled: true },
        DomainEndpointOptions: Match.objectLike({ EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' }),
        ClusterConfig: Match.objectLike({ ZoneAwarenessEnabled: true }),
        LogPublishingOptions: Match.objectLike({
          SEARCH_SLOW_LOGS: Match.objectLike({ Enabled: true }),
          INDEX_SLOW_LOGS: Match.objectLike({ Enabled: true }),
        }),
      }),
    });
  });

  it('lets only IAM principals of the account in (no anonymous principal)', () => {
    // Act
    const domain = Object.values(resourcesOf(synth.statefulTemplate, 'AWS::OpenSearchService::Domain'))[0];
    const statements = (domain?.Properties?.['AccessPolicies'] as { Statement: { Principal: unknown }[] }).Statement;

    // Assess
    expect(statements).toHaveLength(1);
    expect(JSON.stringify(statements[0]?.Principal)).not.toContain('"*"');
    expect(JSON.stringify(statements[0]?.Principal)).toContain(':root');
  });
});
