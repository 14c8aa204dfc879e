import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startCapacityProxy, type CapacityProxy } from '../../../bench/capacity-proxy.js';

/** A stand-in DynamoDB endpoint: records the bodies it receives, answers with fixed capacity. */
async function fakeDynamo(answer: (operation: string) => unknown): Promise<{ url: string; bodies: Record<string, unknown>[]; server: Server }> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      const operation = String(req.headers['x-amz-target']).split('.').pop() ?? '';
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(answer(operation)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, server };
}

async function call(url: string, operation: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'x-amz-target': `DynamoDB_20120810.${operation}`, 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) });
  return response.json();
}

describe('the capacity-counting DynamoDB proxy', () => {
  let proxy: CapacityProxy | undefined;
  let upstream: Server | undefined;
  afterEach(async () => {
    await proxy?.close();
    await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  });

  it('asks for consumed capacity on reads and writes and sums RRU and WRU separately', async () => {
    // Prepare
    const fake = await fakeDynamo((operation) => (operation === 'TransactWriteItems'
      ? { ConsumedCapacity: [{ CapacityUnits: 4 }, { CapacityUnits: 6 }] }
      : { ConsumedCapacity: { CapacityUnits: operation === 'GetItem' ? 0.5 : 1 } }));
    upstream = fake.server;
    proxy = await startCapacityProxy(fake.url);

    // Act
    await call(proxy.url, 'GetItem', { TableName: 't', Key: {} });
    await call(proxy.url, 'Query', { TableName: 't' });
    await call(proxy.url, 'PutItem', { TableName: 't', Item: {} });
    await call(proxy.url, 'TransactWriteItems', { TransactItems: [] });
    await call(proxy.url, 'DescribeTable', { TableName: 't' });

    // Assess
    expect(proxy.counters).toMatchObject({ reads: 2, writes: 2, rru: 1.5, wru: 11, other: 1 });
    expect(proxy.counters.operations).toEqual({ GetItem: 1, Query: 1, PutItem: 1, TransactWriteItems: 1, DescribeTable: 1 });
    expect(fake.bodies.slice(0, 4).every((body) => body.ReturnConsumedCapacity === 'TOTAL')).toBe(true);
    expect(fake.bodies[4]).not.toHaveProperty('ReturnConsumedCapacity');
  });

  it('gives snapshots that later calls do not change', async () => {
    // Prepare
    const fake = await fakeDynamo(() => ({ ConsumedCapacity: { CapacityUnits: 1 } }));
    upstream = fake.server;
    proxy = await startCapacityProxy(fake.url);
    await call(proxy.url, 'GetItem', { TableName: 't', Key: {} });

    // Act
    const before = proxy.snapshot();
    await call(proxy.url, 'GetItem', { TableName: 't', Key: {} });

    // Assess
    expect(before.reads).toBe(1);
    expect(before.operations.GetItem).toBe(1);
    expect(proxy.counters.operations.GetItem).toBe(2);
  });
});
