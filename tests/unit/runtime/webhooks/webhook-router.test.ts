/**
 * The webhook router: raw bodies, size caps, unknown routes and surprises.
 */
import { describe, expect, it } from 'vitest';
import { webhookRouter, WebhookRefusedError, type WebhookBinding } from '../../../../shared/runtime/webhooks/webhook-router.js';
import { httpEvent, lambdaContext } from '../../../helpers/http-events.js';

function echo(maxBodyBytes?: number): WebhookBinding {
  return {
    routeKey: 'POST /webhooks/test/{inboxId}',
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    handle: async (request) => ({ status: 200, contentType: 'text/xml', body: `${request.params.inboxId}:${request.body.toString('utf8')}` }),
  };
}

describe('webhookRouter', () => {
  it('hands the binding the raw body, decoded from base64, and answers its response', async () => {
    const handle = webhookRouter([echo()]);
    const event = { ...httpEvent('POST /webhooks/test/{inboxId}', { params: { inboxId: 'in1' }, rawBody: Buffer.from('a=1&b=%20').toString('base64') }), isBase64Encoded: true };
    const result = await handle(event, lambdaContext());
    expect(result).toMatchObject({ statusCode: 200, body: 'in1:a=1&b=%20', headers: { 'content-type': 'text/xml' } });
  });

  it('resolves the binding by method and path when the route key is $default', async () => {
    const handle = webhookRouter([echo()]);
    const event = { ...httpEvent('POST /webhooks/test/{inboxId}', { params: { inboxId: 'in2' }, rawBody: 'x' }), routeKey: '$default', pathParameters: {} };
    expect(await handle(event, lambdaContext())).toMatchObject({ statusCode: 200, body: 'in2:x' });
  });

  it('answers 404 for an unknown path and 405 for a known path with another method', async () => {
    const handle = webhookRouter([echo()]);
    const unknown = { ...httpEvent('POST /webhooks/nope'), routeKey: '$default' };
    const wrongMethod = { ...httpEvent('GET /webhooks/test/{inboxId}', { params: { inboxId: 'a' } }), routeKey: '$default' };
    expect((await handle(unknown, lambdaContext())).statusCode).toBe(404);
    expect((await handle(wrongMethod, lambdaContext())).statusCode).toBe(405);
  });

  it('answers 413 above the binding\'s cap before the binding runs', async () => {
    let ran = false;
    const handle = webhookRouter([{ ...echo(10), handle: async () => { ran = true; return { status: 200 }; } }]);
    const result = await handle(httpEvent('POST /webhooks/test/{inboxId}', { params: { inboxId: 'a' }, rawBody: 'x'.repeat(11) }), lambdaContext());
    expect(result.statusCode).toBe(413);
    expect(ran).toBe(false);
  });

  it('answers a refusal with its 4xx, and a surprise with a 500 and a correlation id only', async () => {
    const refuse = webhookRouter([{ ...echo(), handle: async () => { throw new WebhookRefusedError(403, 'invalid signature'); } }]);
    const explode = webhookRouter([{ ...echo(), handle: async () => { throw new Error('secret detail'); } }]);
    const event = httpEvent('POST /webhooks/test/{inboxId}', { params: { inboxId: 'a' }, rawBody: 'x' });
    expect(await refuse(event, lambdaContext())).toMatchObject({ statusCode: 403, body: 'invalid signature' });
    const failed = await explode(event, lambdaContext());
    expect(failed.statusCode).toBe(500);
    expect(failed.body).toContain('corr-123');
    expect(failed.body).not.toContain('secret detail');
  });
});
