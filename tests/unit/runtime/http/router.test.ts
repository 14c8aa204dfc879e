import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineRoute } from '../../../../shared/contracts/http/route.js';
import { HttpError } from '../../../../shared/runtime/http/http-error.js';
import { reply } from '../../../../shared/runtime/http/responses.js';
import { bind, httpRouter } from '../../../../shared/runtime/http/router.js';
import { httpEvent, lambdaContext } from '../../../helpers/http-events.js';

const PostNote = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/notes', summary: 'Add a note', tag: 'Conversations', auth: 'agent',
  params: z.object({ conversationId: z.string().check(z.length(26)) }),
  body: z.object({ body: z.string().check(z.minLength(1), z.maxLength(20)) }),
  maxBodyBytes: 200,
  response: { status: 201, description: 'The note', schema: z.object({ id: z.string() }) },
});

class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

const calls: unknown[] = [];
const handler = httpRouter(
  [
    bind(PostNote, async ({ params, body, caller }) => {
      calls.push({ params, body, caller });
      if (body.body === 'missing') throw new NotFoundError('conversation not found');
      if (body.body === 'boom') throw new Error('database exploded: secret detail');
      if (body.body === 'cookie') return reply({ id: 'n2' }, { cookies: ['a=b'], headers: { 'x-extra': '1' } });
      return { id: 'n1' };
    }),
  ],
  {
    authenticate: async (request) => {
      if (request.headers.authorization !== 'Bearer good') throw new HttpError(401, 'unauthenticated', 'sign in first');
      return { accountId: 'A' };
    },
  },
);

const id = '01JTEST0000000000000000001';
const send = (body: unknown, extra: Parameters<typeof httpEvent>[1] = {}) =>
  handler(httpEvent('POST /api/v1/conversations/{conversationId}/notes', { body, params: { conversationId: id }, headers: { authorization: 'Bearer good' }, ...extra }), lambdaContext());

describe('httpRouter', () => {
  it('validates, calls the bound handler with typed input and answers the contract status', async () => {
    const res = await send({ body: 'hello' });
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body!)).toEqual({ id: 'n1' });
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect(calls.at(-1)).toEqual({ params: { conversationId: id }, body: { body: 'hello' }, caller: { accountId: 'A' } });
  });

  it('answers 400 naming the field when the body breaks the schema', async () => {
    const res = await send({ body: '' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!).error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^body\.body: /) });
  });

  it('answers 400 for a bad path parameter', async () => {
    const res = await handler(httpEvent('POST /api/v1/conversations/{conversationId}/notes', { body: { body: 'x' }, params: { conversationId: 'short' }, headers: { authorization: 'Bearer good' } }), lambdaContext());
    expect(JSON.parse(res.body!).error.message).toMatch(/^path\.conversationId: /);
  });

  it('answers 400 for JSON that does not parse', async () => {
    const res = await send(undefined, { rawBody: '{"body":', headers: { authorization: 'Bearer good', 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!).error.code).toBe('invalid_json');
  });

  it('answers 413 for a body over the route limit and 415 for a non-JSON type', async () => {
    expect((await send({ body: 'x'.repeat(300) })).statusCode).toBe(413);
    expect((await send(undefined, { rawBody: 'body=x', headers: { authorization: 'Bearer good', 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(415);
  });

  it('authenticates before validating the body, so strangers learn nothing of the schema', async () => {
    const res = await handler(httpEvent('POST /api/v1/conversations/{conversationId}/notes', { body: { nope: 1 }, params: { conversationId: id } }), lambdaContext());
    expect(res.statusCode).toBe(401);
  });

  it('maps domain errors through the error table', async () => {
    const res = await send({ body: 'missing' });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body!)).toEqual({ error: { code: 'not_found', message: 'conversation not found' } });
  });

  it('answers an unexpected error with 500, a correlation id and no detail', async () => {
    const res = await send({ body: 'boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret detail');
    expect(JSON.parse(res.body!).error).toMatchObject({ code: 'internal', correlationId: 'corr-123' });
  });

  it('lets a handler set cookies and headers', async () => {
    const res = await send({ body: 'cookie' });
    expect(res).toMatchObject({ statusCode: 201, cookies: ['a=b'], headers: { 'x-extra': '1' } });
  });

  it('answers 404 for a route it does not serve', async () => {
    const res = await handler(httpEvent('GET /api/v1/nothing'), lambdaContext());
    expect(res.statusCode).toBe(404);
  });
});
