import { describe, expect, it } from 'vitest';
import { compareMessages, lastSeq, mergeMessages } from '../../../../web/dashboard/src/lib/messages.js';

function message(id: string, seq: number, status = 'sent') {
  return { id, seq, status, createdAt: `2026-12-01T10:00:${String(seq).padStart(2, '0')}.000Z`, body: id };
}

describe('mergeMessages', () => {
  it('orders messages by sequence number whatever the arrival order', () => {
    // Prepare
    const existing = [message('c', 3), message('a', 1)];
    // Act
    const merged = mergeMessages(existing, [message('b', 2)]);
    // Assess
    expect(merged.map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps one entry per id when an event repeats a fetched message', () => {
    const merged = mergeMessages([message('a', 1), message('b', 2)], [message('b', 2), message('b', 2)]);
    expect(merged.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('takes the newer content of a repeated message', () => {
    const merged = mergeMessages([message('a', 1, 'sent')], [message('a', 1, 'read')]);
    expect(merged[0]?.status).toBe('read');
  });

  it('never moves a status backwards when a late update arrives', () => {
    const merged = mergeMessages([message('a', 1, 'read')], [{ ...message('a', 1, 'delivered'), body: 'edited' }]);
    expect(merged[0]).toMatchObject({ status: 'read', body: 'edited' });
  });

  it('lets a failure replace any status', () => {
    const merged = mergeMessages([message('a', 1, 'sent')], [message('a', 1, 'failed')]);
    expect(merged[0]?.status).toBe('failed');
  });

  it('returns the same array when nothing is new', () => {
    const existing = [message('a', 1)];
    expect(mergeMessages(existing, [])).toBe(existing);
  });
});

describe('compareMessages', () => {
  it('breaks sequence ties by time, then id', () => {
    const first = { id: 'b', seq: 4, createdAt: '2026-12-01T10:00:00.000Z' };
    const second = { id: 'a', seq: 4, createdAt: '2026-12-01T10:00:01.000Z' };
    const third = { id: 'c', seq: 4, createdAt: '2026-12-01T10:00:01.000Z' };
    expect([third, second, first].sort(compareMessages).map((item) => item.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('lastSeq', () => {
  it('is the highest sequence number, or 0 for an empty stream', () => {
    expect(lastSeq([message('a', 7), message('b', 3)])).toBe(7);
    expect(lastSeq([])).toBe(0);
  });
});
