import { describe, expect, it } from 'vitest';
import { functionByName } from '../../../infra/manifest.js';
import { request } from '../../helpers/api-client.js';

/** Every `METHOD /path` the manifest gives agent-api. */
function agentRoutesOf(): readonly string[] {
  const spec = functionByName('agent-api');
  return spec.trigger.kind === 'http' ? spec.trigger.routes : [];
}

const baseUrl = () => process.env.SWITCHBOARD_WS_ENDPOINT!;

describe('the agents API documentation', () => {
  it('serves an OpenAPI 3.1 document that covers every agent-api route', async () => {
    // Act
    const { status, body } = await request(baseUrl(), 'GET', '/api/v1/openapi.json');

    // Assess
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...agentRoutesOf()].sort());
    expect(body.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('password');
    expect(body.paths['/api/v1/auth/login'].post.security).toEqual([]);
  });

  it('serves a readable reference page without a session', async () => {
    // Act
    const response = await fetch(`${baseUrl()}/api/v1/docs`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).toContain('Switchboard agents API');
  });
});
