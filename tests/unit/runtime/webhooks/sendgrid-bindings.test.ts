import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { DeliveryReceipt, InboundChannelMessage } from '../../../../shared/ports/channels.js';
import { makeSendgridBindings, type SendgridWebhookDeps } from '../../../../shared/runtime/webhooks/sendgrid-bindings.js';
import { webhookRouter } from '../../../../shared/runtime/webhooks/webhook-router.js';
import { httpEvent, lambdaContext } from '../../../helpers/http-events.js';
import { fuzzEventCase, fuzzInboundCase, inboundParseBody, makeEventSigningKey, seededRandom, sendgridEvent, signEventBody } from '../../../helpers/sendgrid-fixtures.js';

const eventKey = makeEventSigningKey();

function world(overrides: Partial<SendgridWebhookDeps> = {}) {
  const received: InboundChannelMessage[] = [];
  const receipts: DeliveryReceipt[] = [];
  const objects: { objectKey: string; contentType: string; size: number }[] = [];
  const deps: SendgridWebhookDeps = {
    findInboxRoute: async (inboxId) => (inboxId === 'inbox1' ? { accountId: 'acc1', inboxId } : undefined),
    credentials: { get: async (accountId, inboxId) => (accountId === 'acc1' && inboxId === 'inbox1' ? { provider: 'sendgrid', inboundSecret: 'the-inbound-secret' } : undefined) },
    platformSecrets: { sendgrid: async () => ({ apiKey: 'SG.x', eventWebhookPublicKey: eventKey.publicKeyBase64 }) },
    storage: { putObject: async (o) => { objects.push({ objectKey: o.objectKey, contentType: o.contentType, size: o.body.byteLength }); } },
    receiveChannelMessage: async (m) => { received.push(m); return { outcome: 'stored' }; },
    applyDeliveryReceipt: async (r) => { receipts.push(r); return 'applied'; },
    ...overrides,
  };
  const handle = webhookRouter(makeSendgridBindings(() => deps));
  return { received, receipts, objects, handle };
}

function inboundEvent(path: string, body: Buffer, contentType: string): APIGatewayProxyEventV2 {
  const event = httpEvent(`POST ${path}`, { rawBody: body.toString('base64'), headers: { 'content-type': contentType } });
  return { ...event, routeKey: '$default', isBase64Encoded: true };
}

describe('POST /webhooks/sendgrid/{inboxId}/{secret}', () => {
  it('hands a verified email to the pipeline with threading, the trimmed body and the original HTML', async () => {
    // Prepare
    const { received, objects, handle } = world();
    const { body, contentType } = inboundParseBody({
      from: '"Jane Doe" <Jane@Example.com>',
      subject: 'Re: Your order',
      text: 'It arrived, thanks!\n\nOn Mon, Jan 1, 2024 at 10:00 AM Acme <support@acme.test> wrote:\n> Your order shipped.',
      html: '<div>It arrived, thanks!</div><div class="gmail_quote">On Mon wrote:<blockquote>Your order shipped.</blockquote></div>',
      messageId: '<CAB2@mail.gmail.com>',
      inReplyTo: '<sb-1@acme.test>',
      references: ['<root@acme.test>', '<sb-1@acme.test>'],
      attachments: [
        { fileName: 'photo.png', contentType: 'image/png', content: Buffer.alloc(2048, 1) },
        { fileName: 'setup.exe', contentType: 'application/x-msdownload', content: 'MZ' },
      ],
    });

    // Act
    const response = await handle(inboundEvent('/webhooks/sendgrid/inbox1/the-inbound-secret', body, contentType), lambdaContext());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(received).toHaveLength(1);
    const message = received[0]!;
    expect(message).toMatchObject({
      accountId: 'acc1', inboxId: 'inbox1', channel: 'email', externalContactId: 'jane@example.com', contactName: 'Jane Doe', contactEmail: 'jane@example.com',
      providerMessageId: '<CAB2@mail.gmail.com>', dedupeKey: 'sendgrid#<CAB2@mail.gmail.com>', dedupeTtlSeconds: 345_600,
      body: 'It arrived, thanks!\n\n[Attachment not kept: setup.exe (type not allowed)]',
      email: { messageId: '<CAB2@mail.gmail.com>', inReplyTo: '<sb-1@acme.test>', references: ['<root@acme.test>', '<sb-1@acme.test>'], subject: 'Re: Your order' },
    });
    expect(message.email?.html).toContain('gmail_quote');
    expect(message.attachments).toEqual([{ fileName: 'photo.png', contentType: 'image/png', size: 2048, objectKey: expect.stringMatching(/^accounts\/acc1\/attachments\/[0-9a-f]{32}\/photo\.png$/) }]);
    expect(objects).toEqual([{ objectKey: message.attachments![0]!.objectKey, contentType: 'image/png', size: 2048 }]);
  });

  it('answers 404 and writes nothing for a wrong secret or an unknown inbox', async () => {
    // Prepare
    const { received, objects, handle } = world();
    const { body, contentType } = inboundParseBody({ text: 'hi', messageId: '<x@y>', attachments: [{ fileName: 'a.png', contentType: 'image/png', content: 'x' }] });

    // Act
    const wrong = await handle(inboundEvent('/webhooks/sendgrid/inbox1/the-inbound-secreT', body, contentType), lambdaContext());
    const unknown = await handle(inboundEvent('/webhooks/sendgrid/inbox2/the-inbound-secret', body, contentType), lambdaContext());

    // Assess
    expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(received).toEqual([]);
    expect(objects).toEqual([]);
  });

  it('answers 4xx for a body it cannot read or an email without a sender address', async () => {
    // Prepare
    const { received, handle } = world();
    const senderless = Buffer.from('--b\r\nContent-Disposition: form-data; name="headers"\r\n\r\nFrom: nobody\r\n--b\r\nContent-Disposition: form-data; name="from"\r\n\r\nnobody\r\n--b--\r\n');

    // Act
    const notMultipart = await handle(inboundEvent('/webhooks/sendgrid/inbox1/the-inbound-secret', Buffer.from('{}'), 'application/json'), lambdaContext());
    const noSender = await handle(inboundEvent('/webhooks/sendgrid/inbox1/the-inbound-secret', senderless, 'multipart/form-data; boundary=b'), lambdaContext());

    // Assess
    expect(notMultipart.statusCode).toBe(415);
    expect(noSender.statusCode).toBe(400);
    expect(received).toEqual([]);
  });
});

describe('POST /webhooks/sendgrid/{inboxId}/{secret} when storage fails', () => {
  it('answers 5xx so SendGrid retries, and hands nothing to the pipeline when a file could not be stored', async () => {
    // Prepare
    const { received, handle } = world({ storage: { putObject: async () => { throw new Error('S3 down'); } } });
    const { body, contentType } = inboundParseBody({ text: 'hi', messageId: '<s3@x>', attachments: [{ fileName: 'a.png', contentType: 'image/png', content: 'x' }] });

    // Act
    const response = await handle(inboundEvent('/webhooks/sendgrid/inbox1/the-inbound-secret', body, contentType), lambdaContext());

    // Assess
    expect(response.statusCode).toBe(500);
    expect(received).toEqual([]);
  });

  it('answers 5xx when the pipeline cannot queue the AI job (the redelivery is deduplicated)', async () => {
    const { handle } = world({ receiveChannelMessage: async () => { throw Object.assign(new Error('queue down'), { name: 'JobQueueUnavailableError' }); } });
    const { body, contentType } = inboundParseBody({ text: 'hi', messageId: '<q@x>' });
    const response = await handle(inboundEvent('/webhooks/sendgrid/inbox1/the-inbound-secret', body, contentType), lambdaContext());
    expect(response.statusCode).toBe(500);
  });
});

describe('POST /webhooks/sendgrid/events', () => {
  it('applies the receipts of a signed batch once per sg_event_id', async () => {
    // Prepare
    const { receipts, handle } = world();
    const delivered = sendgridEvent({ event: 'delivered', sgEventId: 'ev-1', sgMessageId: 'W8sS9', accountId: 'acc1', messageId: 'msg1' });
    const body = JSON.stringify([delivered, delivered, sendgridEvent({ event: 'open', sgEventId: 'ev-2', sgMessageId: 'W8sS9', accountId: 'acc1', messageId: 'msg1' })]);

    // Act
    const response = await handle(httpEvent('POST /webhooks/sendgrid/events', { rawBody: body, headers: signEventBody(eventKey, body) }), lambdaContext());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(receipts.map((r) => [r.status, r.providerMessageId, r.dedupeKey])).toEqual([['delivered', 'W8sS9', 'sendgrid-event#ev-1'], ['read', 'W8sS9', 'sendgrid-event#ev-2']]);
  });

  it('refuses a bad or missing signature with 403 and applies nothing', async () => {
    // Prepare
    const { receipts, handle } = world();
    const body = JSON.stringify([sendgridEvent({ event: 'delivered', sgEventId: 'ev-1', sgMessageId: 'W8sS9', accountId: 'acc1', messageId: 'msg1' })]);
    const headers = signEventBody(makeEventSigningKey(), body);

    // Act
    const forged = await handle(httpEvent('POST /webhooks/sendgrid/events', { rawBody: body, headers }), lambdaContext());
    const missing = await handle(httpEvent('POST /webhooks/sendgrid/events', { rawBody: body }), lambdaContext());

    // Assess
    expect([forged.statusCode, missing.statusCode]).toEqual([403, 403]);
    expect(receipts).toEqual([]);
  });

  it('answers 400 for a signed body that is not an array of events', async () => {
    const { handle } = world();
    const body = '{"event":"delivered"}';
    const response = await handle(httpEvent('POST /webhooks/sendgrid/events', { rawBody: body, headers: signEventBody(eventKey, body) }), lambdaContext());
    expect(response.statusCode).toBe(400);
  });
});

describe('SendGrid webhooks under fuzzed input', () => {
  it('answers 10,000 fuzzed Inbound Parse bodies and 10,000 fuzzed signed event bodies without a 5xx', async () => {
    // Prepare
    const { handle } = world();
    const random = seededRandom(20261201);
    const statuses = new Map<number, number>();

    // Act
    for (let i = 0; i < 10_000; i++) {
      const { body, contentType } = fuzzInboundCase(random, i);
      const inbound = await handle(inboundEvent('/webhooks/sendgrid/inbox1/the-inbound-secret', body, contentType), lambdaContext());
      const events = fuzzEventCase(random, i);
      const signed = await handle(httpEvent('POST /webhooks/sendgrid/events', { rawBody: events, headers: signEventBody(eventKey, events) }), lambdaContext());
      for (const status of [inbound.statusCode!, signed.statusCode!]) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }

    // Assess
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(1000);
  }, 60_000);
});
