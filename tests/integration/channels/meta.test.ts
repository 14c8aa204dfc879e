/**
 * Meta channels (Messenger, Instagram, WhatsApp Cloud) through the real local gateway: webhooks
 * signed exactly as Meta signs them (`X-Hub-Signature-256`, HMAC-SHA256 of the raw bytes with the
 * app secret), the subscribe handshake, the real webhooks function on DynamoDB Local and fauxqs;
 * agents' replies through the real outbound queue and Meta sender to the fake provider; receipts
 * and watermarks; and 10,000 fuzzed bodies.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../../../shared/domain/entities.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { withAiOff } from '../../helpers/ai-settings.js';
import { fakeProvider } from '../../helpers/fake-provider.js';
import { instagramBody, messagingText, messengerBody, metaSignature, whatsAppBody, whatsAppStatus, whatsAppText } from '../../helpers/meta-payloads.js';
import { testContainer } from '../api/conversation-fixtures.js';
import { prng, runFuzz } from '../../helpers/fuzz.js';
import { eventually } from '../local/support.js';

const gateway = process.env.SWITCHBOARD_WS_ENDPOINT!.replace(/\/+$/, '');
const appSecret = process.env.SWITCHBOARD_META_APP_SECRET!;
const verifyToken = process.env.SWITCHBOARD_META_VERIFY_TOKEN!;
const metaUrl = `${gateway}/webhooks/meta`;

/** A fresh Meta-style numeric id (pages, PSIDs, phone number ids are decimal strings). */
const newId = (digits = 15) => `${1 + Math.floor(Math.random() * 9)}${Array.from(randomBytes(digits - 1), (b) => String(b % 10)).join('')}`;
const newMid = () => `m_${randomBytes(24).toString('base64url')}`;
const newWamid = () => `wamid.${randomBytes(30).toString('base64')}`;

interface Posted {
  readonly status: number;
  readonly body: string;
}

/** POSTs `body` to /webhooks/meta signed as Meta signs it (`signature: null` sends none). */
async function postMeta(body: unknown, options: { signature?: string | null; secret?: string } = {}): Promise<Posted> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signature = options.signature === undefined ? metaSignature(raw, options.secret ?? appSecret) : options.signature;
  const response = await fetch(metaUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
    body: raw,
  });
  return { status: response.status, body: await response.text() };
}

async function handshake(query: Record<string, string>): Promise<Posted & { contentType: string | null }> {
  const response = await fetch(`${metaUrl}?${new URLSearchParams(query)}`);
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}

type ApiMessage = { id: string; type: string; status: string; body: string; authorType: string; failureReason?: string; attachments?: { fileName: string; contentType: string; url?: string }[] };

describe('Meta channels through the gateway', () => {
  const c = testContainer();
  const fake = fakeProvider();
  let admin: SignedInAgent;
  let messenger: Inbox;
  let instagram: Inbox;
  let whatsapp: Inbox;
  const pageId = newId();
  const igId = newId(17);
  const phoneNumberId = newId();
  const tokens = { messenger: `EAAG${randomBytes(12).toString('hex')}`, instagram: `IGAA${randomBytes(12).toString('hex')}`, whatsapp_cloud: `EAAW${randomBytes(12).toString('hex')}` };

  beforeAll(async () => {
    admin = await withAiOff(await signUp(gateway));
    const create = async (channel: 'messenger' | 'instagram' | 'whatsapp_cloud', channelAddress: string) =>
      (await c.services.createChannelInbox({
        accountId: admin.account.id, name: `Meta ${channel}`, channel, channelAddress, credentials: { provider: 'meta', accessToken: tokens[channel] },
        ...(channel === 'whatsapp_cloud' ? { templates: [{ name: 'order_update', language: 'en_US', body: 'Your order {{1}} ships {{2}}.' }] } : {}),
      })).inbox;
    messenger = await create('messenger', pageId);
    instagram = await create('instagram', igId);
    whatsapp = await create('whatsapp_cloud', phoneNumberId);
  });

  /** The contact's latest conversation on its channel and its messages, through the agents' API. */
  async function conversationOf(channel: Inbox['channel'], externalId: string) {
    const identity = await c.repositories.contacts.findByIdentity(admin.account.id, channel, externalId);
    if (!identity) return undefined;
    const page = await c.repositories.conversations.listByContact(admin.account.id, identity.contactId, { limit: 5 });
    const conversation = page.items[0];
    if (!conversation) return undefined;
    const { status, body } = await admin.call('GET', `/api/v1/conversations/${conversation.id}/messages?limit=50`);
    expect(status).toBe(200);
    return { conversation, contactId: identity.contactId, messages: body.items as ApiMessage[] };
  }

  async function messageStatus(conversationId: string, messageId: string, wanted: string): Promise<ApiMessage> {
    return eventually(async () => {
      const { body } = await admin.call('GET', `/api/v1/conversations/${conversationId}/messages?limit=50`);
      const found = (body.items as ApiMessage[]).find((m) => m.id === messageId);
      return found?.status === wanted ? found : undefined;
    }, 15_000, `message ${messageId} to be ${wanted}`);
  }

  async function reply(conversationId: string, body: string): Promise<string> {
    const { status, body: message } = await admin.call('POST', `/api/v1/conversations/${conversationId}/messages`, { body });
    expect(status).toBe(201);
    return message.id as string;
  }

  describe('subscribe handshake (GET /webhooks/meta)', () => {
    it('echoes the challenge as text/plain for mode subscribe and our verify token', async () => {
      const answer = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': '1158201444' });
      expect(answer.status).toBe(200);
      expect(answer.contentType).toMatch(/^text\/plain/);
      expect(answer.body).toBe('1158201444');
    });

    it('answers 403 for a wrong token, another mode, or a challenge that is not ^[0-9A-Za-z_-]{1,128}$', async () => {
      const base = { 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': '42' };
      const answers = [
        await handshake({ ...base, 'hub.verify_token': `${verifyToken}x` }),
        await handshake({ 'hub.mode': 'subscribe', 'hub.challenge': '42' }),
        await handshake({ ...base, 'hub.mode': 'unsubscribe' }),
        await handshake({ ...base, 'hub.challenge': '<script>alert(1)</script>' }),
        await handshake({ ...base, 'hub.challenge': 'x'.repeat(129) }),
        await handshake({ ...base, 'hub.challenge': '' }),
      ];
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403]);
      expect(answers.every((a) => !a.body.includes('<script>'))).toBe(true);
    });
  });

  describe('inbound messages', () => {
    it('stores a Messenger message in the PSID\'s conversation on the page\'s inbox and answers 200', async () => {
      // Prepare
      const psid = newId(16);
      const body = messengerBody([{ pageId, messaging: [messagingText(pageId, psid, newMid(), 'Hi, where is my parcel?', Date.now())] }]);
      // Act
      const response = await postMeta(body);
      // Assess
      expect(response).toEqual({ status: 200, body: 'EVENT_RECEIVED' });
      const found = await conversationOf('messenger', psid);
      expect(found?.conversation.inboxId).toBe(messenger.id);
      expect(found?.messages).toEqual([expect.objectContaining({ type: 'incoming', authorType: 'contact', body: 'Hi, where is my parcel?' })]);
    });

    it('stores an Instagram message on the Instagram account\'s inbox, with its attachment', async () => {
      // Prepare
      const igsid = newId(16);
      const event = { sender: { id: igsid }, recipient: { id: igId }, timestamp: Date.now(), message: { mid: `aWdf${randomBytes(20).toString('base64url')}`, text: 'Is this in stock?', attachments: [{ type: 'image', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' } }] } };
      // Act
      const response = await postMeta(instagramBody([{ igId, messaging: [event] }]));
      // Assess
      expect(response.status).toBe(200);
      const found = await conversationOf('instagram', igsid);
      expect(found?.conversation.inboxId).toBe(instagram.id);
      expect(found?.messages[0]).toMatchObject({ body: 'Is this in stock?', attachments: [expect.objectContaining({ fileName: 'image', contentType: 'image/*' })] });
    });

    it('stores a WhatsApp Cloud message under the sender\'s profile name and phone', async () => {
      // Prepare
      const waId = `4915${newId(9)}`;
      const value = whatsAppText(waId, newWamid(), 'My order never came', 'Grace Hopper');
      (value.messages[0] as { timestamp: string }).timestamp = String(Math.floor(Date.now() / 1000));
      // Act
      const response = await postMeta(whatsAppBody(phoneNumberId, value));
      // Assess
      expect(response.status).toBe(200);
      const found = await conversationOf('whatsapp_cloud', waId);
      expect(found?.conversation.inboxId).toBe(whatsapp.id);
      expect(found?.messages.map((m) => m.body)).toEqual(['My order never came']);
      expect(await c.repositories.contacts.get(admin.account.id, found!.contactId)).toMatchObject({ name: 'Grace Hopper', phone: `+${waId}` });
    });

    it('drops only the entries of an unknown page in a batch, and ignores the page\'s echoes', async () => {
      // Prepare
      const known = newId(16);
      const strangerPage = newId();
      const strangerPsid = newId(16);
      const echo = { sender: { id: pageId }, recipient: { id: known }, timestamp: Date.now(), message: { mid: newMid(), is_echo: true, app_id: 1517776481860111, text: 'our own reply' } };
      const body = messengerBody([
        { pageId: strangerPage, messaging: [messagingText(strangerPage, strangerPsid, newMid(), 'for nobody')] },
        { pageId, messaging: [messagingText(pageId, known, newMid(), 'for us'), echo] },
      ]);
      // Act
      const response = await postMeta(body);
      // Assess
      expect(response.status).toBe(200);
      expect((await conversationOf('messenger', known))?.messages.map((m) => m.body)).toEqual(['for us']);
      expect(await c.repositories.contacts.findByIdentity(admin.account.id, 'messenger', strangerPsid)).toBeUndefined();
      expect(await c.channels.findMetaRoute(strangerPage)).toBeUndefined();
    });

    it('answers a 1,000-entry batch promptly, storing only the entries of known pages', async () => {
      // Prepare
      const psid = newId(16);
      const entries = Array.from({ length: 999 }, () => {
        const page = newId();
        return { pageId: page, messaging: [messagingText(page, newId(16), newMid(), 'for nobody')] };
      });
      entries.splice(500, 0, { pageId, messaging: [messagingText(pageId, psid, newMid(), 'one of a thousand', Date.now())] });
      // Act
      const started = performance.now();
      const response = await postMeta(messengerBody(entries));
      const ms = performance.now() - started;
      console.info(`meta batch: 1,000 entries answered in ${Math.round(ms)} ms`);
      // Assess
      expect(response.status).toBe(200);
      expect(ms).toBeLessThan(20_000);
      expect((await conversationOf('messenger', psid))?.messages.map((m) => m.body)).toEqual(['one of a thousand']);
    });

    it('stores a redelivered mid once', async () => {
      const psid = newId(16);
      const body = messengerBody([{ pageId, messaging: [messagingText(pageId, psid, newMid(), 'only once', Date.now())] }]);
      const answers = await Promise.all([postMeta(body), postMeta(body), postMeta(body)]);
      answers.push(await postMeta(body));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect((await conversationOf('messenger', psid))?.messages.map((m) => m.body)).toEqual(['only once']);
    });
  });

  describe('signatures', () => {
    it('refuses a missing signature with 401 and a bad one with 403, writing nothing', async () => {
      // Prepare
      const psid = newId(16);
      const body = messengerBody([{ pageId, messaging: [messagingText(pageId, psid, newMid(), 'forged')] }]);
      const raw = JSON.stringify(body);
      // Act
      const answers = [
        await postMeta(raw, { signature: null }),
        await postMeta(raw, { signature: '' }),
        await postMeta(raw, { secret: 'not-the-app-secret' }),
        await postMeta(raw, { signature: metaSignature(`${raw} `, appSecret) }),
        await postMeta(raw, { signature: metaSignature(raw, appSecret).replace('sha256=', 'sha1=') }),
        await postMeta(raw, { signature: 'sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914' }),
      ];
      // Assess
      expect(answers.map((a) => a.status)).toEqual([401, 401, 403, 403, 403, 403]);
      expect(await c.repositories.contacts.findByIdentity(admin.account.id, 'messenger', psid)).toBeUndefined();
    });
  });

  describe('replies and receipts', () => {
    it('sends a Messenger reply to /{page-id}/messages with RESPONSE and the page token, and a read watermark marks it read', async () => {
      // Prepare
      const psid = newId(16);
      await postMeta(messengerBody([{ pageId, messaging: [messagingText(pageId, psid, newMid(), 'hello?', Date.now())] }]));
      const { conversation } = (await conversationOf('messenger', psid))!;
      // Act 1: the agent replies
      const messageId = await reply(conversation.id, 'Hello! How can I help?');
      // Assess 1
      const [sent] = await fake.waitForRequests({ path: `/v21.0/${pageId}/messages`, body: psid }, 1);
      expect(sent).toMatchObject({ method: 'POST', path: `/v21.0/${pageId}/messages` });
      expect(sent?.headers.authorization).toBe(`Bearer ${tokens.messenger}`);
      expect(sent?.body).toEqual({ recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text: 'Hello! How can I help?' } });
      await messageStatus(conversation.id, messageId, 'sent');
      // Act 2: Messenger reports the read watermark
      const read = { sender: { id: psid }, recipient: { id: pageId }, timestamp: Date.now(), read: { watermark: Date.now() } };
      expect((await postMeta(messengerBody([{ pageId, messaging: [read] }]))).status).toBe(200);
      // Assess 2
      await messageStatus(conversation.id, messageId, 'read');
    });

    it('sends an Instagram reply to /{ig-user-id}/messages with the account token', async () => {
      const igsid = newId(16);
      await postMeta(instagramBody([{ igId, messaging: [messagingText(igId, igsid, `aWdf${randomBytes(20).toString('base64url')}`, 'hey', Date.now())] }]));
      const { conversation } = (await conversationOf('instagram', igsid))!;
      const messageId = await reply(conversation.id, 'Yes, in stock!');
      const [sent] = await fake.waitForRequests({ path: `/v21.0/${igId}/messages`, body: igsid }, 1);
      expect(sent?.headers.authorization).toBe(`Bearer ${tokens.instagram}`);
      expect(sent?.body).toEqual({ recipient: { id: igsid }, message: { text: 'Yes, in stock!' } });
      await messageStatus(conversation.id, messageId, 'sent');
    });

    it('sends a WhatsApp reply to /{phone-number-id}/messages, then statuses move it to delivered and read', async () => {
      // Prepare
      const waId = `4477${newId(8)}`;
      const wamid = newWamid();
      const value = whatsAppText(waId, newWamid(), 'any update?');
      (value.messages[0] as { timestamp: string }).timestamp = String(Math.floor(Date.now() / 1000));
      await postMeta(whatsAppBody(phoneNumberId, value));
      const { conversation } = (await conversationOf('whatsapp_cloud', waId))!;
      await fake.script(`/v21.0/${phoneNumberId}/messages`, [{ status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: waId, wa_id: waId }], messages: [{ id: wamid }] } }], { bodyIncludes: waId });
      // Act 1
      const messageId = await reply(conversation.id, 'It ships today.');
      // Assess 1
      const [sent] = await fake.waitForRequests({ path: `/v21.0/${phoneNumberId}/messages`, body: waId }, 1);
      expect(sent?.headers.authorization).toBe(`Bearer ${tokens.whatsapp_cloud}`);
      expect(sent?.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: waId, type: 'text', text: { preview_url: false, body: 'It ships today.' } });
      await messageStatus(conversation.id, messageId, 'sent');
      // Act 2
      const statuses = (status: string) => whatsAppBody(phoneNumberId, { statuses: [{ ...whatsAppStatus(wamid, status, waId), timestamp: String(Math.floor(Date.now() / 1000)) }] });
      expect((await postMeta(statuses('delivered'))).status).toBe(200);
      await messageStatus(conversation.id, messageId, 'delivered');
      expect((await postMeta(statuses('read'))).status).toBe(200);
      // Assess 2: read, and a late 'delivered' does not move it back
      await messageStatus(conversation.id, messageId, 'read');
      expect((await postMeta(statuses('delivered'))).status).toBe(200);
      expect((await messageStatus(conversation.id, messageId, 'read')).status).toBe('read');
    });

    it('sends a WhatsApp template reply as type template with its language and body parameters', async () => {
      // Prepare
      const waId = `4479${newId(8)}`;
      const value = whatsAppText(waId, newWamid(), 'where is it?');
      (value.messages[0] as { timestamp: string }).timestamp = String(Math.floor(Date.now() / 1000));
      await postMeta(whatsAppBody(phoneNumberId, value));
      const { conversation } = (await conversationOf('whatsapp_cloud', waId))!;
      // Act
      const { status } = await admin.call('POST', `/api/v1/conversations/${conversation.id}/messages`, {
        body: 'Your order #1234 ships Friday.', template: { name: 'order_update', language: 'en_US', parameters: ['#1234', 'Friday'] },
      });
      // Assess
      expect(status).toBe(201);
      const [sent] = await fake.waitForRequests({ path: `/v21.0/${phoneNumberId}/messages`, body: waId }, 1);
      expect(sent?.body).toEqual({
        messaging_product: 'whatsapp', recipient_type: 'individual', to: waId, type: 'template',
        template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '#1234' }, { type: 'text', text: 'Friday' }] }] },
      });
    });

    it('marks a WhatsApp reply failed with the reason of a failed status', async () => {
      // Prepare
      const waId = `4478${newId(8)}`;
      const wamid = newWamid();
      const value = whatsAppText(waId, newWamid(), 'hello');
      (value.messages[0] as { timestamp: string }).timestamp = String(Math.floor(Date.now() / 1000));
      await postMeta(whatsAppBody(phoneNumberId, value));
      const { conversation } = (await conversationOf('whatsapp_cloud', waId))!;
      await fake.script(`/v21.0/${phoneNumberId}/messages`, [{ status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: wamid }] } }], { bodyIncludes: waId });
      const messageId = await reply(conversation.id, 'Here is your code');
      await messageStatus(conversation.id, messageId, 'sent');
      // Act
      const failed = whatsAppStatus(wamid, 'failed', waId, [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Receiver is incapable of receiving this message' } }]);
      expect((await postMeta(whatsAppBody(phoneNumberId, { statuses: [failed] }))).status).toBe(200);
      // Assess
      const message = await messageStatus(conversation.id, messageId, 'failed');
      expect(message.failureReason).toBe('Message undeliverable: Receiver is incapable of receiving this message (code 131026)');
    });
  });

  describe('fuzzed webhooks', () => {
    it('answers 10,000 fuzzed bodies (random bytes, mutated payloads, bad signatures, deep and oversized JSON, handshakes) without a 5xx or a crash', async () => {
      // Prepare: every body comes from a seeded generator, so a failing sample is reproducible by its index.
      const total = 10_000;
      const concurrency = 16;
      const fuzz = metaFuzzer({ knownAddresses: [pageId, igId, phoneNumberId], seed: 0x4d455441 });

      // Act
      const run = await runFuzz(total, concurrency, async (index) => {
        const sample = fuzz(index);
        const response = sample.method === 'GET'
          ? await fetch(`${metaUrl}?${sample.query}`)
          : await fetch(metaUrl, { method: 'POST', headers: sample.headers, body: sample.body });
        await response.arrayBuffer();
        return [{ status: response.status, label: sample.kind }];
      });
      console.info(`meta fuzz: ${total} bodies in ${run.seconds.toFixed(1)} s (${Math.round(total / run.seconds)}/s), statuses ${JSON.stringify(Object.fromEntries([...run.statuses].sort()))}`);

      // Assess: no 5xx, every request answered, and the webhook still works.
      expect(run.serverErrors).toEqual([]);
      expect(run.answered).toBe(total);
      expect([...run.statuses.keys()].every((status) => ['200', '400', '401', '403', '413'].includes(status))).toBe(true);
      const psid = newId(16);
      expect((await postMeta(messengerBody([{ pageId, messaging: [messagingText(pageId, psid, newMid(), 'still here', Date.now())] }]))).status).toBe(200);
      expect((await conversationOf('messenger', psid))?.messages.map((m) => m.body)).toEqual(['still here']);
    }, 240_000);
  });
});


type FuzzSample =
  | { readonly kind: string; readonly method: 'GET'; readonly query: string }
  | { readonly kind: string; readonly method: 'POST'; readonly headers: Record<string, string>; readonly body: string | Uint8Array };

/**
 * Fuzzed Meta requests. Mutated payloads mostly name unknown pages (a route lookup, no write);
 * a few name this test's own page, Instagram account and phone number, so the parsing and
 * storage path sees odd but signed input too.
 */
function metaFuzzer(options: { knownAddresses: readonly string[]; seed: number }) {
  const weird: readonly unknown[] = [null, true, 0, -1, 1e308, 'x', '', '\u0000', '😀'.repeat(50), [], {}, [[[]]], { id: {} }, 'a'.repeat(5000), '12345', -0.5];
  return function sample(index: number): FuzzSample {
    const r = prng(options.seed + index * 7919);
    const address = () => (r.next() < 0.05 ? r.pick(options.knownAddresses) : r.digits(1 + r.int(20)));
    const id = () => (r.next() < 0.85 ? r.digits(1 + r.int(18)) : r.pick(weird));
    const templates = (): unknown => {
      switch (r.int(4)) {
        case 0:
          return messengerBody(Array.from({ length: 1 + r.int(4) }, () => {
            const page = address();
            return { pageId: page, messaging: [messagingText(page, r.digits(16), `m_${r.bytes(12).toString('base64url')}`, r.bytes(r.int(40)).toString('latin1'))] };
          }));
        case 1:
          return instagramBody([{ igId: address(), messaging: [{ sender: { id: r.digits(16) }, recipient: { id: r.digits(16) }, timestamp: r.int(2e12), read: { mid: `aWdf${r.digits(8)}` } }] }]);
        case 2:
          return whatsAppBody(address(), whatsAppText(r.digits(12), `wamid.${r.bytes(10).toString('base64')}`, r.bytes(r.int(30)).toString('utf8')));
        default:
          return whatsAppBody(address(), { statuses: [whatsAppStatus(`wamid.${r.digits(10)}`, r.pick(['sent', 'delivered', 'read', 'failed', 'deleted', '']), r.digits(12), r.next() < 0.5 ? [{ code: r.int(200000), title: 'x' }] : undefined)] });
      }
    };
    /** Replaces, deletes or duplicates random nodes of a JSON value. */
    const mutate = (value: unknown, depth = 0): unknown => {
      if (depth > 8) return value;
      if (r.next() < 0.08) return r.pick(weird);
      if (Array.isArray(value)) {
        const items = value.map((item) => mutate(item, depth + 1));
        if (r.next() < 0.1) items.push(...items);
        return items;
      }
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(value)) {
          if (r.next() < 0.06) continue;
          out[r.next() < 0.03 ? `${key}_` : key] = mutate(child, depth + 1);
        }
        if (r.next() < 0.05) out[r.pick(['id', 'mid', 'text', 'messaging', 'changes', 'value', 'statuses'])] = id();
        return out;
      }
      return value;
    };
    const signed = (body: string | Buffer) => ({ 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body, appSecret) });
    const roll = r.int(100);
    if (roll < 45) {
      const body = JSON.stringify(mutate(templates()));
      return { kind: 'signed mutation', method: 'POST', headers: signed(body), body };
    }
    if (roll < 55) {
      const body = JSON.stringify(templates());
      const header = r.pick([undefined, '', 'sha256=', `sha256=${r.bytes(32).toString('hex')}`, `sha1=${r.bytes(20).toString('hex')}`, metaSignature(`${body}x`, appSecret), 'sha256=zz', r.bytes(r.int(90)).toString('latin1').replace(/[^\x20-\x7e]/g, '')]);
      return { kind: 'bad signature', method: 'POST', headers: { 'content-type': 'application/json', ...(header === undefined ? {} : { 'x-hub-signature-256': header }) }, body };
    }
    if (roll < 70) {
      const body = r.bytes(r.int(2000));
      return { kind: 'signed bytes', method: 'POST', headers: signed(body), body: new Uint8Array(body) };
    }
    if (roll < 78) {
      const body = r.bytes(r.int(500));
      return { kind: 'unsigned bytes', method: 'POST', headers: { 'content-type': r.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', '']) }, body: new Uint8Array(body) };
    }
    if (roll < 82) {
      const depth = 20 + r.int(60);
      const body = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`.replace(/^\{"a":/, '{"object":"page","entry":[],"a":');
      return { kind: 'deep json', method: 'POST', headers: signed(body), body };
    }
    if (roll < 85) {
      const body = JSON.stringify({ object: r.pick(['page', 'instagram', 'whatsapp_business_account']), entry: Array.from({ length: 1001 + r.int(50) }, () => ({ id: r.digits(5), messaging: [] })) });
      return { kind: 'too many entries', method: 'POST', headers: signed(body), body };
    }
    if (roll < 86) {
      const body = JSON.stringify({ object: 'page', entry: [], pad: 'p'.repeat(1024 * 1024) });
      return { kind: 'oversized', method: 'POST', headers: signed(body), body };
    }
    if (roll < 92) {
      const body = JSON.stringify({ object: r.pick(['user', 'permissions', 'page', 'instagram', 'whatsapp_business_account', '', 'x'.repeat(100)]), entry: r.next() < 0.5 ? [] : r.pick(weird) });
      return { kind: 'odd envelope', method: 'POST', headers: signed(body), body };
    }
    const query = new URLSearchParams();
    if (r.next() < 0.8) query.set('hub.mode', r.pick(['subscribe', 'unsubscribe', '', 'SUBSCRIBE']));
    if (r.next() < 0.8) query.set('hub.verify_token', r.next() < 0.3 ? verifyToken : r.bytes(r.int(40)).toString('base64'));
    if (r.next() < 0.8) query.set('hub.challenge', r.next() < 0.5 ? r.digits(1 + r.int(12)) : r.bytes(r.int(300)).toString('latin1'));
    return { kind: 'handshake', method: 'GET', query: query.toString() };
  };
}
