/**
 * The laptop cloud as a whole: the one the global setup started reports every part on
 * `GET /health` and hands the handlers a valid configuration; start-up problems a developer can
 * fix are one-line messages with the fix; DynamoDB Local leaves no Java process behind.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { environmentVariables, loadConfig } from '../../../shared/runtime/config.js';
import { repositoryRoot } from '../../../infra/local/cloud.js';
import { startDynamoDbLocal } from '../../../infra/local/dynamodb-local.js';
import { PrerequisiteError } from '../../../infra/local/errors.js';
import { startGateway } from '../../../infra/local/gateway.js';
import { assertPortFree, checkJava } from '../../../infra/local/prerequisites.js';
import { cloudEnv, region } from './support.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the running laptop cloud', () => {
  it('reports every part as ok on GET /health', async () => {
    const response = await fetch(`${cloudEnv('SWITCHBOARD_WS_ENDPOINT')}/health`);

    const report = await response.json() as { status: string; parts: { name: string; ok: boolean; detail: string }[] };
    expect(report.parts.map((p) => p.name)).toEqual(expect.arrayContaining([
      'dynamodb', 'sqs+s3 (fauxqs)', 'table', 'gateway',
      'function ws-authorizer', 'function ws', 'function realtime-fanout', 'stream poller → realtime-fanout',
    ]));
    expect(report.parts.filter((p) => !p.ok)).toEqual([]);
    expect(response.status).toBe(200);
    expect(report.status).toBe('ok');
  });

  it('gives the handlers every configuration variable, valid for the runtime', () => {
    const config = loadConfig(process.env);

    // The app secret and the platform's provider secrets are values on the laptop; their Secrets
    // Manager ARNs are the AWS alternative. The voice holding line keeps its default. The models'
    // region and reranker default; OpenSearch is the AWS alternative to the in-process Orama index,
    // which the test cloud keeps in memory (no snapshot file).
    expect(environmentVariables.filter((name) => !process.env[name])).toEqual([
      'SWITCHBOARD_APP_SECRET_ARN', 'SWITCHBOARD_META_SECRET_ARN', 'SWITCHBOARD_SENDGRID_SECRET_ARN', 'SWITCHBOARD_VOICE_HOLDING_LINE',
      'SWITCHBOARD_BEDROCK_REGION', 'SWITCHBOARD_RERANK_MODEL_ARN',
      'SWITCHBOARD_OPENSEARCH_ENDPOINT', 'SWITCHBOARD_OPENSEARCH_SERVICE', 'SWITCHBOARD_OPENSEARCH_INDEX', 'SWITCHBOARD_ORAMA_SNAPSHOT',
    ]);
    expect(config.localEndpoints).toEqual({
      dynamodb: cloudEnv('SWITCHBOARD_DYNAMODB_ENDPOINT'), sqs: cloudEnv('SWITCHBOARD_SQS_ENDPOINT'), s3: cloudEnv('SWITCHBOARD_S3_ENDPOINT'),
    });
    expect(config.allowedOrigins).toEqual([config.wsManagementEndpoint, config.wsManagementEndpoint.replace('127.0.0.1', 'localhost')]);
    expect(config.tableName).toBe('switchboard-main');
  });
});

describe('start-up prerequisites', () => {
  it('explains a missing Java with the command that installs it', async () => {
    const error = await checkJava('java-that-is-not-installed').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PrerequisiteError);
    expect((error as Error).message).toMatch(/^Java is not installed.*apt-get install openjdk-17-jre-headless/);
  });

  it('accepts the Java 17+ on this machine', async () => {
    expect(await checkJava()).toBeGreaterThanOrEqual(17);
  });

  it('explains a port that is already taken, naming the part that needs it', async () => {
    const taken = Number(new URL(cloudEnv('SWITCHBOARD_DYNAMODB_ENDPOINT')).port);

    const probe = await assertPortFree(taken, 'DynamoDB Local').catch((e: unknown) => e);
    const gateway = await startGateway({ port: Number(new URL(cloudEnv('SWITCHBOARD_WS_ENDPOINT')).port), functions: [], region: region(), rootDir: repositoryRoot, log: () => undefined })
      .catch((e: unknown) => e);

    expect(probe).toBeInstanceOf(PrerequisiteError);
    expect((probe as Error).message).toMatch(new RegExp(`^Port ${taken} \\(DynamoDB Local\\) is already in use\\. Fix: `));
    expect(gateway).toBeInstanceOf(PrerequisiteError);
    expect((gateway as Error).message).toMatch(/the local API gateway\) is already in use/);
  });
});

describe('DynamoDB Local', () => {
  it('stops without leaving a Java process behind', async () => {
    // Prepare
    const dynamo = await startDynamoDbLocal({ region: region(), log: () => undefined });
    const running = isRunning(dynamo.pid);
    const healthy = await dynamo.health();

    // Act
    await dynamo.stop();

    // Assess
    expect(running).toBe(true);
    expect(healthy.ok).toBe(true);
    expect(isRunning(dynamo.pid)).toBe(false);
    const survivors = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes('DynamoDBLocal') && line.includes(`-port ${dynamo.port}`));
    expect(survivors).toEqual([]);
  });
});
