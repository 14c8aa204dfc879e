import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../shared/runtime/http/request.js';
import { makeMetaBindings } from '../../../shared/runtime/webhooks/meta-bindings.js';
import { WebhookRefusedError } from '../../../shared/runtime/webhooks/webhook-router.js';
import type { MetaBatch } from '../../../shared/adapters/channels/meta/parse.js';
import { messagingText, messengerBody, metaSignature } from '../../helpers/meta-payloads.js';

const secrets = { appSecret: 'app-secret', verifyToken: 'verify-token' };

function setup() {
  const calls: (readonly MetaBatch[])[] = [];
  const bindings = makeMetaBindings(() => ({
    metaSecrets: async () => secrets,
    receiveMetaWebhook: async (batches) => {
      calls.push(batches);
      return {};
    },
  }));
  const get = bindings.find((b) => b.routeKey === 'GET /webhooks/meta')!;
  const post = bindings.find((b) => b.routeKey === 'POST /webhooks/meta')!;
  return { get, post, calls };
}

function request(overrides: Partial<HttpRequest>): HttpRequest {
  return { method: 'POST', routeKey: 'POST /webhooks/meta', path: '/webhooks/meta', headers: {}, cookies: {}, query: {}, params: {}, sourceIp: '127.0.0.1', userAgent: '', body: Buffer.alloc(0), ...overrides };
}

async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof WebhookRefusedError ? error.status : -1;
  }
}

describe('metaBindings', () => {
  it('answers the subscribe handshake with the challenge, and 403 otherwise', async () => {
    const { get } = setup();
    expect(await get.handle(request({ method: 'GET', query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token', 'hub.challenge': '99' } }))).toMatchObject({ status: 200, body: '99' });
    expect((await get.handle(request({ method: 'GET', query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '99' } }))).status).toBe(403);
  });

  it('hands a signed body\'s batches to one service call and answers 200 EVENT_RECEIVED', async () => {
    // Prepare
    const { post, calls } = setup();
    const raw = Buffer.from(JSON.stringify(messengerBody([{ pageId: '1', messaging: [messagingText('1', '2', 'm_1', 'hi')] }])));
    // Act
    const answer = await post.handle(request({ body: raw, headers: { 'x-hub-signature-256': metaSignature(raw, secrets.appSecret) } }));
    // Assess
    expect(answer).toMatchObject({ status: 200, body: 'EVENT_RECEIVED' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]?.messages[0]?.body).toBe('hi');
  });

  it('refuses a missing signature with 401, a wrong one with 403, and signed non-Meta bodies with 400, calling nothing', async () => {
    // Prepare
    const { post, calls } = setup();
    const raw = Buffer.from(JSON.stringify(messengerBody([])));
    const signed = (body: Buffer) => ({ 'x-hub-signature-256': metaSignature(body, secrets.appSecret) });
    // Act + Assess
    expect(await refusal(post.handle(request({ body: raw })))).toBe(401);
    expect(await refusal(post.handle(request({ body: raw, headers: { 'x-hub-signature-256': metaSignature(raw, 'other') } })))).toBe(403);
    for (const body of ['not json', '[]', '{"object":"page"}', `${'['.repeat(40)}${']'.repeat(40)}`].map((s) => Buffer.from(s))) {
      expect(await refusal(post.handle(request({ body, headers: signed(body) })))).toBe(400);
    }
    expect(calls).toEqual([]);
  });
});
