import { describe, expect, it } from 'vitest';
import { parseMetaWebhook, metaDedupeTtlSeconds } from '../../../../../shared/adapters/channels/meta/parse.js';
import { instagramBody, messagingText, messengerBody, whatsAppBody, whatsAppStatus, whatsAppText } from '../../../../helpers/meta-payloads.js';

function ok(value: unknown) {
  const parsed = parseMetaWebhook(value);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed;
}

describe('parseMetaWebhook — Messenger', () => {
  it('turns a text message into a customer message keyed by its mid for 2 days', () => {
    // Act
    const parsed = ok(messengerBody([{ pageId: '111', messaging: [messagingText('111', '222', 'm_abc', 'hello, world!', 1_458_692_752_478)] }]));
    // Assess
    expect(parsed.batches).toEqual([
      {
        channel: 'messenger',
        channelAddress: '111',
        messages: [
          {
            channel: 'messenger',
            externalContactId: '222',
            providerMessageId: 'm_abc',
            dedupeKey: 'meta#m_abc',
            dedupeTtlSeconds: 172_800,
            body: 'hello, world!',
            sentAt: '2016-03-23T00:25:52.478Z',
          },
        ],
        receipts: [],
        watermarks: [],
      },
    ]);
  });

  it('keeps attachments as provider URLs and ignores echoes of the page', () => {
    // Prepare
    const attachment = { sender: { id: '222' }, recipient: { id: '111' }, timestamp: 1, message: { mid: 'mid.$cAAJ', attachments: [{ type: 'image', payload: { url: 'https://cdn.example/a.jpg' } }] } };
    const echo = { sender: { id: '111' }, recipient: { id: '222' }, timestamp: 2, message: { mid: 'm_echo', is_echo: true, app_id: 1517776481860111, text: 'our reply' } };
    // Act
    const parsed = ok(messengerBody([{ pageId: '111', messaging: [attachment, echo] }]));
    // Assess
    const [batch] = parsed.batches;
    expect(batch?.messages).toHaveLength(1);
    expect(batch?.messages[0]).toMatchObject({ body: '', attachments: [{ fileName: 'image', contentType: 'image/*', providerUrl: 'https://cdn.example/a.jpg' }] });
    expect(parsed.ignored).toBe(1);
  });

  it('turns delivery mids into receipts and delivery / read watermarks into watermark receipts', () => {
    // Prepare
    const delivery = { sender: { id: '222' }, recipient: { id: '111' }, delivery: { mids: ['m_1', 'm_2'], watermark: 1_458_668_856_253 } };
    const read = { sender: { id: '222' }, recipient: { id: '111' }, timestamp: 1_458_668_856_463, read: { watermark: 1_458_668_856_253 } };
    // Act
    const [batch] = ok(messengerBody([{ pageId: '111', messaging: [delivery, read] }])).batches;
    // Assess
    expect(batch?.receipts.map((r) => [r.providerMessageId, r.status, r.dedupeKey])).toEqual([
      ['m_1', 'delivered', 'meta#m_1#delivered'],
      ['m_2', 'delivered', 'meta#m_2#delivered'],
    ]);
    expect(batch?.watermarks).toEqual([
      { status: 'delivered', externalContactId: '222', watermark: '2016-03-22T17:47:36.253Z', dedupeKey: 'meta#111#222#delivered#1458668856253', dedupeTtlSeconds: metaDedupeTtlSeconds.messaging },
      { status: 'read', externalContactId: '222', watermark: '2016-03-22T17:47:36.253Z', dedupeKey: 'meta#111#222#read#1458668856253', dedupeTtlSeconds: metaDedupeTtlSeconds.messaging },
    ]);
  });

  it('groups a batch of entries by page, skipping malformed entries and events without losing the others', () => {
    // Prepare
    const entries = Array.from({ length: 1000 }, (_, i) => ({ pageId: String(1000 + (i % 3)), messaging: [messagingText(String(1000 + (i % 3)), String(5000 + i), `m_${i}`, `hi ${i}`)] }));
    const body = messengerBody(entries);
    (body.entry as unknown[])[5] = { id: 'not-a-page', messaging: [] };
    (body.entry[6]!.messaging as unknown[])[0] = { sender: {}, message: 'nope' };
    // Act
    const parsed = ok(body);
    // Assess
    expect(parsed.batches.map((b) => b.channelAddress).sort()).toEqual(['1000', '1001', '1002']);
    expect(parsed.batches.reduce((n, b) => n + b.messages.length, 0)).toBe(998);
    expect(parsed.skipped).toBe(2);
  });

  it('refuses more than 1,000 entries and bodies that are not a Meta envelope', () => {
    expect(parseMetaWebhook(messengerBody(Array.from({ length: 1001 }, () => ({ pageId: '1', messaging: [] })))).ok).toBe(false);
    for (const bad of [null, 'x', 42, [], {}, { object: 'page' }, { object: 'page', entry: {} }, { object: 7, entry: [] }]) {
      expect(parseMetaWebhook(bad).ok).toBe(false);
    }
  });

  it('gives no batches for products it does not read', () => {
    const parsed = ok({ object: 'user', entry: [{ id: '1', changes: [] }] });
    expect(parsed.batches).toEqual([]);
  });
});

describe('parseMetaWebhook — Instagram', () => {
  it('reads messages per Instagram account and turns a seen event into a read receipt of its mid', () => {
    // Prepare
    const seen = { sender: { id: '333' }, recipient: { id: '17841400000' }, timestamp: 1_764_590_001_000, read: { mid: 'aWdfZAG1' } };
    // Act
    const [batch] = ok(instagramBody([{ igId: '17841400000', messaging: [messagingText('17841400000', '333', 'aWdfZAG0', 'hey'), seen] }])).batches;
    // Assess
    expect(batch).toMatchObject({ channel: 'instagram', channelAddress: '17841400000' });
    expect(batch?.messages[0]).toMatchObject({ channel: 'instagram', externalContactId: '333', body: 'hey', dedupeKey: 'meta#aWdfZAG0' });
    expect(batch?.receipts).toEqual([{ provider: 'meta', providerMessageId: 'aWdfZAG1', status: 'read', dedupeKey: 'meta#aWdfZAG1#read', dedupeTtlSeconds: 172_800, at: '2025-12-01T11:53:21.000Z' }]);
    expect(batch?.watermarks[0]).toMatchObject({ status: 'read', externalContactId: '333', watermark: '2025-12-01T11:53:21.000Z' });
  });
});

describe('parseMetaWebhook — WhatsApp Cloud', () => {
  it('reads a text message with the profile name, routed by phone_number_id, kept 8 days', () => {
    // Act
    const parsed = ok(whatsAppBody('106540352242922', whatsAppText('16505551234', 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', 'Hello!')));
    // Assess
    expect(parsed.batches).toHaveLength(1);
    expect(parsed.batches[0]).toMatchObject({ channel: 'whatsapp_cloud', channelAddress: '106540352242922' });
    expect(parsed.batches[0]?.messages[0]).toEqual({
      channel: 'whatsapp_cloud',
      externalContactId: '16505551234',
      contactName: 'Sheena Nelson',
      contactPhone: '+16505551234',
      providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
      dedupeKey: 'meta#wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
      dedupeTtlSeconds: 691_200,
      body: 'Hello!',
      sentAt: '2025-12-01T11:53:20.000Z',
    });
  });

  it('reads media with their caption and media id, buttons, list replies and locations; ignores reactions', () => {
    // Prepare
    const from = '16505551234';
    const messages = [
      { from, id: 'wamid.1', timestamp: '1', type: 'image', image: { caption: 'my receipt', mime_type: 'image/jpeg', sha256: 'x', id: '1479537139650973' } },
      { from, id: 'wamid.2', timestamp: '1', type: 'document', document: { filename: 'invoice.pdf', mime_type: 'application/pdf', sha256: 'x', id: '2' } },
      { from, id: 'wamid.3', timestamp: '1', type: 'button', button: { text: 'Yes', payload: 'YES' } },
      { from, id: 'wamid.4', timestamp: '1', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Refund', description: 'x' } } },
      { from, id: 'wamid.5', timestamp: '1', type: 'location', location: { latitude: 52.5, longitude: 13.4, name: 'Office', address: 'Main St 1' } },
      { from, id: 'wamid.6', timestamp: '1', type: 'reaction', reaction: { message_id: 'wamid.0', emoji: '👍' } },
      { from, id: 'wamid.7', timestamp: '1', type: 'unsupported', errors: [{ code: 131051 }] },
    ];
    // Act
    const parsed = ok(whatsAppBody('1065', { contacts: [{ profile: { name: 'S' }, wa_id: from }], messages }));
    // Assess
    const bodies = parsed.batches[0]?.messages.map((m) => [m.providerMessageId, m.body, m.attachments?.[0]?.providerUrl]);
    expect(bodies).toEqual([
      ['wamid.1', 'my receipt', '1479537139650973'],
      ['wamid.2', '', '2'],
      ['wamid.3', 'Yes', undefined],
      ['wamid.4', 'Refund', undefined],
      ['wamid.5', 'Location: Office, Main St 1 (52.5, 13.4)', undefined],
      ['wamid.7', '[Unsupported WhatsApp message: unsupported]', undefined],
    ]);
    expect(parsed.batches[0]?.messages[1]?.attachments?.[0]).toMatchObject({ fileName: 'invoice.pdf', contentType: 'application/pdf' });
    expect(parsed.ignored).toBe(1);
  });

  it('turns statuses into receipts keyed id#status for 8 days, with the error as the failure reason', () => {
    // Prepare
    const statuses = [
      whatsAppStatus('wamid.A', 'sent', '16505551234'),
      whatsAppStatus('wamid.A', 'delivered', '16505551234'),
      whatsAppStatus('wamid.A', 'read', '16505551234'),
      whatsAppStatus('wamid.B', 'failed', '16505551234', [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'More than 24 hours have passed since the recipient last replied.' } }]),
      whatsAppStatus('wamid.C', 'deleted', '16505551234'),
    ];
    // Act
    const [batch] = ok(whatsAppBody('1065', { statuses })).batches;
    // Assess
    expect(batch?.receipts.map((r) => [r.providerMessageId, r.status, r.dedupeKey, r.dedupeTtlSeconds])).toEqual([
      ['wamid.A', 'sent', 'meta#wamid.A#sent', 691_200],
      ['wamid.A', 'delivered', 'meta#wamid.A#delivered', 691_200],
      ['wamid.A', 'read', 'meta#wamid.A#read', 691_200],
      ['wamid.B', 'failed', 'meta#wamid.B#failed', 691_200],
    ]);
    expect(batch?.receipts[3]?.reason).toBe('Re-engagement message: More than 24 hours have passed since the recipient last replied. (code 131047)');
    expect(batch?.receipts[0]?.at).toBe('2025-12-01T11:55:00.000Z');
  });

  it('routes each change by its own phone_number_id and skips changes of other fields', () => {
    // Prepare
    const body = whatsAppBody('1', whatsAppText('44', 'wamid.x', 'a'));
    body.entry[0]!.changes.push(
      { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: '2' }, ...whatsAppText('45', 'wamid.y', 'b') } },
      { field: 'account_update', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: '3' } } },
    );
    // Act
    const parsed = ok(body);
    // Assess
    expect(parsed.batches.map((b) => [b.channelAddress, b.messages[0]?.body])).toEqual([['1', 'a'], ['2', 'b']]);
    expect(parsed.ignored).toBe(1);
  });
});
