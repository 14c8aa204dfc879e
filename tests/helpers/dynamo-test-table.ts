/**
 * The DynamoDB test table — test helper for the data-layer integration tests.
 *
 * Connects to the DynamoDB Local that the integration global setup started, using the
 * environment it exported (tests/helpers/integration-env.ts): SWITCHBOARD_DYNAMODB_ENDPOINT,
 * SWITCHBOARD_TABLE_NAME and AWS_REGION. Creates the table if it is not there yet (idempotent),
 * so the data tests also run against a DynamoDB Local started by hand. Tests isolate themselves
 * with a fresh account id (a ULID) each, never by clearing the table.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import {
  createDocumentClient, createDynamoClient, ensureTable, makeDynamoRepositories, type Repositories,
} from '../../shared/adapters/dynamodb/index.js';

/** A connected test table. */
export interface DynamoTestTable {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Where the table is, to build another client (for example one that records capacity). */
  readonly options: { readonly region: string; readonly endpoint: string; readonly tableName: string };
  readonly repos: Repositories;
  /** Reads the raw item at a key (to check what is stored, keys included). */
  rawItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration project (its global setup starts DynamoDB Local) or export it`);
  return value;
}

let table: Promise<DynamoTestTable> | undefined;

/** The test table, connected once per test file. */
export function dynamoTestTable(): Promise<DynamoTestTable> {
  table ??= connect();
  return table;
}

async function connect(): Promise<DynamoTestTable> {
  const options = {
    region: required('AWS_REGION'),
    endpoint: required('SWITCHBOARD_DYNAMODB_ENDPOINT'),
    tableName: required('SWITCHBOARD_TABLE_NAME'),
  };
  await ensureTable(createDynamoClient(options), options.tableName);
  const client = createDocumentClient(options);
  return {
    client,
    tableName: options.tableName,
    options,
    repos: makeDynamoRepositories(client, options.tableName),
    async rawItem(key) {
      const { Item: item } = await client.send(new GetCommand({ TableName: options.tableName, Key: key, ConsistentRead: true }));
      return item;
    },
  };
}

/** A fresh account id: each test works in its own tenant, so tests never see each other's data. */
export const newAccountId = (): string => ulid();
