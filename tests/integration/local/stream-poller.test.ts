/**
 * The stream poller plays Lambda's DynamoDB stream event source mapping against the running
 * DynamoDB Local: real stream records in Lambda's format, in order, filtered by entity, with
 * partial batch failures retried from the failed record and a bounded number of retries.
 */
import { CreateTableCommand, DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTableInput } from '../../../shared/adapters/dynamodb/index.js';
import { startStreamPoller, type StreamPoller, type StreamPollerOptions } from '../../../infra/local/stream-poller.js';
import { emulatorClients, eventually, region, uniqueName } from './support.js';

const { dynamodb, streams } = emulatorClients();
const pollers: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});
afterAll(() => {
  dynamodb.destroy();
  streams.destroy();
});

/** A fresh table like the single table (same keys, indexes and stream). */
async function aTable(): Promise<string> {
  const tableName = uniqueName('stream-test');
  await dynamodb.send(new CreateTableCommand(createTableInput(tableName)));
  return tableName;
}

/** Starts a poller that records every delivered batch and answers with `respond`. */
async function poll(tableName: string, respond: (event: DynamoDBStreamEvent) => unknown, options: Partial<StreamPollerOptions> = {}) {
  const batches: DynamoDBRecord[][] = [];
  const poller = await startStreamPoller({
    dynamodb, streams, tableName, region: region(), batchSize: 10, pollIntervalMs: 100, retryDelayMs: 20, log: () => undefined,
    handler: async (event) => {
      batches.push(event.Records);
      return respond(event);
    },
    ...options,
  });
  pollers.push(poller);
  return { batches, poller, delivered: () => batches.flat() };
}

function put(tableName: string, id: string, entity: string, extra: Record<string, unknown> = {}) {
  return dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: `ACC#1#T#${id}` }, sk: { S: 'A' }, entity: { S: entity }, ...extra } as never }));
}

const keyOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S;

describe('stream poller', () => {
  it('delivers INSERT, MODIFY and REMOVE in order with real images in DynamoDB JSON', async () => {
    // Prepare
    const tableName = await aTable();
    const { delivered, poller } = await poll(tableName, () => undefined);

    // Act
    await put(tableName, 'm1', 'Message', { n: { N: '1' }, blob: { B: Buffer.from('hi') }, tags: { L: [{ S: 'a' }, { BOOL: true }] } });
    await dynamodb.send(new UpdateItemCommand({
      TableName: tableName, Key: { pk: { S: 'ACC#1#T#m1' }, sk: { S: 'A' } },
      UpdateExpression: 'SET n = :two', ExpressionAttributeValues: { ':two': { N: '2' } },
    }));
    await dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: 'ACC#1#T#m1' }, sk: { S: 'A' } } }));
    const records = await eventually(() => (delivered().length >= 3 ? delivered() : undefined), 10_000, 'three records');

    // Assess
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(records[0]).toMatchObject({
      eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: region(), eventSourceARN: poller.streamArn,
      dynamodb: {
        Keys: { pk: { S: 'ACC#1#T#m1' }, sk: { S: 'A' } },
        NewImage: { entity: { S: 'Message' }, n: { N: '1' }, blob: { B: Buffer.from('hi').toString('base64') }, tags: { L: [{ S: 'a' }, { BOOL: true }] } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(records[0]?.dynamodb?.OldImage).toBeUndefined();
    expect(records[1]?.dynamodb).toMatchObject({ OldImage: { n: { N: '1' } }, NewImage: { n: { N: '2' } } });
    expect(records[2]?.dynamodb).toMatchObject({ OldImage: { n: { N: '2' } } });
    expect(records[2]?.dynamodb?.NewImage).toBeUndefined();
    const sequences = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));
    expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
    expect(Math.abs((records[0]?.dynamodb?.ApproximateCreationDateTime ?? 0) - Date.now() / 1000)).toBeLessThan(120);
  });

  it('delivers only records whose new or old image is one of the listed entities', async () => {
    // Prepare
    const tableName = await aTable();
    const { delivered, poller } = await poll(tableName, () => undefined, { entities: ['Message'] });

    // Act
    await put(tableName, 'c1', 'Contact');
    await put(tableName, 'm1', 'Message');
    await put(tableName, 'c1', 'Message');
    await put(tableName, 'm1', 'Contact');
    await put(tableName, 'c2', 'Contact');
    await eventually(() => (poller.stats().delivered + poller.stats().filteredOut >= 5 ? true : undefined), 10_000, 'five records read');

    // Assess
    expect(delivered().map((r) => [keyOf(r), r.dynamodb?.OldImage?.entity?.S, r.dynamodb?.NewImage?.entity?.S])).toEqual([
      ['ACC#1#T#m1', undefined, 'Message'],
      ['ACC#1#T#c1', 'Contact', 'Message'],
      ['ACC#1#T#m1', 'Message', 'Contact'],
    ]);
    expect(poller.stats().filteredOut).toBe(2);
  });

  it('retries from the failed record without redelivering the records before it', async () => {
    // Prepare
    const tableName = await aTable();
    let failedOnce = false;
    const { delivered } = await poll(tableName, (event) => {
      const second = event.Records.find((r) => keyOf(r) === 'ACC#1#T#2');
      if (second && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber }] };
      }
      return { batchItemFailures: [] };
    }, { pollIntervalMs: 500 });

    // Act
    await put(tableName, '1', 'Message');
    await put(tableName, '2', 'Message');
    await put(tableName, '3', 'Message');
    await eventually(() => (delivered().filter((r) => keyOf(r) === 'ACC#1#T#3').length > 0 && delivered().filter((r) => keyOf(r) === 'ACC#1#T#2').length === 2 ? true : undefined), 10_000, 'the retry');

    // Assess
    const keys = delivered().map(keyOf);
    expect(keys.filter((k) => k === 'ACC#1#T#1')).toHaveLength(1);
    expect(keys.filter((k) => k === 'ACC#1#T#2')).toHaveLength(2);
    expect(keys.lastIndexOf('ACC#1#T#3')).toBeGreaterThan(keys.lastIndexOf('ACC#1#T#2'));
  });

  it('skips a batch that keeps failing after the retry limit and goes on with the next records', async () => {
    // Prepare
    const tableName = await aTable();
    const { delivered, poller } = await poll(tableName, (event) => {
      if (event.Records.some((r) => keyOf(r) === 'ACC#1#T#poison')) throw new Error('cannot handle this');
      return undefined;
    }, { retryAttempts: 2 });

    // Act
    await put(tableName, 'poison', 'Message');
    await eventually(() => (poller.stats().skipped === 1 ? true : undefined), 10_000, 'the skip');
    await put(tableName, 'after', 'Message');
    await eventually(() => delivered().find((r) => keyOf(r) === 'ACC#1#T#after'), 10_000, 'the next record');

    // Assess
    expect(delivered().filter((r) => keyOf(r) === 'ACC#1#T#poison')).toHaveLength(3);
    expect(poller.stats()).toMatchObject({ retries: 2, skipped: 1 });
  });

  it('does not deliver writes made before it started', async () => {
    const tableName = await aTable();
    await put(tableName, 'before', 'Message');

    const { delivered } = await poll(tableName, () => undefined);
    await put(tableName, 'after', 'Message');
    await eventually(() => delivered()[0], 10_000, 'a record');

    expect(delivered().map(keyOf)).toEqual(['ACC#1#T#after']);
  });
});
