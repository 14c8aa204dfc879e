import { describe, expect, it } from 'vitest';
import {
  canRetry, deliveryRank, failureReasonOf, isAdvance, markRetrying, markRetryRefused, readableFailure, tickOf,
} from '../../../../web/dashboard/src/lib/delivery.js';
import { mergeMessages } from '../../../../web/dashboard/src/lib/messages.js';

function message(id: string, status: string, extra: Record<string, unknown> = {}) {
  return { id, seq: 1, status, type: 'outgoing', createdAt: '2026-12-01T10:00:00.000Z', body: id, ...extra };
}

describe('delivery order', () => {
  it('ranks queued < sent < delivered < read and leaves failed out of the order', () => {
    expect(['queued', 'sent', 'delivered', 'read'].map(deliveryRank)).toEqual([0, 1, 2, 3]);
    expect(deliveryRank('failed')).toBe(-1);
  });

  it('only moves forward, lets failed win, and never leaves failed by a receipt', () => {
    expect(isAdvance('sent', 'delivered')).toBe(true);
    expect(isAdvance('read', 'delivered')).toBe(false);
    expect(isAdvance('delivered', 'failed')).toBe(true);
    expect(isAdvance('failed', 'sent')).toBe(false);
  });
});

describe('tickOf', () => {
  it('draws a clock, one tick, two ticks, two blue ticks and an alert', () => {
    expect(tickOf('queued')).toMatchObject({ icon: 'clock', tone: 'muted' });
    expect(tickOf('sent')).toMatchObject({ icon: 'check', label: 'Sent' });
    expect(tickOf('delivered')).toMatchObject({ icon: 'checks', tone: 'muted' });
    expect(tickOf('read')).toEqual({ icon: 'checks', label: 'Read', tone: 'read' });
    expect(tickOf('failed')).toMatchObject({ icon: 'alert', tone: 'failed' });
    expect(tickOf('other')).toBeUndefined();
  });
});

describe('failure reasons', () => {
  it('finds the reason wherever the message carries it', () => {
    expect(failureReasonOf({ failureReason: '21211: Invalid To' })).toBe('21211: Invalid To');
    expect(failureReasonOf({ delivery: { reason: 'poison' } })).toBe('poison');
    expect(failureReasonOf({ error: { message: 'Bad token' } })).toBe('Bad token');
    expect(failureReasonOf({ status: 'failed' })).toBeUndefined();
  });

  it('explains our own codes and shows a provider message as it came', () => {
    expect(readableFailure('outside_24h_window')).toMatch(/24-hour WhatsApp window/);
    expect(readableFailure('poison')).toMatch(/after 5 attempts/);
    expect(readableFailure('poison: gave up after 5 attempts (HTTP 503)')).toBe('Could not be sent: gave up after 5 attempts (HTTP 503)');
    expect(readableFailure('(#131047) Re-engagement message')).toBe('(#131047) Re-engagement message');
    expect(readableFailure(undefined)).toMatch(/no reason/);
    expect(readableFailure('x'.repeat(400))).toHaveLength(300);
  });
});

describe('retrying a failed message', () => {
  it('is offered for failed outgoing replies only', () => {
    expect(canRetry({ type: 'outgoing', status: 'failed' })).toBe(true);
    expect(canRetry({ type: 'outgoing', status: 'sent' })).toBe(false);
    expect(canRetry({ type: 'note', status: 'failed' })).toBe(false);
  });

  it('puts the message back to queued without its reason, so later receipts move it forward', () => {
    // Prepare
    const stream = [message('a', 'failed', { failureReason: '503 from provider' }), message('b', 'read')];
    // Act
    const retrying = markRetrying(stream, 'a');
    const afterReceipt = mergeMessages(retrying, [message('a', 'sent')]);
    // Assess
    expect(retrying[0]).toMatchObject({ status: 'queued' });
    expect(retrying[0]).not.toHaveProperty('failureReason');
    expect(retrying[1]).toBe(stream[1]);
    expect(afterReceipt[0]?.status).toBe('sent');
  });

  it('marks the message failed again when the retry is refused', () => {
    const refused = markRetryRefused(markRetrying([message('a', 'failed')], 'a'), 'a', 'Cannot retry');
    expect(refused[0]).toMatchObject({ status: 'failed', failureReason: 'Cannot retry' });
  });
});
