// OpenSearch transport (shared/adapters/opensearch/client.ts) — what goes over the wire.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchTransport } from '../../../../shared/adapters/opensearch/client.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const received: Received[] = [];
let endpoint = '';
const server = createServer((request, response) => {
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => {
    received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(parts).toString('utf8') });
    const missing = request.url === '/missing';
    response.writeHead(missing ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(missing ? { error: { type: 'index_not_found_exception' } } : { ok: true }));
  });
});

const savedCredentials = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret-for-signing-tests';
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (savedCredentials.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
  else process.env.AWS_ACCESS_KEY_ID = savedCredentials.id;
  if (savedCredentials.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  else process.env.AWS_SECRET_ACCESS_KEY = savedCredentials.secret;
});

describe('createOpenSearchTransport', () => {
  it('sends _msearch lines as NDJSON, SigV4-signed for the aoss service', async () => {
    // Prepare
    received.length = 0;
    const transport = createOpenSearchTransport({ endpoint, region: 'eu-west-1', service: 'aoss' });

    // Act
    const answer = await transport.request({ method: 'POST', path: '/knowledge/_msearch', ndjson: [{}, { size: 1 }] });

    // Assess
    expect(answer).toEqual({ statusCode: 200, body: { ok: true } });
    const [request] = received;
    expect(request?.url).toBe('/knowledge/_msearch');
    expect(request?.body).toBe('{}\n{"size":1}\n');
    expect(request?.headers['content-type']).toMatch(/application\/(x-ndjson|json)/);
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/aoss\/aws4_request/);
    expect(request?.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hands a 404 back to the adapter instead of throwing', async () => {
    received.length = 0;
    const transport = createOpenSearchTransport({ endpoint, region: 'eu-west-1', service: 'es' });

    const answer = await transport.request({ method: 'GET', path: '/missing' });

    expect(answer).toEqual({ statusCode: 404, body: { error: { type: 'index_not_found_exception' } } });
    expect(received[0]?.headers.authorization).toMatch(/\/eu-west-1\/es\/aws4_request/);
  });

  it('sends JSON bodies as JSON', async () => {
    received.length = 0;
    const transport = createOpenSearchTransport({ endpoint, region: 'eu-west-1', service: 'aoss' });

    await transport.request({ method: 'PUT', path: '/knowledge', body: { settings: { index: { knn: true } } } });

    expect(received[0]).toMatchObject({ method: 'PUT', url: '/knowledge', body: '{"settings":{"index":{"knn":true}}}' });
  });
});
