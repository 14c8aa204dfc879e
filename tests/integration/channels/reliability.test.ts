/**
 * Channel reliability through the real laptop cloud: the local gateway and the webhooks
 * function, DynamoDB Local, fauxqs (FIFO queues with their DLQ) and the outbound sender fed by
 * the queue poller, sending to the fake provider. SECURITY.md §2–§3.
 *
 * Inbound goes through the Twilio SMS route (signed as Twilio signs); outbound through an
 * agent's reply, the outbound queue and the real Twilio sender.
 */
import { randomBytes } from 'node:crypto';
import { ReceiveMessageCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTwilioForm } from '../../../shared/adapters/channels/twilio/form.js';
import { twilioSignature, type FormParameter } from '../../../shared/adapters/channels/twilio/signature.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { withAiOff } from '../../helpers/ai-settings.js';
import { fakeProvider, type RecordedRequest } from '../../helpers/fake-provider.js';
import { postWebhook } from '../../helpers/webhook-client.js';
import { eventually } from '../local/support.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const newPhone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const sqs = new SQSClient({
  region: process.env.AWS_REGION!,
  endpoint: process.env.SWITCHBOARD_SQS_ENDPOINT!,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

describe('Channel reliability', () => {
  const fake = fakeProvider();
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const inboxNumber = newPhone();
  let admin: SignedInAgent;
  let inboxId: string;
  let webhookUrl: string;

  async function postInbound(messageSid: string, from: string, body: string) {
    const params: FormParameter[] = [
      ['MessageSid', messageSid], ['AccountSid', accountSid], ['From', from], ['To', inboxNumber], ['Body', body], ['NumMedia', '0'],
    ];
    return postWebhook(`/webhooks/twilio/${inboxId}`, {
      body: encodeTwilioForm(params),
      headers: { 'x-twilio-signature': twilioSignature(authToken, webhookUrl, params) },
    });
  }

  async function conversationOf(from: string): Promise<{ id: string }> {
    return eventually(async () => {
      const list = await admin.call('GET', `/api/v1/conversations?inboxId=${inboxId}&status=open&limit=50`);
      return (list.body.items as { id: string; contactName?: string; lastMessage?: { body: string } }[]).find((c) => c.lastMessage?.body.includes(from));
    }, 20_000, 'the conversation');
  }

  async function messagesOf(conversationId: string): Promise<{ id: string; type: string; status: string; authorType: string; failureReason?: string; body: string }[]> {
    const page = await admin.call('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`);
    return page.body.items;
  }

  /** A customer writes once (so the conversation exists), then an agent replies: the reply goes out through the queue. */
  async function replyFromAgent(customer: string): Promise<{ conversationId: string; messageId: string; customer: string }> {
    expect((await postInbound(`SM${hex(16)}`, customer, `hello from ${customer}`)).status).toBe(200);
    const conversation = await conversationOf(customer);
    const reply = await admin.call('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: `reply to ${customer}` });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('queued');
    return { conversationId: conversation.id, messageId: reply.body.id, customer };
  }

  async function statusOf(conversationId: string, messageId: string, expected: string): Promise<{ status: string; failureReason?: string }> {
    return eventually(async () => {
      const found = (await messagesOf(conversationId)).find((m) => m.id === messageId);
      return found && found.status === expected ? found : undefined;
    }, 120_000, `message ${messageId} to be ${expected}`);
  }

  const sends = (customer: string): Promise<RecordedRequest[]> => fake.requests({ path: `/Accounts/${accountSid}/Messages.json`, body: encodeURIComponent(customer) });

  beforeAll(async () => {
    admin = await withAiOff(await signUp(process.env.SWITCHBOARD_WS_ENDPOINT!));
    const created = await admin.call('POST', '/api/v1/inboxes', {
      name: 'Reliability SMS', channel: 'sms', channelAddress: inboxNumber, credentials: { provider: 'twilio', accountSid, authToken },
    });
    expect(created.status).toBe(201);
    inboxId = created.body.id;
    webhookUrl = created.body.webhookUrls.messages;
  });

  /**
   * The ai-responder function consumes the AI queue, so the jobs are counted by what they do: with
   * the AI on, the conversation is the bot's and its one message gets exactly one answer (here a
   * hand-off notice: the tenant has no knowledge), however many times the webhook came.
   */
  async function answeredOnce(conversationId: string): Promise<void> {
    await eventually(async () => ((await messagesOf(conversationId)).some((m) => m.authorType === 'bot') ? true : undefined), 20_000, 'the bot\'s answer');
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await messagesOf(conversationId)).filter((m) => m.authorType === 'bot')).toHaveLength(1);
  }

  describe('the same webhook delivered 5 times', () => {
    beforeAll(async () => {
      expect((await admin.call('PUT', '/api/v1/ai/settings', { enabled: true })).status).toBe(200);
    });
    afterAll(async () => {
      await withAiOff(admin);
    });

    it('gives one message and one AI answer when the deliveries come one after another', async () => {
      // Prepare
      const customer = newPhone();
      const sid = `SM${hex(16)}`;
      // Act
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await postInbound(sid, customer, `order status? ${customer}`)).status);
      // Assess
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const conversation = await conversationOf(customer);
      const incoming = (await messagesOf(conversation.id)).filter((m) => m.type === 'incoming');
      expect(incoming).toHaveLength(1);
      await answeredOnce(conversation.id);
    });

    it('gives one message and one AI answer when the deliveries come at once', async () => {
      // Prepare
      const customer = newPhone();
      const sid = `SM${hex(16)}`;
      // Act
      const replies = await Promise.all(Array.from({ length: 5 }, () => postInbound(sid, customer, `where is my parcel? ${customer}`)));
      // Assess: never a 5xx for the race, so the provider has nothing to retry
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const conversation = await conversationOf(customer);
      const incoming = (await messagesOf(conversation.id)).filter((m) => m.type === 'incoming');
      expect(incoming).toHaveLength(1);
      await answeredOnce(conversation.id);
    });

    it('opens one conversation for a new customer\'s simultaneous first messages, answering each 200', async () => {
      // Prepare
      const customer = newPhone();
      const bodies = ['hello', 'anyone there?', 'order 1001', 'thanks'].map((b) => `${b} ${customer}`);
      // Act
      const replies = await Promise.all(bodies.map((body) => postInbound(`SM${hex(16)}`, customer, body)));
      // Assess
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const list = await admin.call('GET', `/api/v1/conversations?inboxId=${inboxId}&status=open&limit=100`);
      const theirs = (list.body.items as { id: string; contactId: string; lastMessage?: { body: string } }[]).filter((c) => c.lastMessage?.body.includes(customer));
      expect(theirs).toHaveLength(1);
      const incoming = (await messagesOf(theirs[0]!.id)).filter((m) => m.type === 'incoming');
      expect(incoming.map((m) => m.body).sort()).toEqual([...bodies].sort());
    });

    it('refuses a bad or missing signature with no write', async () => {
      // Prepare
      const customer = newPhone();
      const params: FormParameter[] = [['MessageSid', `SM${hex(16)}`], ['From', customer], ['To', inboxNumber], ['Body', `forged ${customer}`]];
      // Act
      const forged = await postWebhook(`/webhooks/twilio/${inboxId}`, { body: encodeTwilioForm(params), headers: { 'x-twilio-signature': twilioSignature('wrong-token', webhookUrl, params) } });
      const unsigned = await postWebhook(`/webhooks/twilio/${inboxId}`, { body: encodeTwilioForm(params) });
      // Assess
      expect(forged.status).toBe(403);
      expect(unsigned.status).toBe(403);
      const list = await admin.call('GET', `/api/v1/conversations?inboxId=${inboxId}&status=open&limit=100`);
      expect(JSON.stringify(list.body)).not.toContain(customer);
    });
  });

  describe('outbound sends', () => {
    it('delivers exactly once after 503, 503, 503, 200, each retry within the backoff bounds', async () => {
      // Prepare
      const to = newPhone();
      await fake.script(`/Accounts/${accountSid}/Messages.json`, [{ status: 503 }, { status: 503 }, { status: 503 }], { bodyIncludes: encodeURIComponent(to) });
      const { conversationId, messageId, customer } = await replyFromAgent(to);
      // Act
      await statusOf(conversationId, messageId, 'sent');
      // Assess
      const attempts = await sends(customer);
      expect(attempts.map((r) => r.status)).toEqual([503, 503, 503, 201]);
      const times = attempts.map((r) => Date.parse(r.at));
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const gapSeconds = (times[attempt]! - times[attempt - 1]!) / 1000;
        // random(0, min(900, 2·2^attempt)) plus the poller's 1 s long poll and processing.
        expect(gapSeconds).toBeLessThanOrEqual(Math.min(900, 2 * 2 ** attempt) + 2.5);
      }
    }, 90_000);

    it('honours a 429 with Retry-After', async () => {
      // Prepare
      const to = newPhone();
      await fake.script(`/Accounts/${accountSid}/Messages.json`, [{ status: 429, headers: { 'retry-after': '3' }, body: { code: 20429, message: 'Too Many Requests' } }], { bodyIncludes: encodeURIComponent(to) });
      const { conversationId, messageId, customer } = await replyFromAgent(to);
      // Act
      await statusOf(conversationId, messageId, 'sent');
      // Assess
      const attempts = await sends(customer);
      expect(attempts.map((r) => r.status)).toEqual([429, 201]);
      expect(Date.parse(attempts[1]!.at) - Date.parse(attempts[0]!.at)).toBeGreaterThanOrEqual(2_900);
    }, 60_000);

    it('marks the message failed with the provider\'s reason on a 400, without retrying', async () => {
      // Prepare
      const to = newPhone();
      await fake.script(`/Accounts/${accountSid}/Messages.json`, [{ status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } }], { bodyIncludes: encodeURIComponent(to) });
      const { conversationId, messageId, customer } = await replyFromAgent(to);
      // Act
      const failed = await statusOf(conversationId, messageId, 'failed');
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      // Assess
      expect(failed.failureReason).toContain('not a valid phone number');
      expect((await sends(customer)).map((r) => r.status)).toEqual([400]);
    }, 60_000);

    it('sends a poison job to the DLQ and shows its message as failed', async () => {
      // Prepare
      const to = newPhone();
      await fake.script(`/Accounts/${accountSid}/Messages.json`, Array.from({ length: 5 }, () => ({ status: 503 })), { bodyIncludes: encodeURIComponent(to) });
      const { conversationId, messageId, customer } = await replyFromAgent(to);
      // Act
      const failed = await statusOf(conversationId, messageId, 'failed');
      // Assess
      expect(failed.failureReason).toMatch(/^poison/);
      expect((await sends(customer)).map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
      const { QueueUrl: dlqUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'switchboard-outbound-dlq.fifo' }));
      const inDlq = await eventually(async () => {
        const { Messages: received = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl!, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        return received.find((m) => m.Body?.includes(messageId));
      }, 30_000, 'the job in the DLQ');
      expect(JSON.parse(inDlq.Body!)).toMatchObject({ kind: 'outbound-send', conversationId, messageId });
    }, 150_000);
  });
});
