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
 * Usage: npm run bench -- [--runs 21] [--warmup 2] [--backend-warmup 200] [--only ws,ws-authorizer]
 *                         [--webhook-messages 300] [--write-docs] [--root <copy of the repository>]
 * The webhook ack path (bench/webhook-ack.ts: writes, WRU and queue sends per inbound message,
 * handler p99 vs a verify-and-parse baseline) runs too, unless `--only` leaves `webhook-ack` out
 * or `--webhook-messages 0`; `--only webhook-ack [--write-docs]` runs (and documents) it alone.
 * `--root` measures the functions of another checkout (e.g. a copy with a candidate change),
 * without touching the docs.
 * The AI turn's pipeline (bench/ai-turn.ts: time before the model with a zero-latency model,
 * tokens, RRU/WRU per turn) runs too, unless `--only` leaves `ai-turn` out or `--ai-turns 0`;
 * `--only ai-turn [--write-docs]` runs (and documents) it alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, machine, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { functions as manifestFunctions, functionEnv, type FunctionSpec } from '../infra/manifest.js';
import { startLaptopCloud } from '../infra/local/cloud.js';
import { loadConfig } from '../shared/runtime/config.js';
import { buildContainer } from '../shared/runtime/container.js';
import { bundleFunction, loadDeployedBundling, transpileUnbundled, unbundledPath, type FunctionBundle } from './cold-start/bundle.js';
import { childEnvironment, MeasurementError, measureFunction, startManagementSink, summarise } from './cold-start/measure.js';
import { fixtures, warmBackends } from './events.js';
import { budgetMisses, coldStartSection, functionResult, kb, terminalTable, writeColdStartSection, writeSection, type FunctionResult } from './report.js';
import { benchWebhookAck, webhookAckSection } from './webhook-ack.js';
import { aiTurnSection, benchAiTurn } from './ai-turn.js';

/** `--only webhook-ack` selects the webhook ack bench (also run when `--only` is absent). */
const webhookAckName = 'webhook-ack';
/** `--only ai-turn` selects the AI turn pipeline bench (also run when `--only` is absent). */
const aiTurnName = 'ai-turn';
/** The benches that are not manifest functions. */
const pathBenches: readonly string[] = [webhookAckName, aiTurnName];

const repositoryDir = resolve(import.meta.dirname, '..');
const docsPath = join(repositoryDir, 'docs', 'BENCHMARKS.md');
const minimumRunsForDocs = 15;

const say = (line = '') => process.stdout.write(`${line}\n`);

interface Options {
  readonly runs: number;
  readonly warmup: number;
  /** Rounds of the first calls' backend operations run before measuring (warms DynamoDB Local's JIT). */
  readonly backendWarmup: number;
  readonly only?: readonly string[];
  readonly writeDocs: boolean;
  /** Signed webhooks per scenario of the webhook ack bench (0: skip it). */
  readonly webhookMessages: number;
  /** AI turns per scenario of the ai-turn bench (0: skip it). */
  readonly aiTurns: number;
  /** The checkout whose functions are bundled and measured. */
  readonly rootDir: string;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '21' },
      warmup: { type: 'string', default: '2' },
      'backend-warmup': { type: 'string', default: '200' },
      'webhook-messages': { type: 'string', default: '300' },
      'ai-turns': { type: 'string', default: '200' },
      only: { type: 'string' },
      'write-docs': { type: 'boolean', default: false },
      root: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    say('Usage: npm run bench -- [--runs 21] [--warmup 2] [--backend-warmup 200] [--only name,name|webhook-ack|ai-turn] [--webhook-messages 300] [--ai-turns 200] [--write-docs] [--root <checkout>]');
    process.exit(0);
  }
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(runs) || runs < 3) throw new MeasurementError(`--runs must be an integer ≥ 3, got "${values.runs}"`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new MeasurementError(`--warmup must be an integer ≥ 0, got "${values.warmup}"`);
  const backendWarmup = Number(values['backend-warmup']);
  if (!Number.isInteger(backendWarmup) || backendWarmup < 0) {
    throw new MeasurementError(`--backend-warmup must be an integer ≥ 0, got "${values['backend-warmup']}"`);
  }
  const writeDocs = values['write-docs'];
  if (writeDocs && runs < minimumRunsForDocs) throw new MeasurementError(`--write-docs needs --runs ≥ ${minimumRunsForDocs}, got ${runs}`);
  if (writeDocs && values.only && !pathBenches.includes(values.only)) throw new MeasurementError(`--write-docs measures every function (or only one of ${pathBenches.join(', ')}); drop --only`);
  const webhookMessages = Number(values['webhook-messages']);
  if (!Number.isInteger(webhookMessages) || webhookMessages < 0) throw new MeasurementError(`--webhook-messages must be an integer ≥ 0, got "${values['webhook-messages']}"`);
  const aiTurns = Number(values['ai-turns']);
  if (!Number.isInteger(aiTurns) || aiTurns < 0) throw new MeasurementError(`--ai-turns must be an integer ≥ 0, got "${values['ai-turns']}"`);
  if (writeDocs && values.root) throw new MeasurementError('--write-docs documents this checkout; drop --root');
  const rootDir = values.root ? resolve(values.root) : repositoryDir;
  return { runs, warmup, backendWarmup, writeDocs, rootDir, webhookMessages, aiTurns, ...(values.only ? { only: values.only.split(',').map((s) => s.trim()) } : {}) };
}

function selectFunctions(only: readonly string[] | undefined): readonly FunctionSpec[] {
  if (!only) return manifestFunctions;
  const unknown = only.filter((name) => !pathBenches.includes(name) && !manifestFunctions.some((f) => f.name === name));
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

/**
 * The laptop cloud's DynamoDB Local (in memory), fauxqs and gateway, with no function mounted
 * (so no poller runs and nothing but the measured children touches the backends), and a
 * Management API endpoint of our own that answers 200, as API Gateway does for a live
 * connection, so the `ws` pong takes the delivered path and can be counted.
 */
async function startBackends(): Promise<Backends> {
  const cloud = await startLaptopCloud({ gatewayPort: 0, functions: [], log: (line) => say(`  ${line}`) });
  try {
    const sink = await startManagementSink();
    say(`  [management-api] accepting frames on ${sink.endpoint}`);
    return {
      description: 'the laptop cloud (`startLaptopCloud`, no function mounted): DynamoDB Local in memory with the manifest table, fauxqs queues and bucket; plus a local Management API endpoint answering 200',
      configuration: { ...cloud.env, [functionEnv.wsEndpoint]: sink.endpoint },
      managementPosts: () => sink.posts(),
      stop: async () => {
        await sink.close();
        await cloud.stop();
      },
    };
  } catch (error) {
    await cloud.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const options = parseOptions();
  const selected = selectFunctions(options.only);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  say(`Cold-start benchmark: ${selected.length} function(s), ${options.runs} measured pairs each (+${options.warmup} warm-up)`);
  const loadAtStart = loadavg()[0]!;
  say(`Node ${process.version}, ${availableParallelism()} cores (${cpu}), ${machine()}, load average ${loadAtStart.toFixed(1)}`);
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
    const region = app.config.region;
    const origin = app.config.allowedOrigins[0]!;
    const warmingAt = performance.now();
    await warmBackends(app, origin, options.backendWarmup);
    say(`  warmed the backends with ${options.backendWarmup} rounds of the first calls' operations (${((performance.now() - warmingAt) / 1000).toFixed(1)} s)`);
    const signedUp = await app.services.signUp({
      accountName: 'Bench Outfitters', name: 'Bench Admin', email: `bench+${Date.now()}@example.com`, password: `bench-${Date.now()}-password`,
    });
    const byName = fixtures({
      region,
      origin,
      issueTicket: async (input) => (await app.services.issueConnectTicket(input)).ticket,
      managementPosts: backends.managementPosts,
      tenant: { sessionToken: signedUp.token, widgetToken: signedUp.inbox.widgetToken ?? '' },
    });

    const runWebhookAck = options.webhookMessages > 0 && (!options.only || options.only.includes(webhookAckName));
    if (runWebhookAck) {
      say(`\n[2b] Webhook ack path: ${options.webhookMessages} signed Twilio SMS webhooks per scenario, the real handler vs verify + parse only`);
      const webhookAck = await benchWebhookAck({ configuration: backends.configuration, messages: options.webhookMessages, warmup: 30, say });
      if (options.writeDocs) {
        await writeSection(docsPath, 'Webhook ack path', webhookAckSection(webhookAck, {
          command: `npm run bench -- --only ${webhookAckName} --webhook-messages ${options.webhookMessages} --write-docs`,
          date: new Date().toISOString().slice(0, 10), node: process.version, cores: availableParallelism(), cpu,
        }));
        say(`  wrote the "Webhook ack path" section of ${docsPath}`);
      }
    }
    const runAiTurn = options.aiTurns > 0 && (!options.only || options.only.includes(aiTurnName));
    if (runAiTurn) {
      say(`\n[2c] AI turn pipeline: ${options.aiTurns} turns per scenario (answered, handed over), zero-latency model, DynamoDB Local + Orama`);
      const aiTurn = await benchAiTurn({ configuration: backends.configuration, turns: options.aiTurns, warmup: 20, say });
      if (options.writeDocs) {
        await writeSection(docsPath, 'AI turn pipeline', aiTurnSection(aiTurn, {
          command: `npm run bench -- --only ${aiTurnName} --ai-turns ${options.aiTurns} --write-docs`,
          date: new Date().toISOString().slice(0, 10), node: process.version, cores: availableParallelism(), cpu,
          loadAverage: loadavg()[0]!,
        }));
        say(`  wrote the "AI turn pipeline" section of ${docsPath}`);
      }
    }
    if (selected.length === 0) {
      say(`\nTotal bench time: ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
      return;
    }

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

    if (options.writeDocs && !options.only) {
      const command = [
        `npm run bench -- --runs ${options.runs}`,
        ...(options.warmup === 2 ? [] : [`--warmup ${options.warmup}`]),
        ...(options.backendWarmup === 200 ? [] : [`--backend-warmup ${options.backendWarmup}`]),
        '--write-docs',
      ].join(' ');
      await writeColdStartSection(docsPath, coldStartSection(results, {
        command,
        date: new Date().toISOString().slice(0, 10),
        node: process.version,
        cores: availableParallelism(),
        cpu,
        arch: machine(),
        loadAverage: { start: loadAtStart, end: loadavg()[0]! },
        runs: options.runs,
        warmup: options.warmup,
        backendWarmup: options.backendWarmup,
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
