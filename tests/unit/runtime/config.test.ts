import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionEnv, queues } from '../../../infra/manifest.js';
import { ConfigurationError, environmentVariables, loadConfig } from '../../../shared/runtime/config.js';

const valid = {
  AWS_REGION: 'eu-west-1',
  SWITCHBOARD_TABLE_NAME: 'switchboard-main',
  SWITCHBOARD_ATTACHMENTS_BUCKET: 'switchboard-attachments',
  SWITCHBOARD_WS_ENDPOINT: 'https://abc.execute-api.eu-west-1.amazonaws.com/live',
  SWITCHBOARD_ALLOWED_ORIGINS: 'https://app.example.com, https://admin.example.com',
  SWITCHBOARD_AI_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/ai.fifo',
  SWITCHBOARD_OUTBOUND_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/out.fifo',
  SWITCHBOARD_KNOWLEDGE_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/kb',
  SWITCHBOARD_APP_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:switchboard/app-AbCdEf',
};

describe('loadConfig', () => {
  it('reads a complete environment into named settings', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      region: 'eu-west-1',
      tableName: 'switchboard-main',
      allowedOrigins: ['https://app.example.com', 'https://admin.example.com'],
      logLevel: 'INFO',
      queueUrls: { aiJobs: valid.SWITCHBOARD_AI_QUEUE_URL },
      localEndpoints: {},
    });
  });

  it('names every missing variable', () => {
    const { SWITCHBOARD_TABLE_NAME: _t, SWITCHBOARD_AI_QUEUE_URL: _q, ...rest } = valid;
    expect(() => loadConfig(rest)).toThrow(/SWITCHBOARD_TABLE_NAME is missing; SWITCHBOARD_AI_QUEUE_URL is missing/);
  });

  it('names a bad value and says what it must be', () => {
    expect(() => loadConfig({ ...valid, SWITCHBOARD_WS_ENDPOINT: 'ftp://x' })).toThrow('SWITCHBOARD_WS_ENDPOINT must be an http(s) URL');
    expect(() => loadConfig({ ...valid, AWS_REGION: 'mars' })).toThrow('AWS_REGION must be an AWS region');
    expect(() => loadConfig({ ...valid, SWITCHBOARD_ALLOWED_ORIGINS: 'https://ok.example,app.example.com/path' })).toThrow(/"app.example.com\/path" is not an origin/);
    expect(() => loadConfig({ ...valid, SWITCHBOARD_LOG_LEVEL: 'LOUD' })).toThrow(ConfigurationError);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ ...valid, SWITCHBOARD_DYNAMODB_ENDPOINT: '' }).localEndpoints).toEqual({});
    expect(() => loadConfig({ ...valid, SWITCHBOARD_TABLE_NAME: '' })).toThrow('SWITCHBOARD_TABLE_NAME is missing');
  });

  it('takes the app secret from Secrets Manager in AWS and as a value on the laptop', () => {
    expect(loadConfig(valid).appSecret).toEqual({ secretArn: valid.SWITCHBOARD_APP_SECRET_ARN });
    const { SWITCHBOARD_APP_SECRET_ARN: _arn, ...laptop } = valid;
    const secret = 'a'.repeat(43);
    expect(loadConfig({ ...laptop, SWITCHBOARD_APP_SECRET: secret }).appSecret).toEqual({ value: secret });
    expect(() => loadConfig(laptop)).toThrow(/set SWITCHBOARD_APP_SECRET \(laptop\) or SWITCHBOARD_APP_SECRET_ARN/);
    expect(() => loadConfig({ ...laptop, SWITCHBOARD_APP_SECRET: 'short' })).toThrow('SWITCHBOARD_APP_SECRET must be at least 256 bits');
  });

  it('switches to local endpoints only when they are given', () => {
    expect(loadConfig({ ...valid, SWITCHBOARD_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }).localEndpoints).toEqual({ dynamodb: 'http://127.0.0.1:8000' });
  });
});

describe('configuration documentation', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/CONFIGURATION.md'), 'utf8');

  it('lists every variable the code reads', () => {
    const undocumented = environmentVariables.filter((name) => !doc.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });

  it('reads the variable names the manifest hands to functions', () => {
    const manifestNames = [...Object.values(functionEnv), ...Object.values(queues).map((q) => q.urlEnv)];
    expect(manifestNames.filter((name) => !environmentVariables.includes(name as never))).toEqual([]);
  });
});
