/**
 * The local gateway's HTTP API: requests become API Gateway payload format 2.0 events, handler
 * results become responses, and API Gateway's own answers (404, 413, 500) are reproduced.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../infra/local/cloud.js';
import { functionFromEntry, inlineFunction, type LocalFunction } from '../../../infra/local/functions.js';
import { startGateway, type Gateway } from '../../../infra/local/gateway.js';
import { createHealthRegistry } from '../../../infra/local/health.js';
import { rawRequest, region } from './support.js';

const events: APIGatewayProxyEventV2[] = [];
const logLines: string[] = [];

const things = inlineFunction(
  { name: 'things', trigger: { kind: 'http', routes: ['POST /things/{id}', 'GET /things/{id}', 'GET /files/{path+}'] } },
  async (event) => {
    events.push(event as APIGatewayProxyEventV2);
    return { statusCode: 201, headers: { 'x-answer': 42 }, cookies: ['a=1; Path=/', 'b=2'], body: JSON.stringify({ ok: true }) };
  },
);
const special = inlineFunction({ name: 'special', trigger: { kind: 'http', routes: ['GET /things/special'] } }, () => 'special');
const bare = inlineFunction({ name: 'bare', trigger: { kind: 'http', routes: ['GET /bare/object', 'GET /bare/string'] } },
  (event) => ((event as APIGatewayProxyEventV2).rawPath.endsWith('object') ? { hello: 'world' } : 'plain words'));
const binary = inlineFunction({ name: 'binary', trigger: { kind: 'http', routes: ['POST /binary'] } }, (event) => {
  const e = event as APIGatewayProxyEventV2;
  events.push(e);
  return { statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, body: e.body, isBase64Encoded: e.isBase64Encoded };
});
const failing = inlineFunction({ name: 'failing', trigger: { kind: 'http', routes: ['GET /fails', 'GET /malformed'] } }, (event) => {
  if ((event as APIGatewayProxyEventV2).rawPath === '/fails') throw new Error('database on fire');
  return { statusCode: 'two hundred' };
});
const fromEntry = functionFromEntry({
  name: 'echo-from-entry', entry: 'tests/integration/local/fixtures/echo-handler.ts',
  trigger: { kind: 'http', routes: ['GET /entry/{name}'] }, timeoutSeconds: 5, memoryMb: 256,
}, repositoryRoot);
const broken = functionFromEntry({
  name: 'broken', entry: 'tests/integration/local/fixtures/without-handler.ts',
  trigger: { kind: 'http', routes: ['GET /broken'] }, timeoutSeconds: 5, memoryMb: 256,
}, repositoryRoot);

const functions: LocalFunction[] = [things, special, bare, binary, failing, fromEntry, broken];
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway({
    port: 0, functions, region: region(), rootDir: repositoryRoot, log: (line) => logLines.push(line),
    staticRoots: { '/static/': 'tests/integration/local/fixtures/static' },
  });
});
afterAll(() => gateway.stop());

describe('local gateway: HTTP API', () => {
  it('builds a payload format 2.0 event with path, query, headers and cookies as API Gateway does', async () => {
    // Prepare
    events.length = 0;

    // Act
    const response = await rawRequest(gateway.url, {
      method: 'POST',
      path: '/things/abc%20d?tag=a&tag=b&q=hello%20world',
      headers: { 'content-type': 'application/json', 'X-Custom': ['one', 'two'], cookie: 'session=s1; theme=dark', 'user-agent': 'spec/1.0' },
      body: JSON.stringify({ hello: 'there' }),
    });

    // Assess
    expect(response.status).toBe(201);
    const event = events[0]!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /things/{id}',
      rawPath: '/things/abc%20d',
      rawQueryString: 'tag=a&tag=b&q=hello%20world',
      cookies: ['session=s1', 'theme=dark'],
      queryStringParameters: { tag: 'a,b', q: 'hello world' },
      pathParameters: { id: 'abc d' },
      body: '{"hello":"there"}',
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({ 'x-custom': 'one,two', 'content-type': 'application/json', 'user-agent': 'spec/1.0', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http' });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      domainName: `127.0.0.1:${gateway.port}`,
      http: { method: 'POST', path: '/things/abc%20d', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'spec/1.0' },
      routeKey: 'POST /things/{id}',
      stage: '$default',
    });
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5_000);
  });

  it('answers with the status, headers, cookies and body of a structured result', async () => {
    const response = await fetch(`${gateway.url}/things/1`);

    expect(response.status).toBe(201);
    expect(response.headers.get('x-answer')).toBe('42');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(response.headers.get('apigw-requestid')).toMatch(/=$/);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('omits body, query and path parameters when the request has none', async () => {
    events.length = 0;

    await fetch(`${gateway.url}/files/a/b/c.txt`);

    const event = events[0]!;
    expect(event.pathParameters).toEqual({ path: 'a/b/c.txt' });
    expect(event.body).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.rawQueryString).toBe('');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes a binary body and decodes a base64 result', async () => {
    // Prepare
    events.length = 0;
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

    // Act
    const response = await fetch(`${gateway.url}/binary`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });

    // Assess
    expect(events[0]).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('base64-encodes a form body, as HTTP APIs deliver provider webhooks', async () => {
    events.length = 0;

    await fetch(`${gateway.url}/binary`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'From=%2B14155550100&Body=hi' });

    expect(events[0]).toMatchObject({ isBase64Encoded: true, body: Buffer.from('From=%2B14155550100&Body=hi').toString('base64') });
  });

  it('answers a result without statusCode as 200 JSON', async () => {
    const object = await fetch(`${gateway.url}/bare/object`);
    const text = await fetch(`${gateway.url}/bare/string`);

    expect(object.status).toBe(200);
    expect(object.headers.get('content-type')).toBe('application/json');
    expect(await object.json()).toEqual({ hello: 'world' });
    expect(await text.text()).toBe('plain words');
  });

  it('routes to the most specific route: a literal segment beats a variable', async () => {
    const literal = await fetch(`${gateway.url}/things/special`);
    const variable = await fetch(`${gateway.url}/things/other`);

    expect(await literal.text()).toBe('special');
    expect(variable.status).toBe(201);
  });

  it('answers 404 {"message":"Not Found"} for an unknown route or method', async () => {
    const unknown = await fetch(`${gateway.url}/nowhere`);
    const wrongMethod = await fetch(`${gateway.url}/binary`);

    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Not Found' });
    expect(wrongMethod.status).toBe(404);
  });

  it('answers 413 for a body over 10 MB without invoking the handler', async () => {
    events.length = 0;

    const response = await fetch(`${gateway.url}/binary`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(10 * 1024 * 1024 + 1) });

    expect(response.status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it('answers 500 {"message":"Internal Server Error"} and logs when a handler throws or returns a malformed result', async () => {
    logLines.length = 0;

    const thrown = await fetch(`${gateway.url}/fails`);
    const malformed = await fetch(`${gateway.url}/malformed`);

    expect(thrown.status).toBe(500);
    expect(await thrown.json()).toEqual({ message: 'Internal Server Error' });
    expect(malformed.status).toBe(500);
    expect(logLines.join('\n')).toMatch(/GET \/fails → 500: failing failed: Error: database on fire/);
    expect(logLines.join('\n')).toMatch(/statusCode must be an integer/);
  });

  it('imports a handler from its entry path on first use and passes a Lambda context', async () => {
    const response = await fetch(`${gateway.url}/entry/ada`);

    expect(await response.json()).toEqual({ routeKey: 'GET /entry/{name}', pathParameters: { name: 'ada' }, functionName: 'echo-from-entry' });
    expect(fromEntry.status()).toEqual({ state: 'loaded' });
  });

  it('answers 500 for a function whose module has no handler, and reports it as failed', async () => {
    const response = await fetch(`${gateway.url}/broken`);

    expect(response.status).toBe(500);
    expect(broken.status()).toMatchObject({ state: 'failed', error: expect.stringContaining('does not export a function named "handler"') });
  });

  it('serves static files under their prefix, an index for the directory, and nothing outside it', async () => {
    const file = await fetch(`${gateway.url}/static/hello.txt`);
    const index = await fetch(`${gateway.url}/static/`);
    const escape = await rawRequest(gateway.url, { path: '/static/..%2f..%2f..%2f..%2fpackage.json' });

    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await file.text()).toBe('hello from a static file\n');
    expect(await index.text()).toContain('<title>index</title>');
    expect(escape.status).toBe(404);
  });
});

describe('local gateway: GET /health', () => {
  it('answers 200 when every part is ok and 503 naming the part that is not', async () => {
    // Prepare
    const registry = createHealthRegistry();
    registry.register('search index', () => ({ ok: true, detail: 'ready' }));
    const healthy = await startGateway({ port: 0, functions: [], region: region(), rootDir: repositoryRoot, log: () => undefined, health: () => registry.report() });

    try {
      // Act
      const ok = await fetch(`${healthy.url}/health`);
      registry.register('seed', () => { throw new Error('demo account missing'); });
      const failing = await fetch(`${healthy.url}/health`);

      // Assess
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: 'ok', parts: [{ name: 'search index', ok: true, detail: 'ready' }] });
      expect(failing.status).toBe(503);
      expect(await failing.json()).toMatchObject({ status: 'unhealthy', parts: [{ ok: true }, { name: 'seed', ok: false, detail: 'Error: demo account missing' }] });
    } finally {
      await healthy.stop();
    }
  });
});
