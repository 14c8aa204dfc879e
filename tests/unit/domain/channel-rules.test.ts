/**
 * Channel rules: SMS segments, WhatsApp's 24-hour window, size limits and the backoff formula.
 */
import { describe, expect, it } from 'vitest';
import { backoffSeconds, checkOutbound, smsSegments, whatsappWindow } from '../../../shared/domain/channel-rules.js';

describe('smsSegments', () => {
  it('counts GSM-7 in 160 septets, or 153 per part', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts an extension character as two septets', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81)).segments).toBe(2);
  });

  it('switches the whole message to UCS-2 for any other character: 70, or 67 per part', () => {
    expect(smsSegments(`${'a'.repeat(69)}é`).encoding).toBe('GSM-7');
    expect(smsSegments(`${'a'.repeat(69)}ł`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments(`${'a'.repeat(70)}ł`).segments).toBe(2);
    expect(smsSegments('😀'.repeat(36)).segments).toBe(2); // 72 UTF-16 units
  });
});

describe('checkOutbound', () => {
  it('refuses free text on WhatsApp outside the window, but not a template', () => {
    expect(checkOutbound({ channel: 'whatsapp', body: 'Hi', hasTemplate: false, windowOpen: false })).toBe('outside_24h_window');
    expect(checkOutbound({ channel: 'whatsapp_cloud', body: '', hasTemplate: true, windowOpen: false })).toBeUndefined();
    expect(checkOutbound({ channel: 'whatsapp', body: 'Hi', hasTemplate: false, windowOpen: true })).toBeUndefined();
  });

  it('refuses SMS over 1,600 characters and templates off WhatsApp', () => {
    expect(checkOutbound({ channel: 'sms', body: 'a'.repeat(1600), hasTemplate: false, windowOpen: false })).toBeUndefined();
    expect(checkOutbound({ channel: 'sms', body: 'a'.repeat(1601), hasTemplate: false, windowOpen: false })).toBe('too_long');
    expect(checkOutbound({ channel: 'instagram', body: 'a'.repeat(1001), hasTemplate: false, windowOpen: false })).toBe('too_long');
    expect(checkOutbound({ channel: 'sms', body: 'x', hasTemplate: true, windowOpen: false })).toBe('template_not_supported');
  });
});

describe('whatsappWindow', () => {
  it('is open for 24 hours after the customer\'s last message', () => {
    const last = '2026-11-23T10:00:00.000Z';
    expect(whatsappWindow(last, Date.parse(last) + 23 * 3_600_000)).toEqual({ open: true, closesAt: '2026-11-24T10:00:00.000Z' });
    expect(whatsappWindow(last, Date.parse(last) + 24 * 3_600_000).open).toBe(false);
    expect(whatsappWindow(undefined, 0)).toEqual({ open: false });
  });
});

describe('backoffSeconds', () => {
  it('is random(0, min(900, 2·2^attempt)), at least Retry-After', () => {
    expect(backoffSeconds(1, 0.999)).toBe(3);
    expect(backoffSeconds(3, 0.5)).toBe(8);
    expect(backoffSeconds(20, 0.999)).toBe(899);
    expect(backoffSeconds(1, 0, 30)).toBe(30);
  });
});
