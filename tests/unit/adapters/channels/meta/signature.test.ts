import { describe, expect, it } from 'vitest';
import { metaSignatureOf, verifyMetaSignature } from '../../../../../shared/adapters/channels/meta/signature.js';
import { answerSubscribeHandshake } from '../../../../../shared/adapters/channels/meta/handshake.js';

describe('verifyMetaSignature', () => {
  const vector = '0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914';

  it('matches the SECURITY.md vector (key "secret", body "test")', () => {
    // Act
    const hex = metaSignatureOf(Buffer.from('test'), 'secret');
    // Assess
    expect(hex).toBe(vector);
    expect(verifyMetaSignature(Buffer.from('test'), `sha256=${vector}`, 'secret')).toBe(true);
  });

  it('accepts upper-case hex and surrounding spaces', () => {
    expect(verifyMetaSignature(Buffer.from('test'), ` sha256=${vector.toUpperCase()} `, 'secret')).toBe(true);
  });

  it('refuses a signature of other bytes, another secret, a missing or malformed header', () => {
    // Prepare
    const body = Buffer.from('test');
    // Act + Assess
    expect(verifyMetaSignature(Buffer.from('test '), `sha256=${vector}`, 'secret')).toBe(false);
    expect(verifyMetaSignature(body, `sha256=${vector}`, 'other')).toBe(false);
    expect(verifyMetaSignature(body, undefined, 'secret')).toBe(false);
    expect(verifyMetaSignature(body, '', 'secret')).toBe(false);
    expect(verifyMetaSignature(body, vector, 'secret')).toBe(false);
    expect(verifyMetaSignature(body, `sha1=${vector}`, 'secret')).toBe(false);
    expect(verifyMetaSignature(body, `sha256=${vector.slice(2)}`, 'secret')).toBe(false);
    expect(verifyMetaSignature(body, `sha256=${vector}00`, 'secret')).toBe(false);
    expect(verifyMetaSignature(body, `sha256=${'z'.repeat(64)}`, 'secret')).toBe(false);
  });

  it('never accepts anything when the app secret is empty', () => {
    const empty = metaSignatureOf(Buffer.from('test'), '');
    expect(verifyMetaSignature(Buffer.from('test'), `sha256=${empty}`, '')).toBe(false);
  });
});

describe('answerSubscribeHandshake', () => {
  const ok = { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '1158201444' };

  it('echoes the challenge as text/plain when the mode is subscribe and the token matches', () => {
    expect(answerSubscribeHandshake(ok, 'verify-me')).toEqual({ status: 200, contentType: 'text/plain', body: '1158201444' });
  });

  it('answers 403 for a wrong or missing token', () => {
    expect(answerSubscribeHandshake({ ...ok, 'hub.verify_token': 'verify-mE' }, 'verify-me').status).toBe(403);
    expect(answerSubscribeHandshake({ 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 'verify-me').status).toBe(403);
    expect(answerSubscribeHandshake({ ...ok, 'hub.verify_token': '' }, '').status).toBe(403);
  });

  it('answers 403 for another mode', () => {
    expect(answerSubscribeHandshake({ ...ok, 'hub.mode': 'unsubscribe' }, 'verify-me').status).toBe(403);
  });

  it('answers 403 for a challenge outside ^[0-9A-Za-z_-]{1,128}$ and never echoes it', () => {
    for (const challenge of ['', '<script>alert(1)</script>', 'a b', 'x'.repeat(129), 'é']) {
      const answer = answerSubscribeHandshake({ ...ok, 'hub.challenge': challenge }, 'verify-me');
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain(challenge || 'never');
    }
    expect(answerSubscribeHandshake({ ...ok, 'hub.challenge': 'A_z-9'.padEnd(128, 'q') }, 'verify-me').status).toBe(200);
  });
});
