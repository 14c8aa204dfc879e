/**
 * Helpers of the laptop-cloud integration tests (tests/integration/local/).
 *
 * The tests start their own gateway and pollers with test functions, against the DynamoDB
 * Local and fauxqs that the global setup started (found through the environment it provides).
 */
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { localDynamoDb, localDynamoDbStreams, localSqs } from '../../../infra/local/local-clients.js';

/** A variable of the cloud's environment (set by tests/helpers/integration-env.ts). */
export function cloudEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests in the integration project`);
  return value;
}

/** The region the cloud runs in. */
export const region = (): string => cloudEnv('AWS_REGION');

/** SDK clients of the global cloud's emulators. */
export function emulatorClients() {
  return {
    dynamodb: localDynamoDb({ endpoint: cloudEnv('SWITCHBOARD_DYNAMODB_ENDPOINT'), region: region() }),
    streams: localDynamoDbStreams({ endpoint: cloudEnv('SWITCHBOARD_DYNAMODB_ENDPOINT'), region: region() }),
    sqs: localSqs({ endpoint: cloudEnv('SWITCHBOARD_SQS_ENDPOINT'), region: region() }),
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A raw HTTP response. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/**
 * Sends a request with exact control over the path and repeated headers (fetch normalizes
 * `..` in paths and merges repeated headers).
 */
export function rawRequest(url: string, options: { method?: string; path: string; headers?: OutgoingHttpHeaders; body?: Buffer | string }): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: target.hostname, port: target.port, method: options.method ?? 'GET', path: options.path, headers: options.headers,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A unique, valid resource name for one test. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
