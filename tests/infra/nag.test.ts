/**
 * cdk-nag AwsSolutions, run the way the app runs it: registered with
 * `Validations.of(app).addPlugins(...)` (cdk-nag v3), evaluated by CDK at synth, findings read
 * from the validation report CDK writes into the cloud assembly. The last test proves the
 * pipeline reports (and fails on) a non-compliant construct, so the clean results mean something.
 */
import { rmSync } from 'node:fs';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { assemblyDir, cdkJsonContext, synthesizeApp, synthesizeSwitchboard, type Finding } from './synth.js';
import { variantFunctions } from './variant-functions.js';

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** Synthesizes the app with the given options and returns every validation finding. */
function findingsFor(options: Parameters<typeof synthesizeSwitchboard>[0]): { findings: Finding[]; app: App } {
  const synth = synthesizeSwitchboard(options);
  outdirs.push(synth.outdir);
  return { findings: synth.findings, app: synth.app };
}

/** Every acknowledgment recorded in the construct tree, with its reason. */
function acknowledgmentsOf(root: IConstruct): { rule: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([rule, reason]) => ({ rule, reason }))),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning for the app as cdk.json configures it', () => {
    // Act
    const { findings, app } = findingsFor({});

    // Assess
    expect(findings).toEqual([]);
    expect(acknowledgmentsOf(app).length).toBeGreaterThan(0);
  });

  it('reports no unacknowledged error or warning with searchMode=domain', () => {
    // Act
    const { findings } = findingsFor({ context: { searchMode: 'domain' } });

    // Assess
    expect(findings).toEqual([]);
  });

  it('reports no unacknowledged error or warning with every trigger and permission kind', () => {
    // Act
    const { findings } = findingsFor({ functions: variantFunctions });

    // Assess
    expect(findings).toEqual([]);
  });

  it('carries a specific written reason on every acknowledgment', () => {
    // Act
    const { app } = findingsFor({ context: { searchMode: 'domain' }, functions: variantFunctions });
    const acknowledgments = acknowledgmentsOf(app);

    // Assess
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const { rule, reason } of acknowledgments) {
      expect(rule).toMatch(/^(Annotation::)?AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(reason.length).toBeGreaterThanOrEqual(40);
    }
  });

  it('reports a non-compliant construct as an error or warning and fails synth on the error', () => {
    // Prepare: a bucket without TLS enforcement or access logs (errors S1, S10) and a table
    // without point-in-time recovery (warning DDB3), in a throwaway app.
    const outdir = assemblyDir();
    outdirs.push(outdir);
    const app = new App({ outdir });
    const stack = new Stack(app, 'Throwaway');
    new Bucket(stack, 'Careless', { removalPolicy: RemovalPolicy.DESTROY });
    new Table(stack, 'Forgetful', { partitionKey: { name: 'pk', type: AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act
    const { error, findings } = synthesizeApp(app, outdir);

    // Assess
    expect(error?.message).toMatch(/AwsSolutions-S10|does not require requests to use SSL/);
    const nag = findings.filter((finding) => finding.plugin === 'AwsSolutions');
    expect(nag).toEqual(
      expect.arrayContaining([
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-S1', severity: 'error', path: 'Throwaway/Careless/Resource' },
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-S10', severity: 'error', path: 'Throwaway/Careless/Resource' },
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-DDB3', severity: 'warning', path: 'Throwaway/Forgetful/Resource' },
      ]),
    );
  });

  it('fails synth on a warning alone, as the app is configured', () => {
    // Prepare: a table without point-in-time recovery (warning DDB3) and nothing else.
    const outdir = assemblyDir();
    outdirs.push(outdir);
    const app = new App({ outdir, context: cdkJsonContext() });
    const stack = new Stack(app, 'Throwaway');
    new Table(stack, 'Forgetful', { partitionKey: { name: 'pk', type: AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act
    const { error, findings } = synthesizeApp(app, outdir);

    // Assess
    expect(findings.filter((finding) => finding.plugin === 'AwsSolutions').map((finding) => finding.rule)).toEqual(['AwsSolutions-DDB3']);
    expect(error).toBeDefined();
  });
});
