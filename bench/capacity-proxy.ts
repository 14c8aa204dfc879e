/**
 * A capacity-counting proxy for DynamoDB and SQS — layer: bench (tooling).
 *
 * Sits between an SDK client and DynamoDB Local (or the local SQS endpoint, where it counts queue
 * sends): every request passes through unchanged except
 * that reads and writes ask for `ReturnConsumedCapacity: TOTAL`, and the capacity DynamoDB
 * answers with is summed — read request units (RRU) for GetItem / BatchGetItem / Query / Scan /
 * TransactGetItems, write request units (WRU) for the writes. DynamoDB Local computes capacity
 * as DynamoDB does for on-demand tables (reads: 4 KB units, eventually consistent halves; writes:
 * 1 KB units, per item, index updates included).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What went through the proxy so far. */
export interface CapacityCounters {
  reads: number;
  writes: number;
  rru: number;
  wru: number;
  /** Other calls (DescribeTable, SQS calls, …). */
  other: number;
  /** SQS `SendMessage` / `SendMessageBatch` calls (a proxy in front of the SQS endpoint). */
  queueSends: number;
  /** Calls per operation name (`GetItem`, `TransactWriteItems`, …). */
  operations: Record<string, number>;
}

const writeOps = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const readOps = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const sendOps = new Set(['SendMessage', 'SendMessageBatch']);

/** Sums `ConsumedCapacity` (one object or a list, as batch and transaction calls answer). */
function consumedUnits(payload: Buffer): number {
  try {
    const json = JSON.parse(payload.toString('utf8')) as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
    const consumed = Array.isArray(json.ConsumedCapacity) ? json.ConsumedCapacity : json.ConsumedCapacity ? [json.ConsumedCapacity] : [];
    return consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  } catch {
    // An error answer carries no capacity: the call is counted, with 0 units.
    return 0;
  }
}

/** A running proxy. */
export interface CapacityProxy {
  /** The endpoint to give the SDK client. */
  readonly url: string;
  readonly counters: CapacityCounters;
  /** A copy of the counters now (take one before and after what is measured). */
  snapshot(): CapacityCounters;
  close(): Promise<void>;
}

/**
 * Starts a proxy in front of the DynamoDB or SQS endpoint `target` (AWS JSON protocols).
 *
 * @example
 * const proxy = await startCapacityProxy(env.SWITCHBOARD_DYNAMODB_ENDPOINT);
 * const before = proxy.snapshot(); await work(); const wru = proxy.counters.wru - before.wru;
 */
export async function startCapacityProxy(target: string): Promise<CapacityProxy> {
  const upstream = new URL(target);
  const counters: CapacityCounters = { reads: 0, writes: 0, rru: 0, wru: 0, other: 0, queueSends: 0, operations: {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const kind = writeOps.has(operation) ? 'write' : readOps.has(operation) ? 'read' : 'other';
      counters.operations[operation] = (counters.operations[operation] ?? 0) + 1;
      if (sendOps.has(operation)) counters.queueSends += 1;
      if (kind === 'other') counters.other += 1;
      else {
        if (kind === 'write') counters.writes += 1;
        else counters.reads += 1;
        const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        json.ReturnConsumedCapacity = 'TOTAL';
        body = Buffer.from(JSON.stringify(json));
      }
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          const payload = Buffer.concat(parts);
          if (kind === 'write') counters.wru += consumedUnits(payload);
          else if (kind === 'read') counters.rru += consumedUnits(payload);
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          res.end(payload);
        });
      });
      forward.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counters,
    snapshot: () => ({ ...counters, operations: { ...counters.operations } }),
    close: () => new Promise<void>((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}
