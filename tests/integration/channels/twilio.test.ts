/**
 * Twilio channels through the real local gateway: webhooks signed exactly as Twilio signs them
 * (HMAC-SHA1 over the inbox's stored URL + sorted POST parameters), the real webhooks function,
 * DynamoDB Local and fauxqs; replies through the real outbound queue and sender to the fake
 * provider; receipts; voice; and 10,000 fuzzed bodies.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTwilioForm } from '../../../shared/adapters/channels/twilio/form.js';
import { twilioBodySha256, twilioSignature, type FormParameter } from '../../../shared/adapters/channels/twilio/signature.js';
import type { Inbox } from '../../../shared/domain/entities.js';
import { voiceLines } from '../../../shared/runtime/webhooks/twilio-bindings.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { prng, runFuzz } from '../../helpers/fuzz.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { withAiOff } from '../../helpers/ai-settings.js';
import { fakeProvider } from '../../helpers/fake-provider.js';
import { testContainer } from '../api/conversation-fixtures.js';
import { eventually } from '../local/support.js';

const gateway = process.env.SWITCHBOARD_WS_ENDPOINT!;
const accountSid = `AC${randomBytes(16).toString('hex')}`;
const authToken = randomBytes(16).toString('hex');

const hex32 = () => randomBytes(16).toString('hex');
const newMessageSid = () => `SM${hex32()}`;
const newCallSid = () => `CA${hex32()}`;
const newPhone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

interface Posted {
  readonly status: number;
  readonly body: string;
  readonly contentType: string | null;
}

/** POSTs a form to `url` signed as Twilio signs it (`signature: null` sends none). */
async function postSigned(url: string, params: readonly FormParameter[], options: { token?: string; signature?: string | null } = {}): Promise<Posted> {
  const signature = options.signature === undefined ? twilioSignature(options.token ?? authToken, url, params) : options.signature;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body: encodeTwilioForm(params),
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}

describe('Twilio channels through the gateway', () => {
  const c = testContainer();
  let admin: SignedInAgent;
  let sms: Inbox;
  let whatsapp: Inbox;
  let voice: Inbox;
  const smsNumber = newPhone();
  const whatsappNumber = newPhone();
  const forwardingNumber = newPhone();

  beforeAll(async () => {
    admin = await withAiOff(await signUp(gateway));
    const create = async (channel: 'sms' | 'whatsapp' | 'voice', channelAddress: string, extra: { forwardingNumber?: string } = {}) =>
      (await c.services.createChannelInbox({
        accountId: admin.account.id, name: `Twilio ${channel}`, channel, channelAddress,
        credentials: { provider: 'twilio', accountSid, authToken }, ...extra,
      })).inbox;
    sms = await create('sms', smsNumber);
    whatsapp = await create('whatsapp', whatsappNumber);
    voice = await create('voice', newPhone(), { forwardingNumber });
  });

  /** The conversation and its messages (through the agents' API) of the contact with this phone on this channel. */
  async function conversationOf(channel: Inbox['channel'], phone: string) {
    const identity = await c.repositories.contacts.findByIdentity(admin.account.id, channel, phone);
    if (!identity) return undefined;
    const page = await c.repositories.conversations.listByContact(admin.account.id, identity.contactId, { limit: 5 });
    const conversation = page.items[0];
    if (!conversation) return undefined;
    const { status, body } = await admin.call('GET', `/api/v1/conversations/${conversation.id}/messages?limit=50`);
    expect(status).toBe(200);
    return { conversation, contactId: identity.contactId, messages: body.items as { id: string; type: string; status: string; body: string; authorType: string; attachments?: { fileName: string; contentType: string; url?: string }[] }[] };
  }

  describe('inbound messages', () => {
    it('stores a signed SMS in the contact\'s conversation and answers empty TwiML', async () => {
      // Prepare
      const from = newPhone();
      const sid = newMessageSid();
      const params: FormParameter[] = [
        ['ToCountry', 'US'], ['SmsMessageSid', sid], ['NumMedia', '0'], ['SmsSid', sid], ['SmsStatus', 'received'], ['Body', 'Hi, where is my parcel?'],
        ['To', smsNumber], ['NumSegments', '1'], ['MessageSid', sid], ['AccountSid', accountSid], ['From', from], ['ApiVersion', '2010-04-01'],
      ];
      // Act
      const response = await postSigned(sms.webhookUrl!, params);
      // Assess
      expect(response.status).toBe(200);
      expect(response.contentType).toMatch(/^text\/xml/);
      expect(response.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
      const found = await conversationOf('sms', from);
      expect(found?.conversation.inboxId).toBe(sms.id);
      expect(found?.messages).toEqual([expect.objectContaining({ type: 'incoming', authorType: 'contact', body: 'Hi, where is my parcel?' })]);
    });

    it('stores the same MessageSid once when Twilio delivers it again', async () => {
      const from = newPhone();
      const params: FormParameter[] = [['MessageSid', newMessageSid()], ['From', from], ['To', smsNumber], ['Body', 'once'], ['AccountSid', accountSid]];
      for (let i = 0; i < 3; i++) expect((await postSigned(sms.webhookUrl!, params)).status).toBe(200);
      expect((await conversationOf('sms', from))?.messages.map((m) => m.body)).toEqual(['once']);
    });

    it('stores a WhatsApp message with its media as attachments, under the sender\'s profile name', async () => {
      // Prepare
      const from = newPhone();
      const params: FormParameter[] = [
        ['MessageSid', `MM${hex32()}`], ['AccountSid', accountSid], ['From', `whatsapp:${from}`], ['To', `whatsapp:${whatsappNumber}`],
        ['Body', 'The box arrived damaged'], ['NumMedia', '2'], ['ProfileName', 'Grace Hopper'], ['WaId', from.slice(1)],
        ['MediaUrl0', `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/MM1/Media/ME1`], ['MediaContentType0', 'image/jpeg'],
        ['MediaUrl1', `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/MM1/Media/ME2`], ['MediaContentType1', 'application/pdf'],
        ['SmsStatus', 'received'],
      ];
      // Act
      const response = await postSigned(whatsapp.webhookUrl!, params);
      // Assess
      expect(response.status).toBe(200);
      const found = await conversationOf('whatsapp', from);
      expect(found?.messages).toHaveLength(1);
      expect(found?.messages[0]?.body).toBe('The box arrived damaged');
      expect(found?.messages[0]?.attachments).toEqual([
        expect.objectContaining({ fileName: 'media-1.jpg', contentType: 'image/jpeg' }),
        expect.objectContaining({ fileName: 'media-2.pdf', contentType: 'application/pdf' }),
      ]);
      const contact = await c.repositories.contacts.get(admin.account.id, found!.contactId);
      expect(contact).toMatchObject({ name: 'Grace Hopper', phone: from });
    });

    it('accepts a JSON body verified by its bodySHA256', async () => {
      const from = newPhone();
      const raw = JSON.stringify({ MessageSid: newMessageSid(), From: from, To: smsNumber, Body: 'sent as JSON' });
      const hash = twilioBodySha256(raw);
      const url = `${sms.webhookUrl!}?bodySHA256=${hash}`;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-twilio-signature': twilioSignature(authToken, url) }, body: raw });
      expect(response.status).toBe(200);
      expect((await conversationOf('sms', from))?.messages.map((m) => m.body)).toEqual(['sent as JSON']);
    });

    it('refuses a bad or missing signature with 403 and writes nothing', async () => {
      // Prepare
      const from = newPhone();
      const params: FormParameter[] = [['MessageSid', newMessageSid()], ['From', from], ['To', smsNumber], ['Body', 'forged'], ['AccountSid', accountSid]];
      const url = sms.webhookUrl!;
      // Act
      const answers = [
        await postSigned(url, params, { signature: null }),
        await postSigned(url, params, { signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' }),
        await postSigned(url, params, { token: 'not-the-inbox-token' }),
        await postSigned(url, params, { signature: twilioSignature(authToken, `${url}/`, params) }),
        await postSigned(url, params, { signature: twilioSignature(authToken, url, [...params.slice(0, 3), ['Body', 'original']]) }),
      ];
      // Assess
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
      expect(await c.repositories.contacts.findByIdentity(admin.account.id, 'sms', from)).toBeUndefined();
    });
  });

  describe('outbound replies and receipts', () => {
    const fake = fakeProvider();

    /** A customer writes on `inbox`, an agent replies; resolves when Twilio (the fake) got the send. */
    async function replyThroughTwilio(inbox: Inbox, from: string, prefix: string, reply: string) {
      const inbound: FormParameter[] = [['MessageSid', newMessageSid()], ['From', `${prefix}${from}`], ['To', `${prefix}${inbox.channelAddress!}`], ['Body', 'Can someone help?'], ['AccountSid', accountSid]];
      expect((await postSigned(inbox.webhookUrl!, inbound)).status).toBe(200);
      const { conversation } = (await conversationOf(inbox.channel, from))!;
      const replied = await admin.call('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: reply });
      expect(replied.status).toBe(201);
      const [sent] = await fake.waitForRequests({ path: `/2010-04-01/Accounts/${accountSid}/Messages.json`, body: `To=${encodeURIComponent(`${prefix}${from}`)}` }, 1);
      expect(sent).toBeDefined();
      const messageId = replied.body.id as string;
      const stored = await eventually(async () => {
        const message = await c.repositories.messages.get(admin.account.id, conversation.id, messageId);
        return message?.status === 'sent' && message.providerMessageId ? message : undefined;
      }, 15_000, 'the reply to be recorded sent');
      return { conversation, sent: sent!, messageId, providerMessageId: stored.providerMessageId! };
    }

    /** The reply's status as the agents' API shows it, once it equals `status`. */
    async function statusBecomes(conversationId: string, messageId: string, status: string) {
      return eventually(async () => {
        const { body } = await admin.call('GET', `/api/v1/conversations/${conversationId}/messages?limit=50`);
        const message = (body.items as { id: string; status: string }[]).find((m) => m.id === messageId);
        return message?.status === status ? message : undefined;
      }, 15_000, `status ${status}`);
    }

    it('sends an agent\'s SMS reply with the Messages API form, Basic auth and the status callback; receipts move it to delivered', async () => {
      // Prepare + Act
      const from = newPhone();
      const { conversation, sent, messageId, providerMessageId } = await replyThroughTwilio(sms, from, '', 'Your parcel ships today.');
      // Assess: the request Twilio would have received
      expect(sent.method).toBe('POST');
      expect(sent.headers.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
      expect(sent.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(Object.fromEntries(new URLSearchParams(sent.rawBody))).toEqual({
        To: from, From: smsNumber, Body: 'Your parcel ships today.', StatusCallback: `${sms.webhookUrl!}/status`,
      });
      expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
      // Act: Twilio's status callbacks, signed for the status URL
      const statusUrl = `${sms.webhookUrl!}/status`;
      const callback = (status: string): FormParameter[] => [['MessageSid', providerMessageId], ['MessageStatus', status], ['SmsStatus', status], ['AccountSid', accountSid], ['To', from], ['From', smsNumber]];
      expect((await postSigned(statusUrl, callback('delivered'))).status).toBe(200);
      // Assess
      await statusBecomes(conversation.id, messageId, 'delivered');
      // A late `sent` does not move it back; a forged `failed` is refused.
      expect((await postSigned(statusUrl, callback('sent'))).status).toBe(200);
      expect((await postSigned(statusUrl, callback('failed'), { token: 'forged' })).status).toBe(403);
      expect((await c.repositories.messages.get(admin.account.id, conversation.id, messageId))?.status).toBe('delivered');
    });

    it('marks a reply failed with Twilio\'s code and message when Twilio refuses it (400, no retry)', async () => {
      // Prepare: Twilio refuses sends to this recipient
      const from = newPhone();
      await fake.script(`/2010-04-01/Accounts/${accountSid}/Messages.json`, [
        { status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400 } },
      ], { bodyIncludes: `To=${encodeURIComponent(from)}` });
      const inbound: FormParameter[] = [['MessageSid', newMessageSid()], ['From', from], ['To', smsNumber], ['Body', 'STOP? no, help'], ['AccountSid', accountSid]];
      expect((await postSigned(sms.webhookUrl!, inbound)).status).toBe(200);
      const { conversation } = (await conversationOf('sms', from))!;
      // Act
      const replied = await admin.call('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: 'Happy to help.' });
      // Assess
      const failed = await eventually(async () => {
        const message = await c.repositories.messages.get(admin.account.id, conversation.id, replied.body.id);
        return message?.status === 'failed' ? message : undefined;
      }, 15_000, 'the reply to fail');
      expect(failed.failureReason).toContain('Twilio 21610: Attempt to send to unsubscribed recipient');
      expect(await fake.requests({ path: `/Accounts/${accountSid}/Messages.json`, body: `To=${encodeURIComponent(from)}` })).toHaveLength(1);
    });

    it('sends a WhatsApp reply with whatsapp: addresses; delivered then read receipts update it', async () => {
      // Prepare + Act
      const from = newPhone();
      const { conversation, sent, messageId, providerMessageId } = await replyThroughTwilio(whatsapp, from, 'whatsapp:', 'We are sending a replacement.');
      // Assess
      const fields = Object.fromEntries(new URLSearchParams(sent.rawBody));
      expect(fields).toMatchObject({ To: `whatsapp:${from}`, From: `whatsapp:${whatsappNumber}`, Body: 'We are sending a replacement.' });
      // Act + Assess: delivered, then read (posted to the messaging URL, as a number configured with one URL does)
      const callback = (status: string): FormParameter[] => [['MessageSid', providerMessageId], ['MessageStatus', status], ['AccountSid', accountSid], ['ChannelToAddress', from]];
      expect((await postSigned(`${whatsapp.webhookUrl!}/status`, callback('delivered'))).status).toBe(200);
      await statusBecomes(conversation.id, messageId, 'delivered');
      expect((await postSigned(whatsapp.webhookUrl!, callback('read'))).status).toBe(200);
      await statusBecomes(conversation.id, messageId, 'read');
    });
  });

  describe('voice', () => {
    it('answers a call with a speech Gather, stores what the caller says, and dials the forwarding number on "agent"', async () => {
      // Prepare
      const caller = newPhone();
      const callSid = newCallSid();
      const voiceUrl = `${voice.webhookUrl!}/voice`;
      const call = (status: string, extra: FormParameter[] = []): FormParameter[] => [
        ['CallSid', callSid], ['AccountSid', accountSid], ['From', caller], ['To', voice.channelAddress!], ['CallStatus', status],
        ['Direction', 'inbound'], ['ApiVersion', '2010-04-01'], ...extra,
      ];

      // Act 1: the call comes in
      const start = await postSigned(voiceUrl, call('ringing'));
      // Assess 1
      expect(start.status).toBe(200);
      expect(start.contentType).toMatch(/^text\/xml/);
      expect(start.body).toContain(`<Gather input="speech" action="${voiceUrl}?turn=1" method="POST" speechTimeout="auto"><Say>${voiceLines.greeting}</Say></Gather>`);

      // Act 2: the caller speaks (Twilio posts the Gather action URL, signed as requested)
      const turn1 = await postSigned(`${voiceUrl}?turn=1`, call('in-progress', [['SpeechResult', 'I was charged twice for my order'], ['Confidence', '0.93']]));
      // Assess 2
      expect(turn1.status).toBe(200);
      expect(turn1.body).toContain(`action="${voiceUrl}?turn=2"`);
      expect(turn1.body).toContain(loadConfig(process.env).channels.voiceHoldingLine);
      const afterTurn1 = await conversationOf('voice', caller);
      expect(afterTurn1?.conversation.inboxId).toBe(voice.id);
      expect(afterTurn1?.messages.map((m) => m.body)).toEqual(['I was charged twice for my order']);

      // Act 3: the caller asks for an agent
      const turn2 = await postSigned(`${voiceUrl}?turn=2`, call('in-progress', [['SpeechResult', 'Agent please.'], ['Confidence', '0.88']]));
      // Assess 3
      expect(turn2.body).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Say>${voiceLines.connecting}</Say><Dial><Number>${forwardingNumber}</Number></Dial></Response>`);
      const afterTurn2 = await conversationOf('voice', caller);
      expect(afterTurn2?.conversation.id).toBe(afterTurn1?.conversation.id);
      expect(afterTurn2?.messages.map((m) => m.body).sort()).toEqual(['Agent please.', 'I was charged twice for my order']);

      // Act 4: the call ends
      const end = await postSigned(voiceUrl, call('completed', [['CallDuration', '42']]));
      expect(end.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    });

    it('refuses a forged speech turn with 403 and writes nothing', async () => {
      const caller = newPhone();
      const params: FormParameter[] = [['CallSid', newCallSid()], ['From', caller], ['To', voice.channelAddress!], ['CallStatus', 'in-progress'], ['SpeechResult', 'forged']];
      const voiceUrl = `${voice.webhookUrl!}/voice`;
      expect((await postSigned(`${voiceUrl}?turn=1`, params, { signature: twilioSignature(authToken, voiceUrl, params) })).status).toBe(403);
      expect((await postSigned(`${voiceUrl}?turn=1`, params, { signature: null })).status).toBe(403);
      expect(await c.repositories.contacts.findByIdentity(admin.account.id, 'voice', caller)).toBeUndefined();
    });
  });

  describe('fuzzed webhooks', () => {
    it('answers 10,000 fuzzed bodies per webhook (random bytes, truncated forms, huge fields, wrong types; signed and unsigned) without a 5xx or a crash', async () => {
      // Prepare: every body is generated here, from a seeded generator, and posted through the gateway.
      const total = 3 * fuzzPerWebhook + 1_000;
      const concurrency = 16;
      const fuzz = twilioFuzzer({ sms, voice, seed: 0x7a11a });
      // The few well-formed messages the fuzzer can produce are delivered once first, so the
      // concurrent run tests input handling (their redeliveries are duplicates), not first-delivery races.
      for (const warmUp of fuzz.warmUps) expect((await postSigned(warmUp.url, warmUp.params)).status).toBe(200);

      // Act
      const run = await runFuzz(total, concurrency, async (index) => {
        const sample = fuzz.sample(index);
        const response = await fetch(sample.url, { method: 'POST', headers: sample.headers, body: sample.body });
        await response.arrayBuffer();
        return [{ status: response.status, label: sample.kind }];
      });
      console.info(`twilio fuzz: ${total} bodies in ${run.seconds.toFixed(1)} s (${Math.round(total / run.seconds)}/s), statuses ${JSON.stringify(Object.fromEntries([...run.statuses].sort()))}`);

      // Assess: no 5xx, every request answered, and the gateway and the webhook still work.
      expect(run.serverErrors).toEqual([]);
      expect(run.answered).toBe(total);
      expect([...run.statuses.keys()].every((status) => ['200', '400', '403', '404', '413', '415'].includes(status))).toBe(true);
      expect((await fetch(`${gateway}/health`)).status).toBe(200);
      const from = newPhone();
      const after = await postSigned(sms.webhookUrl!, [['MessageSid', newMessageSid()], ['From', from], ['To', smsNumber], ['Body', 'still here']]);
      expect(after.status).toBe(200);
      expect((await conversationOf('sms', from))?.messages.map((m) => m.body)).toEqual(['still here']);
    }, 180_000);
  });
});


interface FuzzSample {
  readonly kind: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * Fuzzed Twilio webhook requests: sample `i` of a seeded stream. A few well-formed signed messages
 * reuse a small pool of MessageSids and senders, so the run stores a handful of messages and the
 * rest are duplicates or refusals.
 */
/** Fuzzed bodies each Twilio webhook (messages, status, voice) receives. */
const fuzzPerWebhook = 10_000;

function twilioFuzzer(input: { sms: Inbox; voice: Inbox; seed: number }) {
  const perWebhook = fuzzPerWebhook;
  const { sms, voice } = input;
  const voiceUrl = `${voice.webhookUrl!}/voice`;
  // Each of the three webhooks gets every third of the first 30,000 bodies (10,000 each; a
  // quarter of the voice ones are turns); the 1,000 after them go to an inbox nobody owns or a
  // mangled path.
  const webhooks = [[sms.webhookUrl!], [`${sms.webhookUrl!}/status`], [voiceUrl, voiceUrl, voiceUrl, `${voiceUrl}?turn=1`]];
  const strays = [`${gateway}/webhooks/twilio/01JZZZZZZZZZZZZZZZZZZZZZZZ`, `${gateway}/webhooks/twilio/%00%ff..%2f`];
  const sidPool = Array.from({ length: 4 }, () => newMessageSid());
  const callPool = Array.from({ length: 4 }, () => newCallSid());
  const fromPool = Array.from({ length: 4 }, () => newPhone());
  const contentTypes = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', ''];
  const badValues = ['', ' ', 'x', '-1', '11', '1e3', 'NaN', 'null', '[]', '{}', 'SM', `SM${'z'.repeat(32)}`, 'javascript:alert(1)', 'ftp://x/y', '\u0000', '%00', '<Response><Dial>+1900</Dial></Response>', 'é'.repeat(3000)];
  const fieldNames = ['MessageSid', 'From', 'To', 'Body', 'NumMedia', 'MediaUrl0', 'MediaContentType0', 'MessageStatus', 'ErrorCode', 'CallSid', 'CallStatus', 'SpeechResult', 'AccountSid', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''];

  // Identity fields come in fixed pairs (sid i is always sent by phone i), so every well-formed
  // message the fuzzer makes is one of the warm-up messages again.
  const voiceCall = (k: number): FormParameter[] => [['CallSid', callPool[k]!], ['From', fromPool[k]!], ['To', voice.channelAddress!]];
  const smsMessage = (k: number): FormParameter[] => [['MessageSid', sidPool[k]!], ['From', fromPool[k]!], ['To', sms.channelAddress!]];
  const warmUps = [
    ...sidPool.map((_, k) => ({ url: sms.webhookUrl!, params: [...smsMessage(k), ['Body', 'warm-up']] as FormParameter[] })),
    ...callPool.flatMap((_, k) => [voiceUrl, `${voiceUrl}?turn=1`].map((url) => ({ url, params: [...voiceCall(k), ['CallStatus', 'in-progress'], ['SpeechResult', 'warm-up']] as FormParameter[] }))),
  ];

  function baseMessage(r: ReturnType<typeof prng>, url: string): FormParameter[] {
    const k = r.int(sidPool.length);
    if (url.includes('/voice')) {
      return [...voiceCall(k), ['CallStatus', r.pick(['ringing', 'in-progress', 'completed'])],
        ...(r.next() < 0.5 ? [['SpeechResult', r.pick(['hello', 'agent', 'where is my order'])] as const] : [])];
    }
    if (url.endsWith('/status')) {
      return [['MessageSid', sidPool[k]!], ['MessageStatus', r.pick(['sent', 'delivered', 'read', 'failed', 'undelivered', 'queued'])], ['ErrorCode', r.pick(['', '30003', '63016'])]];
    }
    return [...smsMessage(k), ['NumMedia', '0'], ['Body', r.pick(['hi', 'fuzz', 'a+b&c=d', '😀'])]];
  }

  /** A wrong value for a field; identity fields only get values that fail validation. */
  function wrongValue(r: ReturnType<typeof prng>, name: string): string {
    if (name === 'MessageSid' || name === 'CallSid') return r.pick(['', 'SM', `SM${'z'.repeat(32)}`, 'CA1']);
    if (name === 'From' || name === 'To') return r.pick(['', 'é'.repeat(3_000)]);
    return r.pick(badValues);
  }

  /** Signs what the server will parse from `body` (as Twilio would have), or a random/missing signature. */
  function sign(r: ReturnType<typeof prng>, url: string, body: Buffer, mode: 'valid' | 'random' | 'none'): Record<string, string> {
    if (mode === 'none') return {};
    if (mode === 'random') return { 'x-twilio-signature': r.bytes(20).toString('base64') };
    const params = [...new URLSearchParams(body.toString('utf8'))] as [string, string][];
    return { 'x-twilio-signature': twilioSignature(authToken, url, params) };
  }

  function sample(index: number): FuzzSample {
    const r = prng(input.seed + index * 7919);
    let url = index >= perWebhook * webhooks.length ? r.pick(strays) : r.pick(webhooks[index % webhooks.length]!);
    const signMode = r.pick(['valid', 'valid', 'random', 'none'] as const);
    const kind = r.pick(['bytes', 'truncated', 'huge', 'wrong-type', 'json', 'encoding', 'many-params'] as const);
    let body: Buffer;
    let contentType = 'application/x-www-form-urlencoded';
    switch (kind) {
      case 'bytes':
        body = r.bytes(r.int(2_048));
        contentType = r.pick(contentTypes);
        break;
      case 'truncated': {
        const full = Buffer.from(encodeTwilioForm(baseMessage(r, url)));
        body = full.subarray(0, r.int(full.length + 1));
        break;
      }
      case 'huge': {
        const size = r.pick([4_097, 20_000, 65_000, 70_000, 1_100_000].slice(0, index % 50 === 0 ? 5 : 4));
        const params = baseMessage(r, url);
        const field = r.pick(['Body', 'From', 'SpeechResult', 'MediaUrl0', r.bytes(8).toString('hex')]);
        body = Buffer.from(encodeTwilioForm([...params, [field, 'x'.repeat(size)]]));
        break;
      }
      case 'wrong-type': {
        const params = baseMessage(r, url).map(([n, v]): [string, string] => (r.next() < 0.4 ? [n, wrongValue(r, n)] : [n, v]));
        params.push([r.pick(fieldNames), r.pick(badValues)]);
        body = Buffer.from(encodeTwilioForm(params));
        if (r.next() < 0.3) url = `${voiceUrl}?turn=${r.pick(['0', '-1', 'abc', '99999', '1&turn=2', ''])}`;
        break;
      }
      case 'json': {
        const values = [null, 1, 'x', [], [1, [2]], { a: { b: 1 } }, Object.fromEntries(baseMessage(r, url)), { ...Object.fromEntries(baseMessage(r, url)), NumMedia: 3 }, { Body: ['a'] }];
        let raw = JSON.stringify(r.pick(values));
        if (r.next() < 0.1) raw = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
        if (r.next() < 0.1) raw = raw.slice(0, r.int(raw.length));
        body = Buffer.from(raw);
        contentType = 'application/json';
        const hash = r.next() < 0.8 ? twilioBodySha256(body) : r.bytes(32).toString('hex');
        url = `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
        const headers = signMode === 'valid' ? { 'x-twilio-signature': twilioSignature(authToken, url) } : sign(r, url, body, signMode);
        return { kind, url, headers: { 'content-type': contentType, ...headers }, body };
      }
      case 'encoding': {
        const pieces = [Buffer.from(encodeTwilioForm(baseMessage(r, url))), Buffer.from('&Body='), r.bytes(r.int(64)), Buffer.from(r.pick(['%', '%E', '%C3%28', '%ED%A0%80', '+'.repeat(50), '&&&&', '=&=&=', '%FF%FE']))];
        body = Buffer.concat(pieces);
        break;
      }
      case 'many-params':
        body = Buffer.from(Array.from({ length: r.pick([150, 199, 250, 2_000]) }, (_, i) => `p${i}=${i}`).join('&'));
        break;
    }
    const headers = contentType ? { 'content-type': contentType } : ({} as Record<string, string>);
    return { kind, url, headers: { ...headers, ...sign(r, url, body, signMode) }, body };
  }

  return { sample, warmUps };
}
