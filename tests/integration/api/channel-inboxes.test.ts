/**
 * The Channels routes of agent-api through the local gateway: inbox set-up with credentials,
 * webhook URLs, a test message to the fake provider, the agent's retry and the channel state,
 * each refusing another tenant's ids with 404.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTwilioForm } from '../../../shared/adapters/channels/twilio/form.js';
import { twilioSignature, type FormParameter } from '../../../shared/adapters/channels/twilio/signature.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { withAiOff } from '../../helpers/ai-settings.js';
import { fakeProvider } from '../../helpers/fake-provider.js';
import { postWebhook } from '../../helpers/webhook-client.js';
import { eventually } from '../local/support.js';

const gateway = process.env.SWITCHBOARD_WS_ENDPOINT!;
const hex = (n: number) => randomBytes(n).toString('hex');
const newPhone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

describe('Channels API', () => {
  const fake = fakeProvider();
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  let admin: SignedInAgent;
  let other: SignedInAgent;

  beforeAll(async () => {
    [admin, other] = await Promise.all([signUp(gateway).then(withAiOff), signUp(gateway)]);
  });

  it('creates an SMS inbox with its credentials and answers its webhook URLs, never the credentials', async () => {
    // Act
    const created = await admin.call('POST', '/api/v1/inboxes', { name: 'Support SMS', channel: 'sms', channelAddress: newPhone(), credentials: { provider: 'twilio', accountSid, authToken } });
    const setup = await admin.call('GET', `/api/v1/inboxes/${created.body.id}/setup`);
    const foreign = await other.call('GET', `/api/v1/inboxes/${created.body.id}/setup`);
    // Assess
    expect(created.status).toBe(201);
    expect(created.body.webhookUrls).toEqual({ messages: `${gateway}/webhooks/twilio/${created.body.id}`, status: `${gateway}/webhooks/twilio/${created.body.id}/status` });
    expect(setup.body).toEqual({ channel: 'sms', webhookUrls: created.body.webhookUrls, channelAddress: created.body.channelAddress, hasCredentials: true });
    expect(JSON.stringify([created.body, setup.body])).not.toContain(authToken);
    expect(foreign.status).toBe(404);
  });

  it('refuses bad credentials and a missing address with 400 naming the field', async () => {
    const wrongProvider = await admin.call('POST', '/api/v1/inboxes', { name: 'X', channel: 'messenger', channelAddress: '1234567', credentials: { provider: 'twilio', accountSid, authToken } });
    const badSid = await admin.call('POST', '/api/v1/inboxes', { name: 'X', channel: 'sms', channelAddress: newPhone(), credentials: { provider: 'twilio', accountSid: 'AC1', authToken } });
    expect(wrongProvider.status).toBe(400);
    expect(badSid.status).toBe(400);
    expect(badSid.body.error.message).toContain('body.credentials.accountSid');
  });

  it('sends a test message to the provider, and retries only a failed message', async () => {
    // Prepare
    const created = await admin.call('POST', '/api/v1/inboxes', { name: 'Test SMS', channel: 'sms', channelAddress: newPhone(), credentials: { provider: 'twilio', accountSid, authToken } });
    const to = newPhone();
    await fake.script(`/Accounts/${accountSid}/Messages.json`, [{ status: 400, body: { code: 21211, message: 'Invalid To' } }], { bodyIncludes: encodeURIComponent(to) });
    // Act
    const queued = await admin.call('POST', `/api/v1/inboxes/${created.body.id}/test-message`, { to, body: 'Hello from the set-up screen' });
    const path = `/api/v1/conversations/${queued.body.conversationId}/messages`;
    const failed = await eventually(async () => {
      const page = await admin.call('GET', path);
      return (page.body.items as { id: string; status: string }[]).find((m) => m.id === queued.body.messageId && m.status === 'failed');
    }, 20_000, 'the failed send');
    const foreignRetry = await other.call('POST', `${path}/${queued.body.messageId}/retry`);
    const retry = await admin.call('POST', `${path}/${queued.body.messageId}/retry`);
    const again = await admin.call('POST', `${path}/${queued.body.messageId}/retry`);
    // Assess
    expect(queued.status).toBe(202);
    expect(failed).toMatchObject({ failureReason: expect.stringContaining('Invalid To') });
    expect(foreignRetry.status).toBe(404);
    expect(retry.status).toBe(202);
    expect(retry.body.status).toBe('queued');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_retryable');
    const sends = await fake.waitForRequests({ path: accountSid, body: encodeURIComponent(to) }, 2);
    expect(sends.map((r) => r.status)).toEqual([400, 201]);
    expect(sends[1]!.body).toMatchObject({ To: to, Body: 'Hello from the set-up screen' });
  });

  it("answers a WhatsApp conversation's window and templates", async () => {
    // Prepare
    const inboxNumber = newPhone();
    const created = await admin.call('POST', '/api/v1/inboxes', {
      name: 'WhatsApp', channel: 'whatsapp', channelAddress: inboxNumber, credentials: { provider: 'twilio', accountSid, authToken },
      templates: [{ name: 'order_update', language: 'en_US', body: 'Your order {{1}} shipped.' }],
    });
    const customer = newPhone();
    const params: FormParameter[] = [['MessageSid', `SM${hex(16)}`], ['From', `whatsapp:${customer}`], ['To', `whatsapp:${inboxNumber}`], ['Body', `hi ${customer}`]];
    const posted = await postWebhook(`/webhooks/twilio/${created.body.id}`, { body: encodeTwilioForm(params), headers: { 'x-twilio-signature': twilioSignature(authToken, created.body.webhookUrls.messages, params) } });
    expect(posted.status).toBe(200);
    const conversation = await eventually(async () => {
      const list = await admin.call('GET', `/api/v1/conversations?inboxId=${created.body.id}`);
      return (list.body.items as { id: string }[])[0];
    }, 20_000, 'the WhatsApp conversation');
    // Act
    const state = await admin.call('GET', `/api/v1/conversations/${conversation.id}/channel-state`);
    const foreign = await other.call('GET', `/api/v1/conversations/${conversation.id}/channel-state`);
    // Assess
    expect(state.body).toMatchObject({ channel: 'whatsapp', windowOpen: true, templates: [{ name: 'order_update', language: 'en_US' }] });
    expect(Date.parse(state.body.windowClosesAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(foreign.status).toBe(404);
  });
});
