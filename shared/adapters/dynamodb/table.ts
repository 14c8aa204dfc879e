/**
 * Table definition — layer: adapters (DynamoDB).
 *
 * The CreateTable and UpdateTimeToLive inputs of the single table, built from the table spec in
 * infra/manifest.ts (plain data), so the laptop cloud and the tests create exactly the table
 * CDK deploys: on-demand, gsi1 and gsi2 projecting all attributes, NEW_AND_OLD_IMAGES stream,
 * TTL on `ttl`.
 */
import {
  CreateTableCommand, DescribeTableCommand, ResourceInUseException, ResourceNotFoundException, UpdateTimeToLiveCommand,
  type CreateTableCommandInput, type DynamoDBClient, type UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import { table } from '../../../infra/manifest.js';
import { TableNotReadyError } from './errors.js';

/** The CreateTable input of the single table named `tableName`. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
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
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
  };
}

/** The UpdateTimeToLive input that turns on TTL for the table's `ttl` attribute. */
export function enableTtlInput(tableName: string): UpdateTimeToLiveCommandInput {
  return { TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute } };
}

/**
 * Creates the table with TTL unless it exists, and waits until it is active. Safe to call from
 * several processes at once: the loser of a concurrent create waits for the winner's table.
 * For the laptop and tests; in AWS, CDK owns the table.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const status = await tableStatus(client, tableName);
  if (status === 'ACTIVE') return;
  if (status === undefined) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      await waitUntilActive(client, tableName);
      await client.send(new UpdateTimeToLiveCommand(enableTtlInput(tableName)));
      return;
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  await waitUntilActive(client, tableName);
}

/** The table's status, or undefined when it does not exist. */
async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    const { Table: description } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return description?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Polls until the table is ACTIVE (DynamoDB Local: at once; AWS: seconds). */
async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await tableStatus(client, tableName)) !== 'ACTIVE') {
    if (Date.now() > deadline) throw new TableNotReadyError(tableName);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
