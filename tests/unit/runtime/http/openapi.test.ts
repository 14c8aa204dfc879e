import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineRoute } from '../../../../shared/contracts/http/route.js';
import { buildOpenApi } from '../../../../shared/runtime/http/openapi.js';

const Reply = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/messages', summary: 'Reply', tag: 'Conversations', auth: 'agent',
  params: z.object({ conversationId: z.string() }),
  query: z.object({ draft: z.optional(z.string()) }),
  body: z.object({ body: z.string().check(z.maxLength(4000)) }),
  response: { status: 201, description: 'The queued message', schema: z.object({ id: z.string() }) },
});
const Health = defineRoute({ method: 'GET', path: '/api/v1/ping', summary: 'Ping', tag: 'Meta', auth: 'public', response: { status: 200, description: 'pong' } });

describe('buildOpenApi', () => {
  const doc = buildOpenApi([Reply, Health], { title: 'Test', version: '1', description: 'd' });

  it('documents each route with its parameters, body schema and responses', () => {
    const op = (doc.paths['/api/v1/conversations/{conversationId}/messages'] as any).post;
    expect(op.parameters).toEqual([
      { name: 'conversationId', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'draft', in: 'query', required: false, schema: { type: 'string' } },
    ]);
    expect(op.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', properties: { body: { maxLength: 4000 } } });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '404', '413', '415', '500']));
  });

  it('marks public routes as needing no session', () => {
    expect((doc.paths['/api/v1/ping'] as any).get.security).toEqual([]);
  });
});
