import { describe, expect, it } from 'vitest';
import { parseEventBatch, sendIdOf, verifyEventSignature } from '../../../../../shared/adapters/channels/sendgrid/event-webhook.js';
import { makeEventSigningKey, sendgridEvent, signEventBody } from '../../../../helpers/sendgrid-fixtures.js';

/** SECURITY.md §1: SendGrid's public test vector. */
const vector = {
  publicKeyBase64: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==',
  timestamp: '1588788367',
  payload: '{"category":"example_payload","event":"test_event","message_id":"message_id"}',
  signature: 'MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=',
};

describe('verifyEventSignature', () => {
  it('accepts SendGrid\'s public test vector', () => {
    expect(verifyEventSignature({ publicKeyBase64: vector.publicKeyBase64, signature: vector.signature, timestamp: vector.timestamp, rawBody: Buffer.from(vector.payload) })).toBe(true);
  });

  it('refuses the vector with one byte of the body, the timestamp or the key changed', () => {
    const other = makeEventSigningKey();
    expect(verifyEventSignature({ ...vector, rawBody: Buffer.from(vector.payload.replace('test_event', 'test_evenT')) })).toBe(false);
    expect(verifyEventSignature({ ...vector, timestamp: '1588788368', rawBody: Buffer.from(vector.payload) })).toBe(false);
    expect(verifyEventSignature({ ...vector, publicKeyBase64: other.publicKeyBase64, rawBody: Buffer.from(vector.payload) })).toBe(false);
  });

  it('refuses missing or malformed signatures, timestamps and keys without throwing', () => {
    const rawBody = Buffer.from(vector.payload);
    expect(verifyEventSignature({ ...vector, signature: undefined, rawBody })).toBe(false);
    expect(verifyEventSignature({ ...vector, timestamp: undefined, rawBody })).toBe(false);
    expect(verifyEventSignature({ ...vector, signature: 'not base64!', rawBody })).toBe(false);
    expect(verifyEventSignature({ ...vector, signature: 'AAAA', rawBody })).toBe(false);
    expect(verifyEventSignature({ ...vector, publicKeyBase64: 'garbage', rawBody })).toBe(false);
    expect(verifyEventSignature({ ...vector, publicKeyBase64: '', rawBody })).toBe(false);
  });

  it('accepts a body signed with a key pair made for the test', () => {
    const key = makeEventSigningKey();
    const body = '[{"event":"delivered"}]';
    const headers = signEventBody(key, body, '1700000000');
    expect(verifyEventSignature({ publicKeyBase64: key.publicKeyBase64, signature: headers['x-twilio-email-event-webhook-signature'], timestamp: '1700000000', rawBody: Buffer.from(body) })).toBe(true);
  });
});

describe('parseEventBatch', () => {
  it('maps processed, deferred, delivered, open, bounce and dropped to receipts of our messages', () => {
    // Prepare
    const base = { sgMessageId: 'W8sS9BR6', accountId: 'acc1', messageId: 'msg1' };
    const body = JSON.stringify([
      sendgridEvent({ ...base, event: 'processed', sgEventId: 'e1' }),
      sendgridEvent({ ...base, event: 'deferred', sgEventId: 'e2' }),
      sendgridEvent({ ...base, event: 'delivered', sgEventId: 'e3' }),
      sendgridEvent({ ...base, event: 'open', sgEventId: 'e4' }),
      sendgridEvent({ ...base, event: 'bounce', sgEventId: 'e5', reason: '550 5.1.1 The email account does not exist' }),
      sendgridEvent({ ...base, event: 'dropped', sgEventId: 'e6' }),
      sendgridEvent({ ...base, event: 'spamreport', sgEventId: 'e7' }),
    ]);

    // Act
    const receipts = parseEventBatch(body)!;

    // Assess
    expect(receipts.map((r) => [r.status, r.dedupeKey])).toEqual([
      ['sent', 'sendgrid-event#e1'],
      ['sent', 'sendgrid-event#e2'],
      ['delivered', 'sendgrid-event#e3'],
      ['read', 'sendgrid-event#e4'],
      ['failed', 'sendgrid-event#e5'],
      ['failed', 'sendgrid-event#e6'],
    ]);
    expect(receipts[0]).toMatchObject({ provider: 'sendgrid', accountId: 'acc1', messageId: 'msg1', providerMessageId: 'W8sS9BR6', dedupeTtlSeconds: 172_800 });
    expect(receipts[4]!.reason).toBe('bounce: 550 5.1.1 The email account does not exist: 5.0.0');
  });

  it('skips events of mail we did not send and items that are not events', () => {
    const body = JSON.stringify([{ event: 'delivered', sg_event_id: 'x1', sg_message_id: 'a.b' }, 42, null, { event: 'open' }]);
    expect(parseEventBatch(body)).toEqual([]);
  });

  it('answers undefined for a body that is not a JSON array', () => {
    expect(parseEventBatch('{"event":"delivered"}')).toBeUndefined();
    expect(parseEventBatch('not json')).toBeUndefined();
  });

  it('reads the X-Message-Id prefix of sg_message_id', () => {
    expect(sendIdOf('14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0')).toBe('14c5d75ce93.dfd.64b469');
    expect(sendIdOf('W8sS9BR6Q0mxYe5hx6kiKg.recvd-5d4c7f7b5d-8xg2w-1-5F5FC76C-9.0')).toBe('W8sS9BR6Q0mxYe5hx6kiKg');
    expect(sendIdOf('W8sS9BR6Q0mxYe5hx6kiKg')).toBe('W8sS9BR6Q0mxYe5hx6kiKg');
  });
});
