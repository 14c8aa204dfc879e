import { describe, expect, it } from 'vitest';
import { canSendTest, channelInfoOf, channelKinds, isWhatsApp, webhookUrlList } from '../../../../web/dashboard/src/lib/channels.js';

describe('channelInfoOf', () => {
  it('knows every channel the backend has, with its provider', () => {
    expect(channelKinds.map((channel) => channelInfoOf(channel).provider)).toEqual(['widget', 'twilio', 'twilio', 'twilio', 'meta', 'meta', 'meta', 'sendgrid']);
    expect(channelInfoOf('fax')).toMatchObject({ label: 'fax' });
  });

  it('applies the 24-hour window to both WhatsApp channels and offers test messages where they can be sent', () => {
    expect(['whatsapp', 'whatsapp_cloud', 'sms'].map(isWhatsApp)).toEqual([true, true, false]);
    expect(['web', 'voice', 'sms', 'email'].map(canSendTest)).toEqual([false, false, true, true]);
  });
});

describe('webhookUrlList', () => {
  it('labels a record of URLs by purpose', () => {
    const list = webhookUrlList({ messages: 'https://a.test/webhooks/twilio/01J', voice: 'https://a.test/webhooks/twilio/01J/voice' });
    expect(list.map((item) => [item.key, item.label])).toEqual([['messages', 'Incoming messages'], ['voice', 'Voice calls']]);
    expect(list[1]?.hint).toMatch(/A call comes in/);
  });

  it('recognises plain URLs and { url, purpose } items, without repeating a URL', () => {
    const list = webhookUrlList([
      'https://a.test/webhooks/sendgrid/01J/s3cret',
      { url: 'https://a.test/webhooks/meta', purpose: 'meta' },
      'https://a.test/webhooks/meta',
      'https://a.test/other',
    ]);
    expect(list.map((item) => item.label)).toEqual(['Inbound Parse URL', 'Callback URL', 'Webhook URL']);
  });

  it('tells the Twilio status callback URL apart from the messages URL', () => {
    const list = webhookUrlList(['https://a.test/webhooks/twilio/01J', 'https://a.test/webhooks/twilio/01J/status']);
    expect(list.map((item) => item.key)).toEqual(['messages', 'status']);
  });

  it('gives an empty list for nothing usable', () => {
    expect(webhookUrlList(undefined)).toEqual([]);
    expect(webhookUrlList({ a: 1 })).toEqual([]);
  });
});
