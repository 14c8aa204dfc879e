import { describe, expect, it } from 'vitest';
import {
  authorOf, lastSeq, mergeMessages, newClientMessageId, readMarkerId, reconnectDelay, unreadReplies, withoutConfirmed,
  type ChatMessage, type PendingMessage,
} from '../../../../web/widget/src/frame/message-store.js';

let n = 0;
function aMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  n += 1;
  return {
    id: `01JMSG${String(n).padStart(20, '0')}`, conversationId: 'conv', seq: n, type: 'incoming', status: 'delivered',
    authorType: 'contact', body: `message ${n}`, createdAt: '2026-11-23T10:00:00.000Z', ...overrides,
  };
}

describe('mergeMessages', () => {
  it('orders by seq and keeps one entry per id when pages, catch-up and events overlap', () => {
    const [a, b, c] = [aMessage({ seq: 1 }), aMessage({ seq: 2 }), aMessage({ seq: 3 })];
    const merged = mergeMessages(mergeMessages([c], [a, b]), [b, c]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('keeps the most advanced status when a stale copy arrives after a read receipt', () => {
    const sent = aMessage({ status: 'delivered' });
    const read = { ...sent, status: 'read' };
    expect(mergeMessages([read], [sent])[0]?.status).toBe('read');
    expect(mergeMessages([sent], [read])[0]?.status).toBe('read');
  });

  it('keeps download links when a realtime copy without them arrives', () => {
    const fetched = aMessage({ attachments: [{ id: 'a', fileName: 'r.pdf', contentType: 'application/pdf', size: 3, url: 'https://dl/r.pdf' }] });
    const event = { ...fetched, status: 'read', attachments: [{ id: 'a', fileName: 'r.pdf', contentType: 'application/pdf', size: 3 }] };
    expect(mergeMessages([fetched], [event])[0]).toMatchObject({ status: 'read', attachments: [{ url: 'https://dl/r.pdf' }] });
  });
});

describe('lastSeq', () => {
  it('is the highest seq seen, the catch-up baseline', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq([aMessage({ seq: 4 }), aMessage({ seq: 9 }), aMessage({ seq: 7 })])).toBe(9);
  });
});

describe('authorOf / unreadReplies / readMarkerId', () => {
  it('groups contact, agent, bot and activity messages', () => {
    expect(authorOf(aMessage())).toBe('contact');
    expect(authorOf(aMessage({ type: 'outgoing', authorType: 'agent' }))).toBe('agent');
    expect(authorOf(aMessage({ type: 'outgoing', authorType: 'bot' }))).toBe('bot');
    expect(authorOf(aMessage({ type: 'activity', authorType: 'system' }))).toBe('system');
  });

  it('counts replies the visitor has not read', () => {
    const replies = [aMessage({ type: 'outgoing', authorType: 'agent', status: 'sent' }), aMessage({ type: 'outgoing', authorType: 'bot', status: 'read' })];
    expect(unreadReplies([aMessage(), ...replies])).toBe(1);
  });

  it("marks the visitor's last message when the team read it, and nothing otherwise", () => {
    const read = aMessage({ status: 'read' });
    expect(readMarkerId([aMessage({ status: 'read' }), read])).toBe(read.id);
    expect(readMarkerId([read, aMessage({ status: 'delivered' })])).toBeUndefined();
    expect(readMarkerId([read, aMessage({ type: 'outgoing', authorType: 'agent' })])).toBe(read.id);
  });
});

describe('withoutConfirmed', () => {
  const pending = (clientMessageId: string, body: string): PendingMessage => ({ clientMessageId, body, attachmentNames: [], state: 'sending' });

  it('resolves a pending message by its client message id, whichever of echo and acknowledgement comes first', () => {
    const left = withoutConfirmed([pending('c1', 'hi'), pending('c2', 'hi')], [aMessage({ body: 'hi', clientMessageId: 'c2' })], new Set());
    expect(left.map((p) => p.clientMessageId)).toEqual(['c1']);
  });

  it('falls back to the body for a new message without a client message id', () => {
    const echo = aMessage({ body: 'hello' });
    expect(withoutConfirmed([pending('c1', 'hello')], [echo], new Set())).toEqual([]);
    expect(withoutConfirmed([pending('c1', 'hello')], [echo], new Set([echo.id]))).toHaveLength(1);
  });
});

describe('newClientMessageId / reconnectDelay', () => {
  it('makes ids the API accepts', () => {
    expect(newClientMessageId(Date.parse('2026-11-23T10:00:00Z'), () => 0.5)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('backs off exponentially from about 1 s to at most 8 s, with jitter', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(2, () => 1)).toBe(4000);
    expect(reconnectDelay(20, () => 1)).toBe(8000);
    expect(reconnectDelay(20, () => 0)).toBe(4000);
  });
});
