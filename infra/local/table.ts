/**
 * The single table — layer: infra (local composition root).
 *
 * Creates the table in DynamoDB Local when it is absent (a persistent data directory keeps it
 * between runs), with the data layer's own CreateTable and UpdateTimeToLive inputs (built from
 * `infra/manifest.ts`), so the laptop's table is the one CDK deploys: pk/sk, gsi1/gsi2 with all
 * attributes, the NEW_AND_OLD_IMAGES stream the stream poller reads, TTL on `ttl`.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, enableTtlInput } from '../../shared/adapters/dynamodb/index.js';

/** What {@link ensureTable} did. */
export interface EnsuredTable {
  readonly tableName: string;
  readonly created: boolean;
  readonly streamArn: string;
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Creates the table (if absent) and enables TTL (if not yet enabled); returns its stream ARN.
 * DynamoDB Local creates tables ACTIVE at once, so there is nothing to wait for.
 *
 * @example
 * const { streamArn, created } = await ensureTable(dynamodb, 'switchboard-main');
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<EnsuredTable> {
  let description = await describe(client, tableName);
  const created = description === undefined;
  if (!description) {
    description = (await client.send(new CreateTableCommand(createTableInput(tableName)))).TableDescription;
  }
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(new UpdateTimeToLiveCommand(enableTtlInput(tableName)));
  }
  const streamArn = description?.LatestStreamArn;
  if (!streamArn) {
    throw new Error(`Table ${tableName} has no stream; delete the local data (rm -rf .data) so it is re-created from infra/manifest.ts`);
  }
  return { tableName, created, streamArn };
}
