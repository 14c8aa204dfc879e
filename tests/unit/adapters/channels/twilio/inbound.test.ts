import { describe, expect, it } from 'vitest';
import { encodeTwilioForm, firstValues, parseTwilioForm, TwilioFormError, twilioFormLimits } from '../../../../../shared/adapters/channels/twilio/form.js';
import {
  asksForAgent, bareAddress, describeTwilioError, isTwilioStatusCallback, toDeliveryReceipt, toInboundChannelMessage, toVoiceTranscriptMessage,
} from '../../../../../shared/adapters/channels/twilio/inbound.js';
import { TwilioInboundMessage, TwilioStatusCallback, TwilioVoiceRequest } from '../../../../../shared/contracts/webhooks/twilio.js';

const messageSid = `SM${'a'.repeat(32)}`;
const accountSid = `AC${'b'.repeat(32)}`;
const callSid = `CA${'c'.repeat(32)}`;

describe('Twilio form parsing', () => {
  it('decodes a form body in order, with + as a space and repeats kept', () => {
    // Act
    const params = parseTwilioForm(Buffer.from('Body=Hello+there%21&From=%2B15551234567&MediaUrl=a&MediaUrl=b'));
    // Assess
    expect(params).toEqual([['Body', 'Hello there!'], ['From', '+15551234567'], ['MediaUrl', 'a'], ['MediaUrl', 'b']]);
    expect(firstValues(params)).toEqual({ Body: 'Hello there!', From: '+15551234567', MediaUrl: 'a' });
  });

  it('keeps malformed escapes as written instead of throwing', () => {
    expect(parseTwilioForm(Buffer.from('Body=100%&x=%zz'))).toEqual([['Body', '100%'], ['x', '%zz']]);
  });

  it('refuses a body over the size or parameter limits', () => {
    expect(() => parseTwilioForm(Buffer.alloc(twilioFormLimits.maxBodyBytes + 1, 'a'))).toThrow(TwilioFormError);
    expect(() => parseTwilioForm(Buffer.from('a=1&'.repeat(twilioFormLimits.maxParameters)))).toThrow(TwilioFormError);
  });

  it('round-trips through encodeTwilioForm', () => {
    const params = [['Body', 'a&b=c +é'], ['To', 'whatsapp:+1555']] as const;
    expect(parseTwilioForm(Buffer.from(encodeTwilioForm(params)))).toEqual(params);
  });

  it('does not let a parameter named __proto__ reach an object prototype', () => {
    const fields = firstValues(parseTwilioForm(Buffer.from('__proto__=x&Body=y')));
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(fields.Body).toBe('y');
  });
});

describe('Twilio messaging webhooks', () => {
  it('tells a status callback from an inbound message', () => {
    expect(isTwilioStatusCallback({ MessageStatus: 'delivered' })).toBe(true);
    expect(isTwilioStatusCallback({ SmsStatus: 'sent' })).toBe(true);
    expect(isTwilioStatusCallback({ SmsStatus: 'received', Body: 'hi' })).toBe(false);
    expect(isTwilioStatusCallback({ Body: 'hi' })).toBe(false);
  });

  it('turns a WhatsApp message with media into an inbound channel message', () => {
    // Prepare
    const fields = TwilioInboundMessage.parse({
      MessageSid: messageSid, AccountSid: accountSid, From: 'whatsapp:+15551234567', To: 'whatsapp:+15557654321', Body: 'Here is the photo',
      NumMedia: '2', MediaUrl0: 'https://api.twilio.com/media/1', MediaContentType0: 'image/jpeg',
      MediaUrl1: 'https://api.twilio.com/media/2', MediaContentType1: 'weird', ProfileName: 'Ada', SmsStatus: 'received',
    });
    // Act
    const message = toInboundChannelMessage({ accountId: 'A1', inboxId: 'I1', channel: 'whatsapp', fields });
    // Assess
    expect(message).toEqual({
      accountId: 'A1', inboxId: 'I1', channel: 'whatsapp', externalContactId: '+15551234567', contactPhone: '+15551234567', contactName: 'Ada',
      providerMessageId: messageSid, dedupeKey: `twilio#${messageSid}`, dedupeTtlSeconds: 86_400, body: 'Here is the photo',
      attachments: [
        { fileName: 'media-1.jpg', contentType: 'image/jpeg', providerUrl: 'https://api.twilio.com/media/1' },
        { fileName: 'media-2.bin', contentType: 'application/octet-stream', providerUrl: 'https://api.twilio.com/media/2' },
      ],
    });
  });

  it('writes a shared WhatsApp location as text', () => {
    const fields = TwilioInboundMessage.parse({ MessageSid: messageSid, From: 'whatsapp:+15551234567', To: 'whatsapp:+1', Latitude: '51.5007', Longitude: '-0.1246', Label: 'Big Ben', Address: 'London SW1A 0AA' });
    expect(toInboundChannelMessage({ accountId: 'A1', inboxId: 'I1', channel: 'whatsapp', fields }).body).toBe('Shared a location: Big Ben, London SW1A 0AA (51.5007, -0.1246)');
  });

  it('refuses fields Twilio could not have sent', () => {
    const base = { MessageSid: messageSid, From: '+1', To: '+2' };
    expect(TwilioInboundMessage.safeParse(base).success).toBe(true);
    expect(TwilioInboundMessage.safeParse({ ...base, MessageSid: 'SM1' }).success).toBe(false);
    expect(TwilioInboundMessage.safeParse({ ...base, NumMedia: '11' }).success).toBe(false);
    expect(TwilioInboundMessage.safeParse({ ...base, Body: 'x'.repeat(4_097) }).success).toBe(false);
    expect(TwilioInboundMessage.safeParse({ ...base, MediaUrl0: 'javascript:alert(1)' }).success).toBe(false);
    expect(TwilioInboundMessage.safeParse({ ...base, From: '' }).success).toBe(false);
  });

  it('maps status callbacks to receipts keyed MessageSid#MessageStatus, and ignores in-between statuses', () => {
    const receipt = (MessageStatus: string, extra: Record<string, string> = {}) =>
      toDeliveryReceipt({ accountId: 'A1', fields: TwilioStatusCallback.parse({ MessageSid: messageSid, MessageStatus, ...extra }) });
    expect(receipt('delivered')).toEqual({ accountId: 'A1', provider: 'twilio', providerMessageId: messageSid, status: 'delivered', dedupeKey: `twilio#${messageSid}#delivered`, dedupeTtlSeconds: 86_400 });
    expect(receipt('read')?.status).toBe('read');
    expect(receipt('sent')?.status).toBe('sent');
    expect(receipt('undelivered', { ErrorCode: '30003' })).toMatchObject({ status: 'failed', reason: 'Twilio 30003: unreachable destination handset' });
    expect(receipt('failed', { ErrorCode: '' })).toMatchObject({ status: 'failed', reason: 'Twilio reported the message as failed' });
    expect(receipt('queued')).toBeUndefined();
    expect(receipt('sending')).toBeUndefined();
  });

  it('describes error codes it does not know by number', () => {
    expect(describeTwilioError('12345')).toBe('Twilio error 12345');
    expect(describeTwilioError('12345', 'Something specific')).toBe('Twilio 12345: Something specific');
  });

  it('strips the channel prefix from addresses', () => {
    expect(bareAddress('whatsapp:+15551234567')).toBe('+15551234567');
    expect(bareAddress('+15551234567')).toBe('+15551234567');
    expect(bareAddress('client:alice')).toBe('alice');
  });
});

describe('Twilio voice webhooks', () => {
  it('keys each speech turn of a call on its own', () => {
    // Prepare
    const fields = TwilioVoiceRequest.parse({ CallSid: callSid, From: '+15551234567', To: '+15557654321', CallStatus: 'in-progress', SpeechResult: 'Where is my order?' });
    // Act
    const first = toVoiceTranscriptMessage({ accountId: 'A1', inboxId: 'I1', turn: 1, fields: { ...fields, SpeechResult: fields.SpeechResult! } });
    const second = toVoiceTranscriptMessage({ accountId: 'A1', inboxId: 'I1', turn: 2, fields: { ...fields, SpeechResult: fields.SpeechResult! } });
    // Assess
    expect(first).toMatchObject({ channel: 'voice', externalContactId: '+15551234567', body: 'Where is my order?', dedupeKey: `twilio#${callSid}#turn-1` });
    expect(second.dedupeKey).toBe(`twilio#${callSid}#turn-2`);
  });

  it('hears a request for a person', () => {
    expect(asksForAgent('Agent')).toBe(true);
    expect(asksForAgent('can I talk to a human please')).toBe(true);
    expect(asksForAgent('my order is late')).toBe(false);
    expect(asksForAgent('reagent')).toBe(false);
  });
});
