/**
 * The laptop cloud — layer: infra (local composition root).
 *
 * Composes the local stand-ins of every AWS part the functions use, all on 127.0.0.1 and in
 * this process except DynamoDB Local (a Java child process):
 *   1. DynamoDB Local starts booting (its JVM takes seconds); meanwhile
 *   2. fauxqs (SQS + S3) starts with the manifest's queues, their DLQs and the bucket,
 *   3. the gateway starts (its port is part of the handlers' environment),
 *   4. the handlers' environment is assigned to `process.env`, then every function module is
 *      imported once (a broken one is reported by `/health`, the rest keeps running);
 *   5. once DynamoDB Local answers, the table is created from the manifest, and a poller per
 *      queue-triggered function and per stream-triggered function starts.
 * `stop()` undoes it in reverse order and leaves no child process behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { functions as manifestFunctions, type FunctionSpec, type QueueId } from '../manifest.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { startQueuesAndBucket } from './fauxqs.js';
import { functionFromEntry, type LocalFunction } from './functions.js';
import { startGateway } from './gateway.js';
import { startBedrockServer } from './bedrock-server.js';
import { startFakeProvider } from './fake-provider.js';
import { handlerEnvironment } from './handler-env.js';
import { createHealthRegistry, type HealthCheck, type HealthReport } from './health.js';
import { invoke } from './lambda-context.js';
import { localDynamoDb, localDynamoDbStreams, localSqs } from './local-clients.js';
import { errorMessage, partLog, type Log } from './log.js';
import { defaultBucketName, defaultTableName } from './names.js';
import { freePort } from './prerequisites.js';
import { startQueuePoller } from './queue-poller.js';
import { startScheduleRunner } from './schedule-runner.js';
import type { StaticRoots } from './static-files.js';
import { startStreamPoller } from './stream-poller.js';
import { ensureTable } from './table.js';
import { secondsSince } from './timing.js';

/** The repository root (functions' `entry` paths are relative to it). */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Options of {@link startLaptopCloud}. */
export interface LaptopCloudOptions {
  /** Where DynamoDB Local keeps its files (`<dataDir>/dynamodb`); undefined: in memory. */
  readonly dataDir?: string;
  /** 0: a random free port. */
  readonly gatewayPort: number;
  /** 0 or undefined: a free port. */
  readonly dynamoPort?: number;
  /** 0 or undefined: a free port. */
  readonly fauxqsPort?: number;
  /** Default eu-west-1. */
  readonly region?: string;
  readonly staticRoots?: StaticRoots;
  /** Default: console.log. */
  readonly log?: Log;
  /** Default: every function of infra/manifest.ts. */
  readonly functions?: readonly FunctionSpec[];
  /** 0 or undefined: a free port for the fake provider (the local outbox every send goes to). */
  readonly fakeProviderPort?: number;
  /** 0 or undefined: a free port for the local Bedrock server (the AI models' stand-in). */
  readonly bedrockPort?: number;
  /** Pause between the local models' streamed words (default 0; `npm start` and the e2e tests use a reading pace). */
  readonly streamDeltaDelayMs?: number;
}

/** Start-up durations, in milliseconds. */
export interface LaptopCloudTimings {
  readonly dynamodbReadyMs: number;
  readonly readyMs: number;
}

/** The running laptop cloud. */
export interface LaptopCloud {
  /** The handlers' environment (already assigned to `process.env`). */
  readonly env: Readonly<Record<string, string>>;
  readonly urls: { readonly gateway: string; readonly websocket: string; readonly health: string; readonly fakeProvider: string; readonly bedrock: string };
  readonly timings: LaptopCloudTimings;
  health(): Promise<HealthReport>;
  /** Adds a part to `/health` (the search index, the seed, ...). */
  registerHealthCheck(name: string, check: HealthCheck): void;
  stop(): Promise<void>;
}

/** How the laptop runs one function (a test checks that every manifest function is mounted). */
export type LocalMount = 'http-api' | 'websocket-api' | 'websocket-authorizer' | `queue-poller:${QueueId}` | 'stream-poller' | 'schedule-runner' | 'not-run-locally';

/** The local mount of each function, by name. */
export function localMounts(specs: readonly FunctionSpec[] = manifestFunctions): Readonly<Record<string, LocalMount>> {
  return Object.fromEntries(specs.map((spec): [string, LocalMount] => {
    const trigger = spec.trigger;
    switch (trigger.kind) {
      case 'http': return [spec.name, 'http-api'];
      case 'websocket': return [spec.name, 'websocket-api'];
      case 'websocket-authorizer': return [spec.name, 'websocket-authorizer'];
      case 'queue': return [spec.name, `queue-poller:${trigger.queue}`];
      case 'table-stream': return [spec.name, 'stream-poller'];
      case 'schedule': return [spec.name, 'schedule-runner'];
    }
  }));
}

/**
 * Starts the whole laptop cloud.
 *
 * @example
 * const cloud = await startLaptopCloud({ gatewayPort: 3000, dataDir: '.data' });
 * // [cloud] ready in 4.1 s: http://127.0.0.1:3000 (WebSocket ws://127.0.0.1:3000/ws)
 * await cloud.stop();
 */
/**
 * The laptop's app secret: remembered in `<dataDir>/app-secret` (mode 0600) so sessions survive a
 * restart; a fresh one for in-memory runs.
 */
function localAppSecret(dataDir: string | undefined): string {
  if (dataDir === undefined) return randomBytes(32).toString('base64url');
  const file = resolve(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function startLaptopCloud(options: LaptopCloudOptions): Promise<LaptopCloud> {
  const startedAt = performance.now();
  // The SDK warns once per process that Node 20 support ends in 2027 (Lambda runs Node 22);
  // set before the first client exists, unless the developer chose otherwise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const log = options.log ?? ((line: string) => console.log(line));
  const region = options.region ?? 'eu-west-1';
  const tableName = defaultTableName;
  const bucketName = defaultBucketName;
  const health = createHealthRegistry();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`[cloud] stopping a part failed: ${errorMessage(error)}`);
      }
    }
  };

  // DynamoDB Local (a JVM, the slowest part) starts first; everything that does not need it
  // (fauxqs, the gateway, importing the functions) happens while it boots.
  try {
    const dynamoPort = options.dynamoPort || await freePort();
    const starting = startDynamoDbLocal({
      port: dynamoPort,
      dataDir: options.dataDir === undefined ? undefined : resolve(options.dataDir, 'dynamodb'),
      region,
      log: partLog(log, 'dynamodb'),
    });
    starting.catch(() => undefined);
    // Stopped last (handlers' $disconnect still write to it), even if it is still booting.
    stops.push(async () => (await starting.catch(() => undefined))?.stop());
    health.register('dynamodb', async () => (await starting).health());
    const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;

    const fauxqs = await startQueuesAndBucket({ region, port: options.fauxqsPort, bucketName, log: partLog(log, 'fauxqs') });
    stops.push(() => fauxqs.stop());
    health.register('sqs+s3 (fauxqs)', () => fauxqs.health());

    const functions: LocalFunction[] = (options.functions ?? manifestFunctions).map((spec) => functionFromEntry(spec, repositoryRoot));
    const gateway = await startGateway({
      port: options.gatewayPort,
      functions,
      region,
      rootDir: repositoryRoot,
      log: partLog(log, 'gateway'),
      health: () => health.report(),
      ...(options.staticRoots ? { staticRoots: options.staticRoots } : {}),
    });
    stops.push(() => gateway.stop());

    // Channels: the fake provider stands in for Twilio, Meta and SendGrid (sends are shown at /outbox, not delivered).
    const fakeProvider = await startFakeProvider({ port: options.fakeProviderPort ?? 0 });
    stops.push(() => fakeProvider.stop());
    health.register('fake provider (local outbox)', () => fakeProvider.health());

    // AI: the local Bedrock server speaks Bedrock's wire protocol, so the real Bedrock adapters run.
    const bedrock = await startBedrockServer({
      port: options.bedrockPort ?? 0, ...(options.streamDeltaDelayMs === undefined ? {} : { streamDeltaDelayMs: options.streamDeltaDelayMs }),
    });
    stops.push(() => bedrock.stop());
    health.register('bedrock (local models)', () => bedrock.health());
    log(`[bedrock] local Bedrock Runtime + Agent Runtime at ${bedrock.url}: answers come from the local extractive model (it quotes passages, it does not generate), embeddings from hashed n-grams, reranking by their cosine; scripts at ${bedrock.url}/__scripts`);

    const env = handlerEnvironment({
      providerUrl: fakeProvider.url,
      bedrockUrl: bedrock.url,
      region,
      tableName,
      bucketName,
      gatewayPort: gateway.port,
      queueUrls: { aiJobs: fauxqs.queues.aiJobs.url, outbound: fauxqs.queues.outbound.url, knowledge: fauxqs.queues.knowledge.url },
      dynamodbEndpoint: dynamoEndpoint,
      fauxqsEndpoint: fauxqs.endpoint,
      ...(process.env.SWITCHBOARD_LOG_LEVEL ? { logLevel: process.env.SWITCHBOARD_LOG_LEVEL } : {}),
      appSecret: localAppSecret(options.dataDir),
      // Indexed knowledge survives a restart of `npm start` (tests run without a data dir: memory only).
      ...(options.dataDir === undefined ? {} : { searchSnapshotFile: resolve(options.dataDir, 'search-index.json') }),
    });
    // Handlers run in this process and read process.env at import/cold start: assign first.
    Object.assign(process.env, env);

    const functionLog = partLog(log, 'functions');
    await Promise.all(functions.map(async (fn) => {
      try {
        await fn.load();
      } catch (error) {
        functionLog(`${fn.name} is unavailable: ${errorMessage(error)}`);
      }
    }));

    const dynamo = await starting;
    const dynamodb = localDynamoDb({ endpoint: dynamo.endpoint, region });
    const streams = localDynamoDbStreams({ endpoint: dynamo.endpoint, region });
    const sqs = localSqs({ endpoint: fauxqs.endpoint, region });
    stops.push(async () => { dynamodb.destroy(); streams.destroy(); sqs.destroy(); });
    const table = await ensureTable(dynamodb, tableName);
    log(`[dynamodb] table ${tableName} ${table.created ? 'created' : 'found'}`);
    health.register('table', async () => {
      const described = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
      const status = described.Table?.TableStatus;
      return { ok: status === 'ACTIVE', detail: `${tableName} ${status}, ${described.Table?.ItemCount ?? 0} items` };
    });
    health.register('gateway', () => gateway.health());
    for (const fn of functions) {
      health.register(`function ${fn.name}`, () => {
        const status = fn.status();
        return status.state === 'failed'
          ? { ok: false, detail: status.error }
          : { ok: status.state === 'loaded', detail: `${fn.source} ${status.state}` };
      });
    }

    for (const fn of functions) {
      const trigger = fn.trigger;
      if (trigger.kind === 'queue') {
        const queue = fauxqs.queues[trigger.queue];
        const poller = startQueuePoller({
          client: sqs,
          queueUrl: queue.url,
          queueArn: queue.arn,
          region,
          batchSize: trigger.batchSize,
          ...(trigger.maxBatchingWindowSeconds !== undefined ? { maxBatchingWindowSeconds: trigger.maxBatchingWindowSeconds } : {}),
          handler: (event) => invoke(fn, event, region),
          log: partLog(log, `queue ${trigger.queue} → ${fn.name}`),
        });
        stops.push(() => poller.stop());
        health.register(`queue poller ${trigger.queue} → ${fn.name}`, () => poller.health());
      }
      if (trigger.kind === 'table-stream') {
        const poller = await startStreamPoller({
          dynamodb,
          streams,
          tableName,
          region,
          batchSize: trigger.batchSize,
          ...(trigger.entities ? { entities: trigger.entities } : {}),
          handler: (event) => invoke(fn, event, region),
          log: partLog(log, `stream → ${fn.name}`),
        });
        stops.push(() => poller.stop());
        health.register(`stream poller → ${fn.name}`, () => poller.health());
      }
      if (trigger.kind === 'schedule') {
        const runner = startScheduleRunner({
          functionName: fn.name,
          expression: trigger.rate,
          region,
          handler: (event) => invoke(fn, event, region),
          log: partLog(log, `schedule → ${fn.name}`),
        });
        stops.push(() => runner.stop());
        health.register(`schedule ${trigger.rate} → ${fn.name}`, () => runner.health());
      }
    }

    const readyMs = Math.round(performance.now() - startedAt);
    const urls = { gateway: gateway.url, websocket: gateway.webSocketUrl, health: `${gateway.url}/health`, fakeProvider: fakeProvider.url, bedrock: bedrock.url };
    log(`[cloud] ready in ${secondsSince(startedAt)}: ${urls.gateway} (WebSocket ${urls.websocket}, health ${urls.health})`);

    let stopping: Promise<void> | undefined;
    return {
      env,
      urls,
      timings: { dynamodbReadyMs: dynamo.readyInMs, readyMs },
      health: () => health.report(),
      registerHealthCheck: (name, check) => health.register(name, check),
      stop() {
        stopping ??= (async () => {
          const stoppingAt = performance.now();
          await stopAll();
          log(`[cloud] stopped in ${secondsSince(stoppingAt)}`);
        })();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
