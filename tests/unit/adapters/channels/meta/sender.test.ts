import { describe, expect, it } from 'vitest';
import type { OutboundChannelMessage } from '../../../../../shared/ports/channels.js';
import { classifyGraphResponse, graphRequestsFor, makeMetaSender, mediaKindOf } from '../../../../../shared/adapters/channels/meta/sender.js';

const base: OutboundChannelMessage = {
  accountId: 'A', inboxId: 'I', conversationId: 'C', messageId: 'M', channel: 'messenger', from: '111', to: '222', body: 'Hello there',
};

interface Recorded { url: string; init: RequestInit }

function fakeFetch(responses: readonly (Response | Error)[]) {
  const calls: Recorded[] = [];
  let i = 0;
  const fn = (async (url: string | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses[Math.min(i++, responses.length - 1)]!;
    if (next instanceof Error) throw next;
    return next.clone();
  }) as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('graphRequestsFor', () => {
  it('sends Messenger text to /{page-id}/messages with recipient.id and messaging_type RESPONSE', () => {
    expect(graphRequestsFor(base)).toEqual([{ path: '/111/messages', body: { recipient: { id: '222' }, messaging_type: 'RESPONSE', message: { text: 'Hello there' } } }]);
  });

  it('sends Messenger files as attachments before the text', () => {
    const requests = graphRequestsFor({ ...base, mediaUrls: ['https://b.s3/x/photo.PNG?X-Amz-Signature=1', 'https://b.s3/x/report.pdf'] });
    expect(requests.map((r) => r.body.message)).toEqual([
      { attachment: { type: 'image', payload: { url: 'https://b.s3/x/photo.PNG?X-Amz-Signature=1', is_reusable: false } } },
      { attachment: { type: 'file', payload: { url: 'https://b.s3/x/report.pdf', is_reusable: false } } },
      { text: 'Hello there' },
    ]);
  });

  it('sends Instagram text to /{ig-user-id}/messages', () => {
    expect(graphRequestsFor({ ...base, channel: 'instagram', from: '17841400000', to: '333' })).toEqual([
      { path: '/17841400000/messages', body: { recipient: { id: '333' }, message: { text: 'Hello there' } } },
    ]);
  });

  it('sends WhatsApp text to /{phone-number-id}/messages with messaging_product whatsapp', () => {
    expect(graphRequestsFor({ ...base, channel: 'whatsapp_cloud', from: '106540352242922', to: '16505551234' })).toEqual([
      {
        path: '/106540352242922/messages',
        body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'text', text: { preview_url: false, body: 'Hello there' } },
      },
    ]);
  });

  it('sends a WhatsApp template with its language and body parameters instead of text', () => {
    const [request] = graphRequestsFor({ ...base, channel: 'whatsapp_cloud', from: '1', to: '2', template: { name: 'order_update', language: 'en_US', parameters: ['#123', 'Friday'] } });
    expect(request?.body).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: '2', type: 'template',
      template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '#123' }, { type: 'text', text: 'Friday' }] }] },
    });
    const [plain] = graphRequestsFor({ ...base, channel: 'whatsapp_cloud', from: '1', to: '2', template: { name: 'hello_world', language: 'en_US' } });
    expect(plain?.body.template).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
  });

  it('sends WhatsApp media by link (documents for other files)', () => {
    const requests = graphRequestsFor({ ...base, channel: 'whatsapp_cloud', from: '1', to: '2', body: '', mediaUrls: ['https://x/a.jpg', 'https://x/b.pdf'] });
    expect(requests.map((r) => [r.body.type, r.body[r.body.type as string]])).toEqual([
      ['image', { link: 'https://x/a.jpg' }],
      ['document', { link: 'https://x/b.pdf' }],
    ]);
  });

  it('guesses the media kind from the path extension', () => {
    expect(['a.jpeg', 'b.mp4', 'c.ogg', 'd.zip', 'noext', 'https://h/e.webp?x=.pdf'].map(mediaKindOf)).toEqual(['image', 'video', 'audio', 'file', 'file', 'image']);
  });
});

describe('classifyGraphResponse', () => {
  it('reads message_id (Messenger, Instagram) and messages[0].id (WhatsApp)', () => {
    expect(classifyGraphResponse(200, new Headers(), { recipient_id: '222', message_id: 'm_1' })).toEqual({ kind: 'sent', providerMessageId: 'm_1' });
    expect(classifyGraphResponse(200, new Headers(), { messaging_product: 'whatsapp', contacts: [{ input: '1', wa_id: '1' }], messages: [{ id: 'wamid.X' }] })).toEqual({ kind: 'sent', providerMessageId: 'wamid.X' });
  });

  it('retries Graph rate-limit and transient codes even on HTTP 400', () => {
    expect(classifyGraphResponse(400, new Headers(), { error: { message: '(#613) Calls to this api have exceeded the rate limit.', code: 613 } }).kind).toBe('retry');
    expect(classifyGraphResponse(400, new Headers(), { error: { message: 'Rate limit hit', code: 130429 } }).kind).toBe('retry');
    expect(classifyGraphResponse(400, new Headers(), { error: { message: 'x', code: 131056 } })).toMatchObject({ kind: 'retry', retryAfterSeconds: 6 });
    expect(classifyGraphResponse(500, new Headers(), { error: { message: 'x', code: 2, is_transient: true } }).kind).toBe('retry');
  });

  it('honours Retry-After on 429 and fails other 4xx with the provider reason and code', () => {
    expect(classifyGraphResponse(429, new Headers({ 'retry-after': '30' }), {})).toMatchObject({ kind: 'retry', retryAfterSeconds: 30 });
    const failed = classifyGraphResponse(400, new Headers(), { error: { message: '(#100) No matching user found', type: 'OAuthException', code: 100, error_subcode: 2018001 } });
    expect(failed).toEqual({ kind: 'failed', reason: 'HTTP 400: (#100) No matching user found (code 100/2018001)' });
    expect(classifyGraphResponse(401, new Headers(), 'not json').kind).toBe('failed');
  });
});

describe('makeMetaSender', () => {
  it('posts JSON with the bearer access token to the configured Graph URL', async () => {
    // Prepare
    const { fn, calls } = fakeFetch([json(200, { recipient_id: '222', message_id: 'm_out' })]);
    const sender = makeMetaSender({ graphUrl: 'http://127.0.0.1:9/v21.0/', fetch: fn });
    // Act
    const outcome = await sender.send(base, { provider: 'meta', accessToken: 'EAAG-token' });
    // Assess
    expect(outcome).toEqual({ kind: 'sent', providerMessageId: 'm_out' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('http://127.0.0.1:9/v21.0/111/messages');
    expect(calls[0]?.init.method).toBe('POST');
    expect((calls[0]?.init.headers as Record<string, string>).authorization).toBe('Bearer EAAG-token');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ recipient: { id: '222' }, messaging_type: 'RESPONSE', message: { text: 'Hello there' } });
  });

  it('stops at the first part that does not succeed', async () => {
    // Prepare
    const { fn, calls } = fakeFetch([json(200, { message_id: 'm_a' }), json(503, {})]);
    const sender = makeMetaSender({ graphUrl: 'http://g', fetch: fn });
    // Act
    const outcome = await sender.send({ ...base, mediaUrls: ['https://x/a.jpg', 'https://x/b.jpg'] }, { provider: 'meta', accessToken: 't' });
    // Assess
    expect(outcome.kind).toBe('retry');
    expect(calls).toHaveLength(2);
  });

  it('retries network errors and fails without a Meta token or for channels it does not serve', async () => {
    const { fn } = fakeFetch([new TypeError('fetch failed')]);
    const sender = makeMetaSender({ graphUrl: 'http://g', fetch: fn });
    expect((await sender.send(base, { provider: 'meta', accessToken: 't' })).kind).toBe('retry');
    expect(await sender.send(base, { provider: 'twilio', accountSid: 'AC', authToken: 'x' })).toMatchObject({ kind: 'failed' });
    expect(await sender.send({ ...base, channel: 'sms' }, { provider: 'meta', accessToken: 't' })).toMatchObject({ kind: 'failed' });
  });
});
