/**
 * The channel services over in-memory ports: the inbound pipeline, receipts, the outbound send
 * and the agent's retry.
 */
import { describe, expect, it } from 'vitest';
import type { InboundChannelMessage } from '../../../../shared/ports/channels.js';
import { makeReceiveCustomerMessage } from '../../../../shared/services/conversations/receive-customer-message.js';
import { makeApplyDeliveryReceipt } from '../../../../shared/services/channels/apply-delivery-receipt.js';
import { makeInboxSetup } from '../../../../shared/services/channels/inbox-setup.js';
import { makeReceiveChannelMessage } from '../../../../shared/services/channels/receive-channel-message.js';
import { makeSendOutbound } from '../../../../shared/services/channels/send-outbound.js';
import { memoryChannelPorts } from '../../../helpers/in-memory-channel-ports.js';

const accountId = '01ACCOUNT0000000000000000A';

async function setUp(channel: 'sms' | 'whatsapp' | 'email' = 'sms') {
  const ports = memoryChannelPorts();
  await ports.deps.accounts.create({ id: accountId, name: 'Acme', mfaRequired: false, autoAssign: false, agentCapacity: 10, createdAt: ports.clock.nowIso() });
  const setup = makeInboxSetup({ ...ports.deps, publicUrl: 'https://api.example.com' });
  const credentials = channel === 'email'
    ? { provider: 'sendgrid' as const, inboundSecret: 'abcdefghijklmnop' }
    : { provider: 'twilio' as const, accountSid: `AC${'1'.repeat(32)}`, authToken: 'token-token' };
  const { inbox, webhookUrls } = await setup.createChannelInbox({ accountId, name: 'Line', channel, channelAddress: channel === 'email' ? 'help@acme.example' : '+15550001111', credentials });
  const receive = makeReceiveChannelMessage({ ...ports.deps, receiveCustomerMessage: makeReceiveCustomerMessage(ports.deps) });
  const send = makeSendOutbound({ ...ports.deps, emailDomain: 'api.example.com', random: () => 0.5 });
  const receipts = makeApplyDeliveryReceipt(ports.deps);
  return { ports, setup, inbox, webhookUrls, receive, send, receipts };
}

function inbound(inboxId: string, overrides: Partial<InboundChannelMessage> = {}): InboundChannelMessage {
  return {
    accountId, inboxId, channel: 'sms', externalContactId: '+15557654321', providerMessageId: 'SM1', dedupeKey: 'twilio#SM1',
    dedupeTtlSeconds: 86_400, body: 'Where is my order?', ...overrides,
  };
}

describe('createChannelInbox', () => {
  it('stores the credentials and the routing item, and answers the webhook URLs', async () => {
    const { ports, inbox, webhookUrls } = await setUp();
    expect(webhookUrls).toEqual({ messages: `https://api.example.com/webhooks/twilio/${inbox.id}`, status: `https://api.example.com/webhooks/twilio/${inbox.id}/status` });
    expect(inbox.webhookUrl).toBe(`https://api.example.com/webhooks/twilio/${inbox.id}`);
    expect(await ports.deps.channels.findInboxRoute(inbox.id)).toEqual({ accountId, inboxId: inbox.id });
    expect((await ports.deps.credentials.get(accountId, inbox.id))?.provider).toBe('twilio');
  });

  it('refuses credentials of another provider', async () => {
    const { setup } = await setUp();
    await expect(setup.createChannelInbox({ accountId, name: 'X', channel: 'messenger', channelAddress: '12345', credentials: { provider: 'sendgrid', inboundSecret: 'abcdefghijklmnop' } }))
      .rejects.toMatchObject({ name: 'ChannelRequestError' });
  });
});

describe('receiveChannelMessage', () => {
  it('opens a single conversation for a new contact\'s simultaneous first messages', async () => {
    // Prepare
    const { inbox, receive } = await setUp();
    const messages = ['Hi', 'Are you there?', 'Order 1001'].map((body, i) => inbound(inbox.id, { body, providerMessageId: `SM${i}`, dedupeKey: `twilio#SM${i}` }));
    // Act
    const results = await Promise.all(messages.map((m) => receive(m)));
    // Assess
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
    expect(results.map((r) => r.outcome)).toEqual(['stored', 'stored', 'stored']);
  });

  it('stores a message once when the same delivery arrives several times at once', async () => {
    // Prepare
    const { ports, inbox, receive } = await setUp();
    // Act
    const results = await Promise.all(Array.from({ length: 6 }, () => receive(inbound(inbox.id))));
    // Assess
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
    // Every job carries the same deduplication id (the message id): SQS FIFO keeps one.
    expect(new Set(ports.aiJobs.map((j) => j.messageId)).size).toBe(1);
  });

  it('stores a redelivered message once and enqueues one AI job', async () => {
    // Prepare
    const { ports, inbox, receive } = await setUp();
    // Act
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await receive(inbound(inbox.id)));
    // Assess
    expect(results.map((r) => r.outcome)).toEqual(['stored', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(ports.aiJobs).toEqual([{ kind: 'ai-turn', accountId, conversationId: results[0]!.conversationId, messageId: results[0]!.messageId }]);
    const stored = await ports.deps.messages.get(accountId, results[0]!.conversationId, results[0]!.messageId);
    expect(stored?.providerMessageId).toBe('SM1');
  });

  it('continues the contact\'s conversation on the same inbox', async () => {
    const { inbox, receive } = await setUp();
    const first = await receive(inbound(inbox.id));
    const second = await receive(inbound(inbox.id, { providerMessageId: 'SM2', dedupeKey: 'twilio#SM2', body: 'Hello again' }));
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.messageId).not.toBe(first.messageId);
  });

  it('fails with JobQueueUnavailableError when the AI job cannot be queued, and a redelivery repairs it', async () => {
    const { ports, inbox, receive } = await setUp();
    ports.setQueueDown(true);
    await expect(receive(inbound(inbox.id))).rejects.toMatchObject({ name: 'JobQueueUnavailableError' });
    ports.setQueueDown(false);
    const retried = await receive(inbound(inbox.id));
    expect(retried.outcome).toBe('duplicate');
    expect(ports.aiJobs).toHaveLength(1);
  });

  it('threads an email reply into its conversation by In-Reply-To', async () => {
    const { inbox, receive } = await setUp('email');
    const email = (id: string, inReplyTo?: string) => inbound(inbox.id, {
      channel: 'email', externalContactId: 'ann@example.com', providerMessageId: id, dedupeKey: `sendgrid#${id}`,
      email: { messageId: id, subject: 'Order 42', ...(inReplyTo ? { inReplyTo } : {}) },
    });
    const first = await receive(email('<a@mail.example>'));
    const reply = await receive(email('<b@mail.example>', '<a@mail.example>'));
    const unrelated = await receive(email('<c@mail.example>'));
    expect(reply.conversationId).toBe(first.conversationId);
    expect(unrelated.conversationId).not.toBe(first.conversationId);
  });
});

describe('sendOutbound', () => {
  async function queuedReply(channel: 'sms' | 'whatsapp' = 'sms') {
    const context = await setUp(channel);
    const received = await context.receive(inbound(context.inbox.id, { channel }));
    const message = await context.ports.deps.messages.append({
      accountId, conversationId: received.conversationId, inboxId: context.inbox.id, id: context.ports.ids.next(), type: 'outgoing', status: 'queued',
      authorType: 'agent', authorId: 'agent-1', body: 'It ships today.', createdAt: context.ports.clock.nowIso(),
    });
    const job = { kind: 'outbound-send' as const, accountId, conversationId: received.conversationId, messageId: message.id };
    return { ...context, job, ref: { accountId, conversationId: received.conversationId, messageId: message.id } };
  }

  it('sends once, records the provider id, and acknowledges a repeated job without a second send', async () => {
    const { ports, send, job, ref } = await queuedReply();
    expect(await send(job, 1)).toEqual({ kind: 'done', outcome: 'sent' });
    expect(await send(job, 2)).toEqual({ kind: 'done', outcome: 'skipped' });
    expect(ports.sent).toHaveLength(1);
    expect(ports.sent[0]).toMatchObject({ channel: 'sms', from: '+15550001111', to: '+15557654321', body: 'It ships today.' });
    expect(await ports.deps.channels.findProviderMessage('twilio', 'P1')).toEqual(ref);
  });

  it('retries within the full-jitter bound, at least Retry-After, and marks the message failed on the 5th attempt', async () => {
    const { ports, send, job, ref } = await queuedReply();
    ports.script.push({ kind: 'retry', reason: 'HTTP 503' }, { kind: 'retry', reason: 'HTTP 429', retryAfterSeconds: 30 });
    expect(await send(job, 1)).toEqual({ kind: 'retry', delaySeconds: 2, reason: 'HTTP 503' }); // floor(0.5 · 4)
    expect(await send(job, 2)).toEqual({ kind: 'retry', delaySeconds: 30, reason: 'HTTP 429' });
    ports.script.push({ kind: 'retry', reason: 'HTTP 503' });
    expect(await send(job, 5)).toEqual({ kind: 'retry', delaySeconds: 0, reason: 'HTTP 503' });
    const message = await ports.deps.messages.get(ref.accountId, ref.conversationId, ref.messageId);
    expect(message?.status).toBe('failed');
    expect(message?.failureReason).toMatch(/^poison/);
  });

  it('fails a permanent refusal with the provider\'s reason', async () => {
    const { ports, send, job, ref } = await queuedReply();
    ports.script.push({ kind: 'failed', reason: 'HTTP 400: invalid To' });
    expect(await send(job, 1)).toEqual({ kind: 'done', outcome: 'failed' });
    expect((await ports.deps.messages.get(ref.accountId, ref.conversationId, ref.messageId))?.failureReason).toBe('HTTP 400: invalid To');
  });

  it('refuses free text on WhatsApp outside the 24-hour window without calling the provider', async () => {
    const { ports, send, job, ref } = await queuedReply('whatsapp');
    ports.clock.advance(25 * 60 * 60 * 1000);
    expect(await send(job, 1)).toEqual({ kind: 'done', outcome: 'failed' });
    expect(ports.sent).toHaveLength(0);
    expect((await ports.deps.messages.get(ref.accountId, ref.conversationId, ref.messageId))?.failureReason).toBe('outside_24h_window');
  });

  it('lets an agent retry a failed message, once', async () => {
    const { ports, setup, send, job, ref } = await queuedReply();
    ports.script.push({ kind: 'failed', reason: 'HTTP 400' });
    await send(job, 1);
    const requeued = await setup.retryFailedMessage(ref);
    expect(requeued.status).toBe('queued');
    expect(ports.outboundJobs.at(-1)).toMatchObject({ ...job, requeuedAt: expect.any(String) });
    await expect(setup.retryFailedMessage(ref)).rejects.toMatchObject({ name: 'MessageNotRetryableError' });
    expect(await send(job, 1)).toEqual({ kind: 'done', outcome: 'sent' });
  });
});

describe('applyDeliveryReceipt', () => {
  it('moves the status forward only, and ignores unknown ids and other tenants', async () => {
    const { ports, send, receive, receipts, inbox } = await setUp();
    const received = await receive(inbound(inbox.id));
    const message = await ports.deps.messages.append({
      accountId, conversationId: received.conversationId, inboxId: inbox.id, id: ports.ids.next(), type: 'outgoing', status: 'queued',
      authorType: 'agent', body: 'Hi', createdAt: ports.clock.nowIso(),
    });
    await send({ kind: 'outbound-send', accountId, conversationId: received.conversationId, messageId: message.id }, 1);
    const receipt = (status: 'delivered' | 'read' | 'sent', extra = {}) => receipts({ provider: 'twilio', providerMessageId: 'P1', status, dedupeKey: `P1#${status}`, dedupeTtlSeconds: 86_400, ...extra });
    expect(await receipt('delivered')).toBe('applied');
    expect(await receipt('read')).toBe('applied');
    expect(await receipt('delivered')).toBe('duplicate');
    expect(await receipt('read', { accountId: '01OTHERACCOUNT00000000000X' })).toBe('unknown');
    expect(await receipts({ provider: 'twilio', providerMessageId: 'SMunknown', status: 'read', dedupeKey: 'x', dedupeTtlSeconds: 1 })).toBe('unknown');
    expect((await ports.deps.messages.get(accountId, received.conversationId, message.id))?.status).toBe('read');
  });

  it('ignores a redelivered bounce of a send an agent has since retried', async () => {
    // Prepare: the first send (P1) bounces, the agent retries, the second send (P2) goes out.
    const { ports, send, receive, receipts, setup, inbox } = await setUp();
    const received = await receive(inbound(inbox.id));
    const message = await ports.deps.messages.append({
      accountId, conversationId: received.conversationId, inboxId: inbox.id, id: ports.ids.next(), type: 'outgoing', status: 'queued',
      authorType: 'agent', body: 'Hi', createdAt: ports.clock.nowIso(),
    });
    const job = { kind: 'outbound-send' as const, accountId, conversationId: received.conversationId, messageId: message.id };
    await send(job, 1);
    const bounce = { provider: 'twilio' as const, providerMessageId: 'P1', status: 'failed' as const, reason: 'bounced', dedupeKey: 'P1#failed', dedupeTtlSeconds: 86_400 };
    expect(await receipts(bounce)).toBe('applied');
    await setup.retryFailedMessage({ accountId, conversationId: received.conversationId, messageId: message.id });
    await send(job, 1);
    // Act
    const redelivered = await receipts(bounce);
    const delivered = await receipts({ provider: 'twilio', providerMessageId: 'P2', status: 'delivered', dedupeKey: 'P2#delivered', dedupeTtlSeconds: 86_400 });
    // Assess
    expect(redelivered).toBe('duplicate');
    expect(delivered).toBe('applied');
    expect((await ports.deps.messages.get(accountId, received.conversationId, message.id))?.status).toBe('delivered');
  });
});
