/**
 * SDK clients for the local emulators — layer: infra (local composition root).
 *
 * The laptop cloud's own plumbing (readiness probes, table and queue creation, the pollers)
 * talks to DynamoDB Local and fauxqs with the production SDK clients, pointed at the local
 * endpoints with dummy credentials (neither emulator checks signatures).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/** Credentials the emulators accept (they never validate them). */
export const dummyCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Where one client connects. */
export interface LocalEndpoint {
  readonly endpoint: string;
  readonly region: string;
  /** 1 for probes that retry on their own; the SDK default (3) otherwise. */
  readonly maxAttempts?: number;
}

function settings({ endpoint, region, maxAttempts }: LocalEndpoint) {
  return { endpoint, region, credentials: dummyCredentials, ...(maxAttempts ? { maxAttempts } : {}) };
}

/** A DynamoDB client for DynamoDB Local. */
export function localDynamoDb(at: LocalEndpoint): DynamoDBClient {
  return new DynamoDBClient(settings(at));
}

/** A DynamoDB Streams client for DynamoDB Local (same endpoint as the table API). */
export function localDynamoDbStreams(at: LocalEndpoint): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient(settings(at));
}

/** An SQS client for fauxqs. The explicit endpoint wins over the `sqs.<region>.localhost` queue URLs. */
export function localSqs(at: LocalEndpoint): SQSClient {
  return new SQSClient(settings(at));
}

/** An S3 client for fauxqs; path-style because `<bucket>.127.0.0.1` does not resolve. */
export function localS3(at: LocalEndpoint): S3Client {
  return new S3Client({ ...settings(at), forcePathStyle: true });
}
