/**
 * Table-stream poller — layer: infra (local composition root).
 *
 * Plays Lambda's DynamoDB stream event source mapping with `ReportBatchItemFailures` for one
 * function: reads the table's stream in DynamoDB Local (open shards from LATEST at start, new
 * child shards from TRIM_HORIZON once their parent is finished, so order per key holds),
 * converts records to Lambda's format, drops those the `entities` filter rejects, and invokes
 * the handler with batches of up to `batchSize` records, in order, one batch at a time.
 *
 * Failures: a thrown error or malformed response retries the whole batch; `batchItemFailures`
 * (itemIdentifier = SequenceNumber) checkpoints the records before the lowest failed one and
 * retries from it. After `retryAttempts` retries the rest of the batch is logged and skipped,
 * as an on-failure destination would receive it.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { batchOutcome, type BatchOutcome } from './batch-response.js';
import { errorMessage, type Log } from './log.js';
import { lambdaStreamRecord, matchesEntities } from './stream-records.js';
import { sleep } from './timing.js';

/** Options of {@link startStreamPoller}. */
export interface StreamPollerOptions {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tableName: string;
  readonly region: string;
  /** Invokes the consumer; resolves with its result (a batch response) or rejects. */
  readonly handler: (event: DynamoDBStreamEvent) => Promise<unknown>;
  readonly batchSize: number;
  /** Only records whose new or old image has `entity.S` in this list are delivered. */
  readonly entities?: readonly string[];
  /** Pause between rounds of GetRecords; default 200 ms. */
  readonly pollIntervalMs?: number;
  /** Retries of a failing batch before its remaining records are skipped; default 3. */
  readonly retryAttempts?: number;
  /** First retry delay, doubled per retry (at most 2 s); default 200 ms. */
  readonly retryDelayMs?: number;
  readonly log: Log;
}

/** Counters of one poller. */
export interface StreamPollerStats {
  readonly shards: number;
  readonly delivered: number;
  readonly filteredOut: number;
  readonly retries: number;
  readonly skipped: number;
  readonly lastError?: string;
}

/** A running poller. */
export interface StreamPoller {
  readonly streamArn: string;
  stats(): StreamPollerStats;
  health(): { ok: boolean; detail: string };
  /** Stops reading and waits for the batch in progress to finish. */
  stop(): Promise<void>;
}

interface ShardState {
  readonly id: string;
  readonly parentId: string | undefined;
  iterator: string | undefined;
  lastSequence: string | undefined;
  /** Read to its end (closed and drained), or closed before the poller started. */
  done: boolean;
}

/** How often to look for new shards while no shard has closed. */
const discoveryIntervalMs = 2_000;

/**
 * Starts reading the table's stream; resolves once every open shard has a LATEST iterator,
 * so every write after this resolves is delivered.
 *
 * @example
 * const poller = await startStreamPoller({ dynamodb, streams, tableName, region, batchSize: 100,
 *   entities: ['Message'], handler: (event) => invoke(fn, event, region), log });
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const { dynamodb, streams, tableName, region, handler, log } = options;
  const retryAttempts = options.retryAttempts ?? 3;
  const table = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn || !table.Table?.StreamSpecification?.StreamEnabled) {
    throw new Error(`Table ${tableName} has no enabled stream`);
  }
  const controller = new AbortController();
  const shards = new Map<string, ShardState>();
  let delivered = 0;
  let filteredOut = 0;
  let retries = 0;
  let skipped = 0;
  let lastError: string | undefined;

  async function describeShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const page = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
      all.push(...(page.StreamDescription?.Shards ?? []));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  async function iterator(shardId: string, type: ShardIteratorType, sequence?: string): Promise<string | undefined> {
    const result = await streams.send(new GetShardIteratorCommand({
      StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, ...(sequence ? { SequenceNumber: sequence } : {}),
    }));
    return result.ShardIterator;
  }

  // Start: open shards from LATEST; shards closed before the start are history, not news.
  for (const shard of await describeShards()) {
    const id = shard.ShardId ?? '';
    const open = shard.SequenceNumberRange?.EndingSequenceNumber === undefined;
    shards.set(id, { id, parentId: shard.ParentShardId, iterator: open ? await iterator(id, 'LATEST') : undefined, lastSequence: undefined, done: !open });
  }

  async function discover(): Promise<void> {
    for (const shard of await describeShards()) {
      const id = shard.ShardId ?? '';
      if (!shards.has(id)) shards.set(id, { id, parentId: shard.ParentShardId, iterator: undefined, lastSequence: undefined, done: false });
    }
    // A child starts from its beginning once its parent is finished: order per key holds.
    for (const state of shards.values()) {
      if (state.done || state.iterator) continue;
      const parent = state.parentId ? shards.get(state.parentId) : undefined;
      if (!parent || parent.done) state.iterator = await iterator(state.id, 'TRIM_HORIZON');
    }
  }

  async function invokeBatch(batch: DynamoDBRecord[]): Promise<BatchOutcome> {
    try {
      return batchOutcome(await handler({ Records: batch }), batch.map((r) => r.dynamodb?.SequenceNumber ?? ''));
    } catch (error) {
      return { kind: 'all-failed', reason: errorMessage(error) };
    }
  }

  async function deliver(chunk: DynamoDBRecord[]): Promise<void> {
    let batch = chunk;
    for (let attempt = 0; batch.length > 0; attempt += 1) {
      const outcome = await invokeBatch(batch);
      if (outcome.kind === 'all-succeeded') {
        delivered += batch.length;
        return;
      }
      // Records before the lowest failed one are checkpointed; the retry starts from it.
      const from = outcome.kind === 'partial'
        ? Math.max(0, batch.findIndex((r) => outcome.failed.has(r.dynamodb?.SequenceNumber ?? '')))
        : 0;
      delivered += from;
      batch = batch.slice(from);
      const why = outcome.kind === 'all-failed' ? outcome.reason : `${outcome.failed.size} batchItemFailures`;
      if (attempt >= retryAttempts) {
        skipped += batch.length;
        log(`skipping ${batch.length} records from sequence ${batch[0]?.dynamodb?.SequenceNumber} after ${retryAttempts} retries (${why})`);
        return;
      }
      retries += 1;
      log(`retrying ${batch.length} records from sequence ${batch[0]?.dynamodb?.SequenceNumber} (${why})`);
      await sleep(Math.min(2_000, (options.retryDelayMs ?? 200) * 2 ** attempt), controller.signal);
      if (controller.signal.aborted) return;
    }
  }

  async function readShard(state: ShardState): Promise<void> {
    if (!state.iterator) return;
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
      // The laptop slept past the iterator's 15 minutes: resume after the last record read.
      state.iterator = state.lastSequence
        ? await iterator(state.id, 'AFTER_SEQUENCE_NUMBER', state.lastSequence)
        : await iterator(state.id, 'TRIM_HORIZON');
      return;
    }
    const records = (page.Records ?? []).map((r) => lambdaStreamRecord(r, streamArn ?? '', region));
    const wanted = records.filter((r) => matchesEntities(r, options.entities));
    filteredOut += records.length - wanted.length;
    for (let i = 0; i < wanted.length && !controller.signal.aborted; i += options.batchSize) {
      await deliver(wanted.slice(i, i + options.batchSize));
    }
    state.lastSequence = records.at(-1)?.dynamodb?.SequenceNumber ?? state.lastSequence;
    state.iterator = page.NextShardIterator;
    if (!state.iterator) state.done = true;
  }

  const loop = (async () => {
    let discoveredAt = Date.now();
    while (!controller.signal.aborted) {
      try {
        let closed = false;
        for (const state of shards.values()) {
          if (controller.signal.aborted) break;
          if (state.done) continue;
          await readShard(state);
          closed ||= state.done;
        }
        if (closed || Date.now() - discoveredAt > discoveryIntervalMs) {
          await discover();
          discoveredAt = Date.now();
        }
        if (lastError !== undefined) log('reading again');
        lastError = undefined;
      } catch (error) {
        if (controller.signal.aborted) break;
        const message = errorMessage(error);
        if (message !== lastError) log(`reading the stream failed: ${message}`);
        lastError = message;
      }
      await sleep(options.pollIntervalMs ?? 200, controller.signal);
    }
  })();

  let stopping: Promise<void> | undefined;
  const stats = (): StreamPollerStats => ({
    shards: [...shards.values()].filter((s) => !s.done).length,
    delivered, filteredOut, retries, skipped,
    ...(lastError !== undefined ? { lastError } : {}),
  });
  return {
    streamArn,
    stats,
    health() {
      const s = stats();
      return {
        ok: lastError === undefined && !controller.signal.aborted,
        detail: controller.signal.aborted ? 'stopped'
          : lastError !== undefined ? `reading failed: ${lastError}`
          : `${s.shards} open shards, ${s.delivered} delivered, ${s.filteredOut} filtered out, ${s.retries} retries, ${s.skipped} skipped`,
      };
    },
    stop() {
      stopping ??= (async () => {
        controller.abort();
        await loop;
      })();
      return stopping;
    },
  };
}
