import { describe, expect, it } from 'vitest';
import type { Inbox, Message } from '../../../../shared/domain/entities.js';
import type { DeliveryReceipt, InboundChannelMessage } from '../../../../shared/ports/channels.js';
import type { InboxRoute } from '../../../../shared/ports/channel-store.js';
import { parseMetaWebhook, type MetaBatch } from '../../../../shared/adapters/channels/meta/parse.js';
import { makeReceiveMetaWebhook } from '../../../../shared/services/meta/receive-meta-webhook.js';
import { makeApplyWatermarkReceipt, type WatermarkReceiptInput } from '../../../../shared/services/meta/apply-watermark-receipt.js';
import { messagingText, messengerBody, whatsAppBody, whatsAppStatus, whatsAppText } from '../../../helpers/meta-payloads.js';

function batchesOf(body: unknown): readonly MetaBatch[] {
  const parsed = parseMetaWebhook(body);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.batches;
}

function harness(routes: Record<string, InboxRoute & { channel: Inbox['channel'] }>, options: { failOn?: string } = {}) {
  const received: InboundChannelMessage[] = [];
  const receipts: DeliveryReceipt[] = [];
  const watermarks: WatermarkReceiptInput[] = [];
  const service = makeReceiveMetaWebhook({
    channels: { findMetaRoute: async (address) => routes[address] },
    inboxes: {
      get: async (accountId, inboxId) => {
        const route = Object.values(routes).find((r) => r.accountId === accountId && r.inboxId === inboxId);
        return route ? ({ accountId, id: inboxId, name: 'x', channel: route.channel, createdAt: '' } as Inbox) : undefined;
      },
    },
    receiveChannelMessage: async (message) => {
      if (message.body === options.failOn) throw Object.assign(new Error('queue down'), { name: 'JobQueueUnavailableError' });
      received.push(message);
      return { outcome: 'stored' };
    },
    applyDeliveryReceipt: async (receipt) => {
      receipts.push(receipt);
      return 'applied';
    },
    applyWatermarkReceipt: async (input) => {
      watermarks.push(input);
      return { applied: 1 };
    },
  });
  return { service, received, receipts, watermarks };
}

describe('receiveMetaWebhook', () => {
  it('resolves the tenant per entry and drops entries of unknown pages', async () => {
    // Prepare
    const { service, received } = harness({
      '111': { accountId: 'ACC1', inboxId: 'IN1', channel: 'messenger' },
      '333': { accountId: 'ACC2', inboxId: 'IN2', channel: 'messenger' },
    });
    const body = messengerBody([
      { pageId: '111', messaging: [messagingText('111', '9', 'm_1', 'for tenant 1')] },
      { pageId: '222', messaging: [messagingText('222', '9', 'm_2', 'nobody')] },
      { pageId: '333', messaging: [messagingText('333', '9', 'm_3', 'for tenant 2')] },
    ]);
    // Act
    const summary = await service(batchesOf(body));
    // Assess
    expect(summary).toEqual({ stored: 2, duplicates: 0, receipts: 0, droppedBatches: 1 });
    expect(received.map((m) => [m.accountId, m.inboxId, m.body]).sort()).toEqual([
      ['ACC1', 'IN1', 'for tenant 1'],
      ['ACC2', 'IN2', 'for tenant 2'],
    ]);
  });

  it('drops a batch whose address belongs to an inbox of another channel', async () => {
    const { service, received } = harness({ '111': { accountId: 'A', inboxId: 'I', channel: 'instagram' } });
    const summary = await service(batchesOf(messengerBody([{ pageId: '111', messaging: [messagingText('111', '9', 'm_1', 'x')] }])));
    expect(summary.droppedBatches).toBe(1);
    expect(received).toEqual([]);
  });

  it('keeps one contact’s messages in order', async () => {
    const { service, received } = harness({ '111': { accountId: 'A', inboxId: 'I', channel: 'messenger' } });
    const messaging = Array.from({ length: 30 }, (_, i) => messagingText('111', String(i % 2), `m_${i}`, String(i)));
    await service(batchesOf(messengerBody([{ pageId: '111', messaging }])));
    expect(received.filter((m) => m.externalContactId === '0').map((m) => Number(m.body))).toEqual(Array.from({ length: 15 }, (_, i) => i * 2));
  });

  it('applies WhatsApp statuses with the resolved account, and watermarks for Messenger', async () => {
    // Prepare
    const { service, receipts, watermarks } = harness({
      '106540352242922': { accountId: 'A', inboxId: 'WA', channel: 'whatsapp_cloud' },
      '111': { accountId: 'B', inboxId: 'FB', channel: 'messenger' },
    });
    // Act
    await service(batchesOf(whatsAppBody('106540352242922', { statuses: [whatsAppStatus('wamid.1', 'read', '1650')] })));
    await service(batchesOf(messengerBody([{ pageId: '111', messaging: [{ sender: { id: '9' }, recipient: { id: '111' }, timestamp: 5, read: { watermark: 1000 } }] }])));
    // Assess
    expect(receipts).toEqual([expect.objectContaining({ accountId: 'A', provider: 'meta', providerMessageId: 'wamid.1', status: 'read' })]);
    expect(watermarks).toEqual([{ accountId: 'B', inboxId: 'FB', channel: 'messenger', externalContactId: '9', status: 'read', watermark: '1970-01-01T00:00:01.000Z' }]);
  });

  it('attempts every unit, then throws the first failure so Meta redelivers', async () => {
    const { service, received } = harness({ '1': { accountId: 'A', inboxId: 'WA', channel: 'whatsapp_cloud' } }, { failOn: 'boom' });
    const body = whatsAppBody('1', { messages: [...whatsAppText('44', 'wamid.a', 'boom').messages, ...whatsAppText('45', 'wamid.b', 'fine').messages] });
    await expect(service(batchesOf(body))).rejects.toThrow('queue down');
    expect(received.map((m) => m.body)).toEqual(['fine']);
  });
});

describe('applyWatermarkReceipt', () => {
  const message = (id: string, type: Message['type'], status: Message['status'], createdAt: string) =>
    ({ accountId: 'A', conversationId: 'C', inboxId: 'I', id, seq: 1, type, status, authorType: 'agent', body: '', createdAt }) as Message;

  it('moves the latest conversation’s sent outgoing messages up to the watermark forward', async () => {
    // Prepare
    const advanced: string[] = [];
    const apply = makeApplyWatermarkReceipt({
      contacts: { findByIdentity: async () => ({ accountId: 'A', contactId: 'K', channel: 'messenger', externalId: '9', createdAt: '' }) },
      conversations: { listByContact: async () => ({ items: [{ id: 'OTHER', inboxId: 'X' }, { id: 'C', inboxId: 'I' }] as never }) },
      messages: {
        list: async () => [
          message('m5', 'outgoing', 'sent', '2026-01-01T00:00:05Z'),
          message('m4', 'outgoing', 'delivered', '2026-01-01T00:00:04Z'),
          message('m3', 'incoming', 'delivered', '2026-01-01T00:00:03Z'),
          message('m2', 'outgoing', 'queued', '2026-01-01T00:00:02Z'),
          message('m1', 'outgoing', 'read', '2026-01-01T00:00:01Z'),
        ],
      },
      channels: { advanceStatus: async (ref) => { advanced.push(ref.messageId); return {} as Message; } },
    });
    // Act
    const result = await apply({ accountId: 'A', inboxId: 'I', channel: 'messenger', externalContactId: '9', status: 'read', watermark: '2026-01-01T00:00:04.500Z' });
    // Assess
    expect(result).toEqual({ applied: 1 });
    expect(advanced).toEqual(['m4']);
  });

  it('answers unknown for a contact it has never seen', async () => {
    const apply = makeApplyWatermarkReceipt({
      contacts: { findByIdentity: async () => undefined },
      conversations: { listByContact: async () => ({ items: [] }) },
      messages: { list: async () => [] },
      channels: { advanceStatus: async () => undefined },
    });
    expect(await apply({ accountId: 'A', inboxId: 'I', channel: 'messenger', externalContactId: '9', status: 'read', watermark: '2026-01-01T00:00:00Z' })).toBe('unknown');
  });
});
