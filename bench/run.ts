/**
 * `npm run bench` — layer: bench (tooling).
 *
 * The cold-start benchmark of every function in infra/manifest.ts, in one run:
 *  1. bundle each function as the CDK stack does, and transpile the same sources unbundled;
 *  2. start the local backends the first calls touch;
 *  3. time import + first call of both forms in fresh Node processes, alternating;
 *  4. print the table, shout about any budget miss, and with `--write-docs` rewrite the
 *     "Cold start" section of docs/BENCHMARKS.md.
 * Exits 1 only when a measurement fails (a build error, a child that crashed, a call that took
 * another path); a budget miss is reported, not fatal.
 *
 * Usage: npm run bench -- [--runs 15] [--warmup 2] [--only ws,ws-authorizer] [--write-docs]
 *                         [--root <copy of the repository>]
 * `--root` measures the functions of another checkout (e.g. a copy with a candidate change),
 * without touching the docs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { arch, availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { functions as manifestFunctions, functionEnv, queues, type FunctionSpec } from '../infra/manifest.js';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { startQueuesAndBucket } from '../infra/local/fauxqs.js';
import { localDynamoDb } from '../infra/local/local-clients.js';
import { defaultBucketName, defaultTableName } from '../infra/local/names.js';
import { ensureTable } from '../infra/local/table.js';
import { loadConfig } from '../shared/runtime/config.js';
import { buildContainer } from '../shared/runtime/container.js';
import { bundleFunction, loadDeployedBundling, transpileUnbundled, unbundledPath, type FunctionBundle } from './cold-start/bundle.js';
import { childEnvironment, MeasurementError, measureFunction, startManagementSink, summarise } from './cold-start/measure.js';
import { fixtures } from './events.js';
import { budgetMisses, coldStartSection, functionResult, kb, terminalTable, writeColdStartSection, type FunctionResult } from './report.js';

const repositoryDir = resolve(import.meta.dirname, '..');
const docsPath = join(repositoryDir, 'docs', 'BENCHMARKS.md');
const region = 'eu-west-1';
const origin = 'http://localhost:5173';
const minimumRunsForDocs = 15;

const say = (line = '') => process.stdout.write(`${line}\n`);

interface Options {
  readonly runs: number;
  readonly warmup: number;
  readonly only?: readonly string[];
  readonly writeDocs: boolean;
  /** The checkout whose functions are bundled and measured. */
  readonly rootDir: string;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '2' },
      only: { type: 'string' },
      'write-docs': { type: 'boolean', default: false },
      root: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    say('Usage: npm run bench -- [--runs 15] [--warmup 2] [--only name,name] [--write-docs] [--root <checkout>]');
    process.exit(0);
  }
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(runs) || runs < 3) throw new MeasurementError(`--runs must be an integer ≥ 3, got "${values.runs}"`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new MeasurementError(`--warmup must be an integer ≥ 0, got "${values.warmup}"`);
  const writeDocs = values['write-docs'];
  if (writeDocs && runs < minimumRunsForDocs) throw new MeasurementError(`--write-docs needs --runs ≥ ${minimumRunsForDocs}, got ${runs}`);
  if (writeDocs && values.only) throw new MeasurementError('--write-docs measures every function; drop --only');
  if (writeDocs && values.root) throw new MeasurementError('--write-docs documents this checkout; drop --root');
  const rootDir = values.root ? resolve(values.root) : repositoryDir;
  return { runs, warmup, writeDocs, rootDir, ...(values.only ? { only: values.only.split(',').map((s) => s.trim()) } : {}) };
}

function selectFunctions(only: readonly string[] | undefined): readonly FunctionSpec[] {
  if (!only) return manifestFunctions;
  const unknown = only.filter((name) => !manifestFunctions.some((f) => f.name === name));
  if (unknown.length > 0) throw new MeasurementError(`--only names no manifest function: ${unknown.join(', ')}`);
  return manifestFunctions.filter((f) => only.includes(f.name));
}

/** The local backends of the first calls, and the configuration functions receive. */
interface Backends {
  readonly description: string;
  readonly configuration: Readonly<Record<string, string>>;
  managementPosts(): number;
  stop(): Promise<void>;
}

async function startBackends(): Promise<Backends> {
  const log = (line: string) => say(`  ${line}`);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const dynamodb = await startDynamoDbLocal({ region, log: (l) => log(`[dynamodb] ${l}`) });
    stops.push(() => dynamodb.stop());
    const client = localDynamoDb({ endpoint: dynamodb.endpoint, region });
    await ensureTable(client, defaultTableName);
    client.destroy();
    const sqs = await startQueuesAndBucket({ region, bucketName: defaultBucketName, log: (l) => log(`[fauxqs] ${l}`) });
    stops.push(() => sqs.stop());
    const sink = await startManagementSink();
    stops.push(() => sink.close());
    log(`[management-api] accepting frames on ${sink.endpoint}`);
    const configuration: Record<string, string> = {
      AWS_REGION: region,
      [functionEnv.table]: defaultTableName,
      [functionEnv.bucket]: defaultBucketName,
      [functionEnv.wsEndpoint]: sink.endpoint,
      [functionEnv.allowedOrigins]: origin,
      [functionEnv.logLevel]: 'INFO',
      [queues.aiJobs.urlEnv]: sqs.queues.aiJobs.url,
      [queues.outbound.urlEnv]: sqs.queues.outbound.url,
      [queues.knowledge.urlEnv]: sqs.queues.knowledge.url,
      SWITCHBOARD_DYNAMODB_ENDPOINT: dynamodb.endpoint,
      SWITCHBOARD_SQS_ENDPOINT: sqs.endpoint,
      SWITCHBOARD_S3_ENDPOINT: sqs.endpoint,
    };
    return {
      description: 'DynamoDB Local (in memory) with the manifest table, fauxqs queues, and a local Management API endpoint answering 200',
      configuration,
      managementPosts: () => sink.posts(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const options = parseOptions();
  const selected = selectFunctions(options.only);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  say(`Cold-start benchmark: ${selected.length} function(s), ${options.runs} measured pairs each (+${options.warmup} warm-up)`);
  say(`Node ${process.version}, ${availableParallelism()} cores (${cpu}), ${arch()}`);
  if (options.rootDir !== repositoryDir) say(`Measuring the checkout at ${options.rootDir}`);

  const workDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  let backends: Backends | undefined;
  try {
    say('\n[1/4] Bundling as the CDK stack does');
    const deployed = await loadDeployedBundling();
    say(`  esbuild: format ${deployed.format}, target ${deployed.target}, mainFields ${deployed.mainFields.join(',')}, minify ${deployed.minify}, externals [${deployed.externalModules.join(', ')}]`);
    const bundles: FunctionBundle[] = [];
    for (const spec of selected) {
      const bundle = await bundleFunction(spec, deployed, options.rootDir, join(workDir, 'bundled'));
      bundles.push(bundle);
      say(`  ${spec.name}: ${bundle.bytes} bytes (${kb(bundle.bytes)} KB), own code ${kb(bundle.ownBytes)} KB, ${bundle.sourceFiles.length} source files${bundle.sameForNode20 ? '' : ' (node20 build differs from node22)'}`);
    }
    const unbundledDir = join(workDir, 'unbundled');
    const allSources = [...new Set(bundles.flatMap((b) => b.sourceFiles))];
    await transpileUnbundled(allSources, options.rootDir, unbundledDir);
    say(`  unbundled: ${allSources.length} source files transpiled one by one`);

    say('\n[2/4] Starting the backends the first calls touch');
    backends = await startBackends();
    const app = buildContainer(loadConfig(backends.configuration));
    const byName = fixtures({
      region,
      origin,
      issueTicket: async (input) => (await app.services.issueConnectTicket(input)).ticket,
      managementPosts: backends.managementPosts,
    });

    say('\n[3/4] Measuring import + first call (fresh node per sample, bundled and unbundled alternating)');
    const results: FunctionResult[] = [];
    for (const [index, spec] of selected.entries()) {
      const fixture = byName[spec.name];
      if (!fixture) throw new MeasurementError(`bench/events.ts has no event for "${spec.name}"; add a fixture that walks its ordinary path`);
      const bundle = bundles[index]!;
      const series = await measureFunction({
        name: spec.name,
        memoryMb: spec.memoryMb,
        region,
        bundledFile: bundle.measuredFile,
        unbundledFile: unbundledPath(spec.entry, unbundledDir),
        fixture,
        env: childEnvironment(backends.configuration, spec.name, spec.memoryMb),
        runs: options.runs,
        warmup: options.warmup,
        onPair: (done, _total, last) => {
          const warm = done <= options.warmup;
          const label = warm ? `warm-up ${done}/${options.warmup}` : `pair ${done - options.warmup}/${options.runs}`;
          say(`  ${spec.name.padEnd(16)} ${label.padEnd(12)} bundled ${last.bundled.totalMs.toFixed(1).padStart(6)} ms  unbundled ${last.unbundled.totalMs.toFixed(1).padStart(6)} ms`);
        },
      });
      results.push(functionResult(bundle, summarise(series.bundled), summarise(series.unbundled)));
    }

    const durationSeconds = (performance.now() - startedAt) / 1000;
    say('\n[4/4] Results (import + first call, medians with p90; budgets: own code ≤ 50 KB, ratio ≤ 0.35)\n');
    say(terminalTable(results));
    const misses = budgetMisses(results);
    if (misses.length > 0) {
      say(`\n${'!'.repeat(72)}\n!! BUDGET MISSED (DESIGN.md §7):`);
      for (const miss of misses) say(`!!   ${miss}`);
      say('!'.repeat(72));
    } else {
      say('\nEvery function is within both budgets.');
    }

    if (options.writeDocs) {
      const command = `npm run bench -- --runs ${options.runs}${options.warmup === 2 ? '' : ` --warmup ${options.warmup}`} --write-docs`;
      await writeColdStartSection(docsPath, coldStartSection(results, {
        command,
        date: new Date().toISOString().slice(0, 10),
        node: process.version,
        cores: availableParallelism(),
        cpu,
        arch: arch() === 'x64' ? 'x86_64' : arch(),
        runs: options.runs,
        warmup: options.warmup,
        backends: backends.description,
        durationSeconds,
      }));
      say(`\nWrote the "Cold start" section of ${docsPath}`);
    }
    say(`\nTotal bench time: ${durationSeconds.toFixed(1)} s`);
  } finally {
    await backends?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exitCode = 1;
});
