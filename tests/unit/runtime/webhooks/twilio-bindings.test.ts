import { describe, expect, it } from 'vitest';
import { encodeTwilioForm } from '../../../../shared/adapters/channels/twilio/form.js';
import { twilioBodySha256, twilioSignature, type FormParameter } from '../../../../shared/adapters/channels/twilio/signature.js';
import type { Inbox } from '../../../../shared/domain/entities.js';
import type { DeliveryReceipt, InboundChannelMessage } from '../../../../shared/ports/channels.js';
import { ChannelNotFoundError } from '../../../../shared/services/channels/errors.js';
import { makeTwilioBindings, voiceLines, type TwilioWebhookInbox } from '../../../../shared/runtime/webhooks/twilio-bindings.js';
import { webhookRouter } from '../../../../shared/runtime/webhooks/webhook-router.js';
import { httpEvent, lambdaContext } from '../../../helpers/http-events.js';

const smsInboxId = '01JTWSMS000000000000000000';
const voiceInboxId = '01JTWV0CE00000000000000000';
const authToken = 'tenant-auth-token';
const accountSid = `AC${'a'.repeat(32)}`;
const messageSid = `SM${'1'.repeat(32)}`;
const callSid = `CA${'2'.repeat(32)}`;
const base = 'https://switchboard.example/webhooks/twilio';

function inbox(id: string, channel: Inbox['channel'], extra: Partial<Inbox> = {}): Inbox {
  const webhookUrl = channel === 'voice' ? `${base}/${id}/voice` : `${base}/${id}`;
  return { accountId: 'ACCT1', id, name: channel, channel, channelAddress: '+15550000000', webhookUrl, createdAt: '2026-01-01T00:00:00.000Z', ...extra };
}

/** The bindings over recording fakes, behind the real webhook router. */
function setup(options: { forwardingNumber?: string; failStore?: Error } = {}) {
  const inboxes = new Map<string, TwilioWebhookInbox>([
    [smsInboxId, { inbox: inbox(smsInboxId, 'whatsapp'), credentials: { provider: 'twilio', accountSid, authToken } }],
    [voiceInboxId, { inbox: inbox(voiceInboxId, 'voice', options.forwardingNumber ? { forwardingNumber: options.forwardingNumber } : {}), credentials: { provider: 'twilio', accountSid, authToken } }],
  ]);
  const stored: InboundChannelMessage[] = [];
  const receipts: DeliveryReceipt[] = [];
  const router = webhookRouter(makeTwilioBindings({
    resolveInbox: async (id) => inboxes.get(id),
    async receiveChannelMessage(message) {
      if (options.failStore) throw options.failStore;
      stored.push(message);
      return { outcome: 'stored', conversationId: 'C1', messageId: 'M1' };
    },
    async applyDeliveryReceipt(receipt) {
      receipts.push(receipt);
      return 'applied';
    },
    holdingLine: () => 'Thank you. We will follow up shortly. Say agent to speak to a person.',
  }));
  /** Posts a form signed as Twilio signs it (or with the given signature). */
  async function post(path: string, params: FormParameter[], opts: { signature?: string | null; signedUrl?: string; query?: Record<string, string> } = {}) {
    const query = opts.query ? `?${new URLSearchParams(opts.query)}` : '';
    const url = opts.signedUrl ?? `https://switchboard.example${path}${query}`;
    const signature = opts.signature === undefined ? twilioSignature(authToken, url, params) : opts.signature;
    const suffix = /\/(voice|status)$/.exec(path)?.[0] ?? '';
    const routeKey = `POST /webhooks/twilio/{inboxId}${suffix}`;
    const event = httpEvent(routeKey, {
      rawBody: encodeTwilioForm(params),
      params: { inboxId: path.split('/')[3]! },
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
      ...(opts.query ? { query: opts.query } : {}),
    });
    const result = await router(event, lambdaContext());
    return { status: result.statusCode, body: String(result.body ?? ''), contentType: result.headers?.['content-type'] };
  }
  return { post, router, stored, receipts };
}

const inboundWhatsApp: FormParameter[] = [
  ['MessageSid', messageSid], ['AccountSid', accountSid], ['From', 'whatsapp:+15551230000'], ['To', 'whatsapp:+15550000000'],
  ['Body', 'Is my order on its way?'], ['NumMedia', '1'], ['MediaUrl0', 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1'],
  ['MediaContentType0', 'image/png'], ['ProfileName', 'Grace'], ['SmsStatus', 'received'], ['ApiVersion', '2010-04-01'],
];

describe('Twilio messaging webhook', () => {
  it('stores a signed WhatsApp message with its media and answers empty TwiML', async () => {
    // Prepare
    const { post, stored } = setup();
    // Act
    const response = await post(`/webhooks/twilio/${smsInboxId}`, inboundWhatsApp);
    // Assess
    expect(response).toEqual({ status: 200, contentType: 'text/xml; charset=utf-8', body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' });
    expect(stored).toEqual([expect.objectContaining({
      accountId: 'ACCT1', inboxId: smsInboxId, channel: 'whatsapp', externalContactId: '+15551230000', contactName: 'Grace',
      body: 'Is my order on its way?', dedupeKey: `twilio#${messageSid}`,
      attachments: [{ fileName: 'media-1.png', contentType: 'image/png', providerUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1' }],
    })]);
  });

  it('accepts the URL signed with the default port', async () => {
    const { post, stored } = setup();
    const response = await post(`/webhooks/twilio/${smsInboxId}`, inboundWhatsApp, { signedUrl: `https://switchboard.example:443/webhooks/twilio/${smsInboxId}` });
    expect(response.status).toBe(200);
    expect(stored).toHaveLength(1);
  });

  it('refuses a bad, missing or other-URL signature with 403 and writes nothing', async () => {
    const { post, stored, receipts } = setup();
    const path = `/webhooks/twilio/${smsInboxId}`;
    expect((await post(path, inboundWhatsApp, { signature: null })).status).toBe(403);
    expect((await post(path, inboundWhatsApp, { signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' })).status).toBe(403);
    expect((await post(path, inboundWhatsApp, { signedUrl: `https://attacker.example${path}` })).status).toBe(403);
    expect((await post(path, inboundWhatsApp, { signature: twilioSignature('another-token', `https://switchboard.example${path}`, inboundWhatsApp) })).status).toBe(403);
    expect(stored).toHaveLength(0);
    expect(receipts).toHaveLength(0);
  });

  it('answers 400 for a signed body with a bad field, naming it', async () => {
    const { post, stored } = setup();
    const response = await post(`/webhooks/twilio/${smsInboxId}`, [['MessageSid', 'nope'], ['From', '+1'], ['To', '+2']]);
    expect(response.status).toBe(400);
    expect(response.body).toContain('body.MessageSid');
    expect(stored).toHaveLength(0);
  });

  it('applies a status callback as a receipt keyed MessageSid#MessageStatus', async () => {
    const { post, receipts, stored } = setup();
    const response = await post(`/webhooks/twilio/${smsInboxId}`, [['MessageSid', messageSid], ['MessageStatus', 'read'], ['SmsStatus', 'read'], ['AccountSid', accountSid]]);
    expect(response.status).toBe(200);
    expect(receipts).toEqual([expect.objectContaining({ accountId: 'ACCT1', provider: 'twilio', providerMessageId: messageSid, status: 'read', dedupeKey: `twilio#${messageSid}#read` })]);
    expect(stored).toHaveLength(0);
  });

  it('applies receipts posted to the status URL the sender sets, signed for that URL', async () => {
    const { post, receipts } = setup();
    const callback: FormParameter[] = [['MessageSid', messageSid], ['MessageStatus', 'undelivered'], ['ErrorCode', '30003'], ['AccountSid', accountSid]];
    expect((await post(`/webhooks/twilio/${smsInboxId}/status`, callback)).status).toBe(200);
    expect((await post(`/webhooks/twilio/${smsInboxId}/status`, callback, { signedUrl: `https://switchboard.example/webhooks/twilio/${smsInboxId}` })).status).toBe(403);
    expect(receipts).toEqual([expect.objectContaining({ status: 'failed', reason: 'Twilio 30003: unreachable destination handset', dedupeKey: `twilio#${messageSid}#undelivered` })]);
  });

  it('drops a post to an unknown inbox with 200 and nothing written', async () => {
    const { post, stored } = setup();
    expect((await post('/webhooks/twilio/01JTWXNKNWN000000000000000', inboundWhatsApp)).status).toBe(200);
    expect((await post('/webhooks/twilio/not-an-id', inboundWhatsApp)).status).toBe(200);
    expect(stored).toHaveLength(0);
  });

  it('verifies a JSON body by its bodySHA256', async () => {
    // Prepare
    const { router, stored } = setup();
    const raw = JSON.stringify({ MessageSid: messageSid, From: '+15551230000', To: '+15550000000', Body: 'json hello' });
    const hash = twilioBodySha256(raw);
    const signature = twilioSignature(authToken, `https://switchboard.example/webhooks/twilio/${smsInboxId}?bodySHA256=${hash}`);
    const event = (sig: string, body: string) => httpEvent('POST /webhooks/twilio/{inboxId}', { rawBody: body, params: { inboxId: smsInboxId }, query: { bodySHA256: hash }, headers: { 'content-type': 'application/json', 'x-twilio-signature': sig } });
    // Act
    const ok = await router(event(signature, raw), lambdaContext());
    const tampered = await router(event(signature, raw.replace('json hello', 'json hellO')), lambdaContext());
    // Assess
    expect(ok.statusCode).toBe(200);
    expect(tampered.statusCode).toBe(403);
    expect(stored.map((m) => m.body)).toEqual(['json hello']);
  });

  it('answers 500 when the pipeline cannot queue, so Twilio retries', async () => {
    const queueDown = Object.assign(new Error('queue down'), { name: 'JobQueueUnavailableError' });
    const { post } = setup({ failStore: queueDown });
    expect((await post(`/webhooks/twilio/${smsInboxId}`, inboundWhatsApp)).status).toBe(500);
  });

  it('drops a message for an inbox deleted meanwhile', async () => {
    const { post } = setup({ failStore: new ChannelNotFoundError('inbox') });
    expect((await post(`/webhooks/twilio/${smsInboxId}`, inboundWhatsApp)).status).toBe(200);
  });
});

describe('Twilio voice webhook', () => {
  const path = `/webhooks/twilio/${voiceInboxId}/voice`;
  const call = (extra: FormParameter[] = [], status = 'in-progress'): FormParameter[] => [
    ['CallSid', callSid], ['AccountSid', accountSid], ['From', '+15551230000'], ['To', '+15550000000'], ['CallStatus', status], ['Direction', 'inbound'], ...extra,
  ];

  it('answers a new call with a speech Gather posting turn 1 back to the voice URL', async () => {
    const { post, stored } = setup();
    const response = await post(path, call([], 'ringing'));
    expect(response.status).toBe(200);
    expect(response.body).toContain(`<Gather input="speech" action="https://switchboard.example${path}?turn=1" method="POST" speechTimeout="auto"><Say>${voiceLines.greeting}</Say></Gather>`);
    expect(stored).toHaveLength(0);
  });

  it('stores the caller\'s speech in the conversation and keeps listening', async () => {
    const { post, stored } = setup();
    const response = await post(path, call([['SpeechResult', 'I need to change my delivery address'], ['Confidence', '0.92']]), { query: { turn: '1' } });
    expect(response.status).toBe(200);
    expect(response.body).toContain(`action="https://switchboard.example${path}?turn=2"`);
    expect(response.body).toContain('<Say>Thank you.');
    expect(stored).toEqual([expect.objectContaining({ channel: 'voice', body: 'I need to change my delivery address', dedupeKey: `twilio#${callSid}#turn-1`, externalContactId: '+15551230000' })]);
  });

  it('dials the forwarding number when the caller asks for an agent', async () => {
    const { post, stored } = setup({ forwardingNumber: '+15559998888' });
    const response = await post(path, call([['SpeechResult', 'Agent.']]), { query: { turn: '2' } });
    expect(response.body).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Say>${voiceLines.connecting}</Say><Dial><Number>+15559998888</Number></Dial></Response>`);
    expect(stored.map((m) => m.body)).toEqual(['Agent.']);
  });

  it('keeps listening when an agent is asked for but no forwarding number is set', async () => {
    const { post } = setup();
    const response = await post(path, call([['SpeechResult', 'agent']]), { query: { turn: '1' } });
    expect(response.body).toContain(voiceLines.noAgent);
    expect(response.body).not.toContain('<Dial>');
  });

  it('refuses a turn signed for another URL and an unexpected query', async () => {
    const { post, stored } = setup();
    const speech = call([['SpeechResult', 'hello']]);
    expect((await post(path, speech, { query: { turn: '1' }, signedUrl: `https://switchboard.example${path}` })).status).toBe(403);
    expect((await post(path, speech, { query: { next: 'x' } })).status).toBe(403);
    expect(stored).toHaveLength(0);
  });

  it('says nothing more once the call has ended', async () => {
    const { post, stored } = setup();
    const response = await post(path, call([], 'completed'));
    expect(response.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(stored).toHaveLength(0);
  });

  it('does not take calls on a messaging inbox', async () => {
    const { post } = setup();
    const response = await post(`/webhooks/twilio/${smsInboxId}/voice`, call([], 'ringing'));
    expect(response.status).toBe(404);
  });
});
