import { describe, expect, it } from 'vitest';
import { mailSendBody, makeSendGridSender, replySubject } from '../../../../../shared/adapters/channels/sendgrid/sender.js';
import type { OutboundChannelMessage } from '../../../../../shared/ports/channels.js';

const message: OutboundChannelMessage = {
  accountId: 'acc1',
  inboxId: 'inb1',
  conversationId: 'conv1',
  messageId: 'msg1',
  channel: 'email',
  from: 'support@parse.acme.test',
  to: 'jane@example.com',
  body: 'Your parcel ships today.\nBest, <Acme>',
  email: { subject: 'Where is my order?', inReplyTo: '<CAB2@mail.gmail.com>', references: ['<CAB1@mail.gmail.com>'], messageId: '<msg1.conv1@parse.acme.test>' },
};

const secrets = { sendgrid: async () => ({ apiKey: 'SG.test-key', eventWebhookPublicKey: '' }) };

function recordingFetch(response: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchStub = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return response();
  }) as typeof fetch;
  return { calls, fetchStub };
}

describe('mailSendBody', () => {
  it('builds a threaded v3 mail send with our Message-ID, In-Reply-To, References and custom args', () => {
    // Act
    const body = mailSendBody(message);

    // Assess
    expect(body).toEqual({
      personalizations: [{ to: [{ email: 'jane@example.com' }] }],
      from: { email: 'support@parse.acme.test' },
      subject: 'Re: Where is my order?',
      content: [
        { type: 'text/plain', value: 'Your parcel ships today.\nBest, <Acme>' },
        { type: 'text/html', value: '<div style="white-space:pre-wrap">Your parcel ships today.\nBest, &lt;Acme&gt;</div>' },
      ],
      headers: { 'Message-ID': '<msg1.conv1@parse.acme.test>', 'In-Reply-To': '<CAB2@mail.gmail.com>', References: '<CAB1@mail.gmail.com> <CAB2@mail.gmail.com>' },
      custom_args: { accountId: 'acc1', messageId: 'msg1' },
    });
  });

  it('does not stack "Re:" and strips line breaks from headers', () => {
    expect(replySubject('RE: Order', true)).toBe('RE: Order');
    expect(replySubject('Hello', false)).toBe('Hello');
    const body = mailSendBody({ ...message, email: { subject: 'x', messageId: '<a@b>\r\nBcc: evil@x.test' } });
    expect((body.headers as Record<string, string>)['Message-ID']).toBe('<a@b> Bcc: evil@x.test');
    expect(body.headers).not.toHaveProperty('In-Reply-To');
  });
});

describe('makeSendGridSender', () => {
  it('posts to /v3/mail/send with the API key and reads X-Message-Id from the 202', async () => {
    // Prepare
    const { calls, fetchStub } = recordingFetch(() => new Response('', { status: 202, headers: { 'x-message-id': 'W8sS9BR6Q0mx' } }));
    const sender = makeSendGridSender({ baseUrl: 'http://127.0.0.1:9/', secrets, fetch: fetchStub });

    // Act
    const outcome = await sender.send(message, { provider: 'sendgrid', inboundSecret: 's' });

    // Assess
    expect(outcome).toEqual({ kind: 'sent', providerMessageId: 'W8sS9BR6Q0mx' });
    expect(calls[0]!.url).toBe('http://127.0.0.1:9/v3/mail/send');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer SG.test-key');
    expect(JSON.parse(String(calls[0]!.init.body)).custom_args).toEqual({ accountId: 'acc1', messageId: 'msg1' });
  });

  it('fails a 400 with SendGrid\'s own message and retries a 429 after Retry-After', async () => {
    // Prepare
    const bad = makeSendGridSender({ baseUrl: 'http://x', secrets, fetch: recordingFetch(() => new Response('{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email"}]}', { status: 400 })).fetchStub });
    const busy = makeSendGridSender({ baseUrl: 'http://x', secrets, fetch: recordingFetch(() => new Response('', { status: 429, headers: { 'retry-after': '30' } })).fetchStub });

    // Act
    const failed = await bad.send(message, { provider: 'sendgrid', inboundSecret: 's' });
    const retried = await busy.send(message, { provider: 'sendgrid', inboundSecret: 's' });

    // Assess
    expect(failed).toEqual({ kind: 'failed', reason: 'HTTP 400: personalizations.0.to.0.email: Does not contain a valid address.' });
    expect(retried).toMatchObject({ kind: 'retry', retryAfterSeconds: 30 });
  });

  it('retries when the network fails', async () => {
    const sender = makeSendGridSender({ baseUrl: 'http://x', secrets, fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
    expect(await sender.send(message, { provider: 'sendgrid', inboundSecret: 's' })).toMatchObject({ kind: 'retry' });
  });
});
