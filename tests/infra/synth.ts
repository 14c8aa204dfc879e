/**
 * Synthesizes the Switchboard app for the infra tests — helper, not a test.
 *
 * The app is built exactly as `infra/app.ts` builds it (same `createSwitchboard`, same cdk.json
 * context and feature flags, cdk-nag registered) into a temporary cloud assembly. Bundling is
 * skipped unless asked for (`aws:cdk:bundling-stacks: []`): esbuild at every synth would make the
 * suite slow; tests/infra/bundling.test.ts bundles for real once.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { FunctionSpec } from '../../infra/manifest.js';
import { createSwitchboard, repositoryRoot, type Switchboard } from '../../infra/stacks/switchboard.js';

/** Time allowed to a `beforeAll` that synthesizes (vitest's default hook timeout is 10 s). */
export const hookTimeout = 120_000;

/** The context of cdk.json, as the CDK CLI passes it to the app. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

/** One finding of a validation plugin, flattened per construct. */
export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
}

interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly {
      readonly ruleName: string;
      readonly severity: string;
      readonly violatingConstructs?: readonly { readonly constructPath?: string }[];
    }[];
  }[];
}

/**
 * Every unacknowledged finding of every validation plugin (cdk-nag's AwsSolutions, CDK's own
 * CloudFormation rules) in the report CDK writes into the cloud assembly at synth.
 */
export function findingsOf(outdir: string): Finding[] {
  const file = join(outdir, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      (violation.violatingConstructs ?? [{}]).map((construct) => ({
        plugin: plugin.pluginName,
        rule: violation.ruleName,
        severity: violation.severity,
        path: construct.constructPath ?? '(unknown)',
      })),
    ),
  );
}

/**
 * A stand-in for the built web apps (`web/dist`), so the infra tests do not depend on
 * `npm run build:web` having run (the e2e tests rebuild the real folder meanwhile).
 */
export function webAssetsFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(dir, 'widget.js'), '/* widget */');
  return dir;
}

/** A temporary directory for one cloud assembly. */
export function assemblyDir(): string {
  return mkdtempSync(join(tmpdir(), 'switchboard-cdk-'));
}

/**
 * Synthesizes `app`, returning the error synth threw (an unacknowledged validation error
 * throws: vitest runs CDK in its in-memory mode) and the findings of the validation report.
 */
export function synthesizeApp(app: App, outdir: string): { readonly error: Error | undefined; readonly findings: Finding[] } {
  let error: Error | undefined;
  try {
    app.synth();
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  }
  return { error, findings: findingsOf(outdir) };
}

/** Options of {@link synthesizeSwitchboard}. */
export interface SynthOptions {
  /** Context on top of cdk.json's (e.g. `{ searchMode: 'domain' }`). */
  readonly context?: Record<string, unknown>;
  /** Deploy these functions instead of the manifest's. */
  readonly functions?: readonly FunctionSpec[];
  /** Run esbuild for every function (slow); skipped by default. */
  readonly bundle?: boolean;
  /**
   * Run CDK's built-in CloudFormation rules as `cdk synth` does (default). Their engine takes
   * ~10 s to start in each test process, so suites that assert on templates only turn it off;
   * nag.test.ts keeps it on and asserts that no plugin reports anything.
   */
  readonly cloudFormationRules?: boolean;
}

/** A synthesized Switchboard app. */
export interface Synthesized extends Switchboard {
  readonly app: App;
  readonly outdir: string;
  readonly error: Error | undefined;
  readonly findings: Finding[];
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

/** Builds and synthesizes the app; throws if synth failed, with the report's findings. */
export function synthesizeSwitchboard(options: SynthOptions = {}): Synthesized {
  const outdir = assemblyDir();
  const app = new App({
    outdir,
    builtinCloudFormationValidation: options.cloudFormationRules ?? true,
    context: {
      ...cdkJsonContext(),
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const switchboard = createSwitchboard(app, { webAssetsDir: webAssetsFixture(), ...(options.functions ? { functions: options.functions } : {}) });
  const { error, findings } = synthesizeApp(app, outdir);
  if (error) throw new Error(`Synth failed: ${error.message}\nFindings: ${JSON.stringify(findings, null, 1)}`);
  return {
    ...switchboard,
    app,
    outdir,
    error,
    findings,
    statefulTemplate: Template.fromStack(switchboard.stateful),
    statelessTemplate: Template.fromStack(switchboard.stateless),
  };
}

/** The resources of one CloudFormation type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, { Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }> {
  return template.findResources(type);
}
