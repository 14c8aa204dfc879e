import { describe, expect, it } from 'vitest';
import { buildTwilioMessageRequest, makeTwilioSender, twilioErrorReason } from '../../../../../shared/adapters/channels/twilio/sender.js';
import type { OutboundChannelMessage } from '../../../../../shared/ports/channels.js';

const accountSid = `AC${'1'.repeat(32)}`;
const credentials = { provider: 'twilio', accountSid, authToken: 'secret-token' } as const;
const sid = `SM${'f'.repeat(32)}`;

function outbound(overrides: Partial<OutboundChannelMessage> = {}): OutboundChannelMessage {
  return {
    accountId: 'A1', inboxId: 'I1', conversationId: 'C1', messageId: 'M1', channel: 'sms',
    from: '+15550000001', to: '+15550000002', body: 'Your order shipped.', ...overrides,
  };
}

/** A fetch that records the request and answers as scripted. */
function scriptedFetch(answer: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return answer();
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('Twilio sender', () => {
  it('posts the Messages API form with Basic auth, the status callback and each media URL', async () => {
    // Prepare
    const { calls, fetch } = scriptedFetch(() => json(201, { sid, status: 'queued' }));
    const sender = makeTwilioSender({ baseUrl: 'https://api.twilio.test/', fetch });
    // Act
    const outcome = await sender.send(outbound({ mediaUrls: ['https://files.example/a.png', 'https://files.example/b.pdf'], statusCallbackUrl: 'https://sb.example/webhooks/twilio/I1' }), credentials);
    // Assess
    expect(outcome).toEqual({ kind: 'sent', providerMessageId: sid });
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url).toBe(`https://api.twilio.test/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(init.method).toBe('POST');
    const headers = init.headers as Record<string, string>;
    expect(headers.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:secret-token`).toString('base64')}`);
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(String(init.body))]).toEqual([
      ['To', '+15550000002'], ['From', '+15550000001'], ['Body', 'Your order shipped.'],
      ['MediaUrl', 'https://files.example/a.png'], ['MediaUrl', 'https://files.example/b.pdf'],
      ['StatusCallback', 'https://sb.example/webhooks/twilio/I1'],
    ]);
  });

  it('prefixes WhatsApp addresses with whatsapp: (once)', () => {
    const request = buildTwilioMessageRequest('https://api.twilio.com', outbound({ channel: 'whatsapp', to: 'whatsapp:+15550000002' }), credentials);
    expect('params' in request && request.params.slice(0, 2)).toEqual([['To', 'whatsapp:+15550000002'], ['From', 'whatsapp:+15550000001']]);
  });

  it('sends a WhatsApp template by Content SID with numbered variables', () => {
    const contentSid = `HX${'a'.repeat(32)}`;
    const request = buildTwilioMessageRequest('https://api.twilio.com', outbound({ channel: 'whatsapp', template: { name: contentSid, language: 'en', parameters: ['Ada', '42'] } }), credentials);
    expect('params' in request && request.params).toEqual([
      ['To', 'whatsapp:+15550000002'], ['From', 'whatsapp:+15550000001'], ['ContentSid', contentSid], ['ContentVariables', '{"1":"Ada","2":"42"}'],
    ]);
  });

  it('accepts a Content SID stored lower-case', () => {
    const request = buildTwilioMessageRequest('https://api.twilio.com', outbound({ channel: 'whatsapp', template: { name: `hx${'b'.repeat(32)}`, language: 'en' } }), credentials);
    expect('params' in request && request.params).toContainEqual(['ContentSid', `HX${'b'.repeat(32)}`]);
  });

  it('refuses, without calling Twilio, what Twilio would refuse', async () => {
    const { calls, fetch } = scriptedFetch(() => json(201, { sid }));
    const sender = makeTwilioSender({ baseUrl: 'https://api.twilio.test', fetch });
    expect((await sender.send(outbound({ body: '' }), credentials)).kind).toBe('failed');
    expect((await sender.send(outbound({ channel: 'whatsapp', template: { name: 'order_update', language: 'en' } }), credentials)).kind).toBe('failed');
    expect((await sender.send(outbound(), { provider: 'meta', accessToken: 'x' })).kind).toBe('failed');
    expect(calls).toHaveLength(0);
  });

  it('marks a 400 failed with Twilio\'s code and message', async () => {
    const { fetch } = scriptedFetch(() => json(400, { code: 21211, message: "The 'To' number +1 is not a valid phone number.", status: 400 }));
    const outcome = await makeTwilioSender({ baseUrl: 'https://api.twilio.test', fetch }).send(outbound(), credentials);
    expect(outcome).toEqual({ kind: 'failed', reason: "HTTP 400: Twilio 21211: The 'To' number +1 is not a valid phone number." });
  });

  it('retries a 429 with its Retry-After and a 503', async () => {
    const limited = await makeTwilioSender({ baseUrl: 'https://t', fetch: scriptedFetch(() => json(429, { code: 20429, message: 'Too Many Requests' }, { 'retry-after': '7' })).fetch }).send(outbound(), credentials);
    expect(limited).toMatchObject({ kind: 'retry', retryAfterSeconds: 7 });
    const down = await makeTwilioSender({ baseUrl: 'https://t', fetch: scriptedFetch(() => new Response('<html>Service Unavailable</html>', { status: 503 })).fetch }).send(outbound(), credentials);
    expect(down).toEqual({ kind: 'retry', reason: 'HTTP 503: Twilio answered HTTP 503' });
  });

  it('retries a network error and a timeout', async () => {
    const refused = await makeTwilioSender({ baseUrl: 'https://t', fetch: scriptedFetch(() => { throw new TypeError('fetch failed'); }).fetch }).send(outbound(), credentials);
    expect(refused.kind).toBe('retry');
    const hanging = ((_url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof globalThis.fetch;
    const timedOut = await makeTwilioSender({ baseUrl: 'https://t', fetch: hanging, timeoutMs: 20 }).send(outbound(), credentials);
    expect(timedOut).toEqual({ kind: 'retry', reason: 'provider timed out' });
  });

  it('does not retry a 2xx without a message SID (a retry could send twice)', async () => {
    const outcome = await makeTwilioSender({ baseUrl: 'https://t', fetch: scriptedFetch(() => new Response('ok', { status: 200 })).fetch }).send(outbound(), credentials);
    expect(outcome.kind).toBe('failed');
  });

  it('reads reasons from JSON errors and falls back to the status', () => {
    expect(twilioErrorReason(400, '{"code":21610,"message":"Attempt to send to unsubscribed recipient"}')).toBe('Twilio 21610: Attempt to send to unsubscribed recipient');
    expect(twilioErrorReason(404, 'not json')).toBe('Twilio answered HTTP 404');
    expect(twilioErrorReason(400, '{"code":30007}')).toBe('Twilio 30007: filtered by the carrier');
  });
});

describe('Twilio sender status callback', () => {
  it('asks Twilio to post receipts to the inbox\'s status URL under the public URL', async () => {
    // Prepare
    const { calls, fetch } = scriptedFetch(() => json(201, { sid }));
    const sender = makeTwilioSender({ baseUrl: 'https://api.twilio.test', publicUrl: 'https://sb.example/', fetch });
    // Act
    await sender.send(outbound(), credentials);
    // Assess
    expect(new URLSearchParams(String(calls[0]!.init.body)).get('StatusCallback')).toBe('https://sb.example/webhooks/twilio/I1/status');
  });
});
