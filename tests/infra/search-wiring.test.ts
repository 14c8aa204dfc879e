/**
 * Search and Bedrock wiring of the stateless stack: the functions that use the knowledge index
 * get its endpoint, SigV4 service and index name; Bedrock users may call models directly and
 * through this region's cross-Region inference profiles; retrieval functions may rerank. Three
 * functions of its own (entry functions/ws.ts, bundling skipped) keep this suite independent of
 * the manifest's function list.
 */
import { rmSync } from 'node:fs';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionsWithSearch } from '../../infra/constructs/grants.js';
import { functionEnv, type FunctionSpec } from '../../infra/manifest.js';
import { searchIndexName, type StatelessStack } from '../../infra/stacks/stateless-stack.js';
import { actionsOfRole, statementsOfRole } from './iam.js';
import { hookTimeout, synthesizeSwitchboard, type Synthesized } from './synth.js';

const retriever: PermissionsWithSearch = { table: 'read-write', bedrock: true, search: 'read', rerank: true };
const indexer: PermissionsWithSearch = { table: 'read-write', bedrock: true, search: 'read-write' };

const specs: readonly FunctionSpec[] = [
  { name: 'search-retriever', entry: 'functions/ws.ts', description: 'Retrieves knowledge (Bedrock + search read)', trigger: { kind: 'queue', queue: 'aiJobs', batchSize: 1 }, permissions: retriever, memoryMb: 512, timeoutSeconds: 30 },
  { name: 'search-indexer', entry: 'functions/ws.ts', description: 'Writes the knowledge index (Bedrock + search read-write)', trigger: { kind: 'queue', queue: 'knowledge', batchSize: 5 }, permissions: indexer, memoryMb: 512, timeoutSeconds: 60 },
  { name: 'search-free', entry: 'functions/ws.ts', description: 'Uses neither search nor Bedrock', trigger: { kind: 'schedule', rate: 'rate(1 minute)' }, permissions: { table: 'read' }, memoryMb: 256, timeoutSeconds: 10 },
];

const roleId = (stack: StatelessStack, name: string): string => stack.getLogicalId(stack.functions.get(name)!.role.node.defaultChild as CfnRole);
const environmentOf = (synth: Synthesized, name: string): Record<string, unknown> => {
  const logicalId = synth.stateless.getLogicalId(synth.stateless.functions.get(name)!.function.node.defaultChild as CfnFunction);
  const resource = synth.statelessTemplate.findResources('AWS::Lambda::Function')[logicalId];
  return (resource?.['Properties'] as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
};

describe('search and Bedrock wiring (searchMode=serverless)', () => {
  let synth: Synthesized;

  beforeAll(() => {
    // Prepare
    synth = synthesizeSwitchboard({ functions: specs, cloudFormationRules: false });
  }, hookTimeout);

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  it('hands the collection endpoint, the aoss service and the index name to functions that use search, and only to them', () => {
    // Act
    const reader = environmentOf(synth, 'search-retriever');
    const writer = environmentOf(synth, 'search-indexer');
    const other = environmentOf(synth, 'search-free');

    // Assess
    for (const env of [reader, writer]) {
      expect(env[functionEnv.searchService]).toBe('aoss');
      expect(env[functionEnv.searchIndex]).toBe(searchIndexName);
      expect(JSON.stringify(env[functionEnv.searchEndpoint])).toContain('CollectionEndpoint');
    }
    expect(Object.keys(other)).not.toContain(functionEnv.searchEndpoint);
  });

  it('lets Bedrock users invoke models and this region\'s inference profiles, and destination-region models only through those profiles', () => {
    // Act
    const statements = statementsOfRole(synth.statelessTemplate, roleId(synth.stateless, 'search-indexer'))
      .filter((s) => s.actions.includes('bedrock:InvokeModelWithResponseStream'));
    const text = JSON.stringify(synth.statelessTemplate.toJSON());

    // Assess
    const resources = JSON.stringify(statements.map((s) => s.resources));
    expect(resources).toContain('::foundation-model/*');
    expect(resources).toContain(':inference-profile/*');
    expect(resources).toContain('bedrock:*::foundation-model/*');
    expect(text).toMatch(/"Condition":\{"StringLike":\{"bedrock:InferenceProfileArn":\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":bedrock:",\{"Ref":"AWS::Region"\},":",\{"Ref":"AWS::AccountId"\},":inference-profile\/\*"\]\]\}\}\}/);
  });

  it('grants Rerank to the functions that ask for it (Bedrock, search and rerank), not to the indexer or others', () => {
    // Act
    const reader = actionsOfRole(synth.statelessTemplate, roleId(synth.stateless, 'search-retriever'));
    const writer = actionsOfRole(synth.statelessTemplate, roleId(synth.stateless, 'search-indexer'));
    const other = actionsOfRole(synth.statelessTemplate, roleId(synth.stateless, 'search-free'));
    const rerankModel = statementsOfRole(synth.statelessTemplate, roleId(synth.stateless, 'search-retriever'))
      .filter((s) => s.actions.length === 1 && s.actions[0] === 'bedrock:InvokeModel');

    // Assess
    expect(reader.has('bedrock:Rerank')).toBe(true);
    expect(writer.has('bedrock:Rerank')).toBe(false);
    expect(other.has('bedrock:Rerank')).toBe(false);
    expect(other.has('bedrock:InvokeModel')).toBe(false);
    expect(JSON.stringify(rerankModel.map((s) => s.resources))).toContain('::foundation-model/amazon.rerank-v1:0');
  });
});

describe('search wiring (searchMode=domain)', () => {
  let synth: Synthesized;

  beforeAll(() => {
    synth = synthesizeSwitchboard({ functions: specs, context: { searchMode: 'domain' }, cloudFormationRules: false });
  }, hookTimeout);

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  it('hands the domain\'s https endpoint and the es service to functions that use search', () => {
    const env = environmentOf(synth, 'search-retriever');

    expect(env[functionEnv.searchService]).toBe('es');
    expect(JSON.stringify(env[functionEnv.searchEndpoint])).toContain('https://');
    expect(JSON.stringify(env[functionEnv.searchEndpoint])).toContain('DomainEndpoint');
  });
});
