/**
 * Cold-start measurement — layer: bench (tooling).
 *
 * Each sample is a fresh `node` process running child.mjs (plain Node: no tsx, no loader, no
 * NODE_OPTIONS) that times import + first call of one module. The bundled and the unbundled form
 * of a function are sampled in alternation, and which of the two goes first flips every run, so
 * machine noise (two shared cores) and order effects hit both forms alike. Warm-up pairs run
 * first and are discarded: they fill the OS file cache and warm DynamoDB Local's JIT, which a
 * Lambda cold start does not pay for either.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FunctionFixture } from '../events.js';

const childScript = fileURLToPath(new URL('./child.mjs', import.meta.url));
const marker = '@@cold-start ';
const childTimeoutMs = 60_000;

/** Raised when a sample cannot be taken or its call did not take the intended path. */
export class MeasurementError extends Error {
  override readonly name = 'MeasurementError';
}

/** One cold start, in milliseconds (performance.now() inside the child). */
export interface Sample {
  readonly importMs: number;
  readonly callMs: number;
  readonly totalMs: number;
}

/** Median and 90th percentile of a series. */
export interface Summary {
  readonly median: number;
  readonly p90: number;
  readonly importMedian: number;
  readonly callMedian: number;
}

/** The samples of one function in both forms. */
export interface Series {
  readonly bundled: readonly Sample[];
  readonly unbundled: readonly Sample[];
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new MeasurementError('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Summarises samples by their medians (robust to the odd descheduled run) and p90. */
export function summarise(samples: readonly Sample[]): Summary {
  const totals = samples.map((s) => s.totalMs);
  return {
    median: percentile(totals, 50),
    p90: percentile(totals, 90),
    importMedian: percentile(samples.map((s) => s.importMs), 50),
    callMedian: percentile(samples.map((s) => s.callMs), 50),
  };
}

/**
 * The environment of a measured child: the function's configuration and nothing of the
 * benchmark's shell, as in Lambda. In particular no NODE_EXTRA_CA_CERTS (in this sandbox it
 * makes every Node start read a CA bundle, ~85 ms) and no NODE_OPTIONS.
 */
export function childEnvironment(configuration: Readonly<Record<string, string>>, functionName: string, memoryMb: number): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    ...configuration,
  };
  for (const name of Object.keys(env)) if (name.startsWith('NODE_')) delete env[name];
  return env;
}

/** The Lambda context fields of one invocation (the child adds `getRemainingTimeInMillis`). */
function contextFields(functionName: string, memoryMb: number, region: string) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
  };
}

/** Runs child.mjs once on `modulePath`; resolves with its timings and the handler's result. */
export function runChild(modulePath: string, payload: unknown, env: Readonly<Record<string, string>>): Promise<{ sample: Sample; result: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, modulePath, JSON.stringify(payload)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), childTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new MeasurementError(`cannot start node: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(marker));
      const where = `${modulePath} (exit ${code ?? signal})`;
      if (!line) {
        reject(new MeasurementError(`${where} printed no result. stderr: ${stderr.trim().slice(-600) || '(empty)'}`));
        return;
      }
      const parsed = JSON.parse(line.slice(marker.length)) as Partial<Sample> & { error?: string; result?: unknown };
      if (parsed.error !== undefined || code !== 0) {
        reject(new MeasurementError(`${where}: ${parsed.error ?? 'failed'}${stderr.trim() ? ` — stderr: ${stderr.trim().slice(-600)}` : ''}`));
        return;
      }
      resolve({ sample: { importMs: parsed.importMs!, callMs: parsed.callMs!, totalMs: parsed.totalMs! }, result: parsed.result });
    });
  });
}

/** What {@link measureFunction} needs. */
export interface MeasureOptions {
  readonly name: string;
  readonly memoryMb: number;
  readonly region: string;
  readonly bundledFile: string;
  readonly unbundledFile: string;
  readonly fixture: FunctionFixture;
  readonly env: Readonly<Record<string, string>>;
  /** Measured pairs (each: one bundled and one unbundled child). */
  readonly runs: number;
  /** Discarded pairs before the measured ones. */
  readonly warmup: number;
  /** Called after every pair, for progress output. */
  readonly onPair?: (done: number, total: number, last: { bundled: Sample; unbundled: Sample }) => void;
}

async function sampleOnce(options: MeasureOptions, file: string, form: string): Promise<Sample> {
  const invocation = await options.fixture.next();
  const payload = { event: invocation.event, context: contextFields(options.name, options.memoryMb, options.region) };
  const { sample, result } = await runChild(file, payload, options.env);
  const problem = invocation.check(result);
  if (problem) throw new MeasurementError(`${options.name} (${form}) did not take the intended path: ${problem}`);
  return sample;
}

/**
 * Samples a function's bundled and unbundled forms in alternation.
 *
 * @example
 * const series = await measureFunction({ name: 'ws', bundledFile, unbundledFile, runs: 15, warmup: 2, ... });
 * summarise(series.bundled).median; // 98.4
 */
export async function measureFunction(options: MeasureOptions): Promise<Series> {
  const bundled: Sample[] = [];
  const unbundled: Sample[] = [];
  const total = options.warmup + options.runs;
  for (let i = 0; i < total; i++) {
    let b: Sample;
    let u: Sample;
    if (i % 2 === 0) {
      b = await sampleOnce(options, options.bundledFile, 'bundled');
      u = await sampleOnce(options, options.unbundledFile, 'unbundled');
    } else {
      u = await sampleOnce(options, options.unbundledFile, 'unbundled');
      b = await sampleOnce(options, options.bundledFile, 'bundled');
    }
    if (i >= options.warmup) {
      bundled.push(b);
      unbundled.push(u);
    }
    options.onPair?.(i + 1, total, { bundled: b, unbundled: u });
  }
  return { bundled, unbundled };
}

/** A stand-in for the API Gateway Management API that accepts every frame. */
export interface ManagementSink {
  /** The endpoint to give functions as SWITCHBOARD_WS_ENDPOINT. */
  readonly endpoint: string;
  /** Frames received so far. */
  posts(): number;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 that answers 200 to `POST /@connections/{id}`, as API
 * Gateway does for a live connection, and 404 to anything else. The `ws` ping's pong goes here.
 */
export function startManagementSink(): Promise<ManagementSink> {
  let count = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      if (request.method === 'POST' && request.url?.startsWith('/@connections/')) {
        count += 1;
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        posts: () => count,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
