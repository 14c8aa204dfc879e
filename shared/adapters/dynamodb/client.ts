/**
 * Document client — layer: adapters (DynamoDB).
 *
 * Builds the one DynamoDBDocumentClient every repository shares. With `endpoint` set (the
 * laptop, tests) the client talks to DynamoDB Local with dummy credentials, through the shared
 * helper that points every SDK client at local endpoints; without it, it uses the Lambda role
 * and the regional endpoint.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClientOptions } from '../aws-client-options.js';

/** Where the table is. `tableName` travels with the client settings to the repositories. */
export interface DynamoOptions {
  readonly region: string;
  /** DynamoDB Local's URL, e.g. `http://127.0.0.1:8000`; absent in AWS. */
  readonly endpoint?: string;
  readonly tableName: string;
}

/**
 * Creates the document client. `removeUndefinedValues` lets mappers spread entities whose
 * optional fields are absent; `undefined` is never stored.
 *
 * @example
 * const client = createDocumentClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:8000', tableName: 't' });
 */
export function createDocumentClient(options: Pick<DynamoOptions, 'region' | 'endpoint'>): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoClient(options), { marshallOptions: { removeUndefinedValues: true } });
}

/** Creates the plain DynamoDB client (for table set-up: CreateTable, UpdateTimeToLive). */
export function createDynamoClient(options: Pick<DynamoOptions, 'region' | 'endpoint'>): DynamoDBClient {
  return new DynamoDBClient(awsClientOptions({ region: options.region, local: options.endpoint !== undefined }, options.endpoint));
}
