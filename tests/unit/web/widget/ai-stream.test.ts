import { describe, expect, it } from 'vitest';
import { aiDeltaOf, applyDelta, citationsOf, liveStreams, streamText } from '../../../../web/widget/src/frame/ai-stream.js';

const none = new Set<string>();

describe('aiDeltaOf', () => {
  it('reads an ai.delta event', () => {
    // Prepare
    const event = { type: 'ai.delta', conversationId: 'c1', seq: 4, messageId: 'm1', text: 'Hel', index: 2 };
    // Act
    const delta = aiDeltaOf(event);
    // Assess
    expect(delta).toEqual({ conversationId: 'c1', messageId: 'm1', text: 'Hel', index: 2 });
  });

  it('ignores other events and deltas missing a field', () => {
    expect(aiDeltaOf({ type: 'message.created', conversationId: 'c1', messageId: 'm1', text: 'x' })).toBeUndefined();
    expect(aiDeltaOf({ type: 'ai.delta', conversationId: 'c1', text: 'x' })).toBeUndefined();
    expect(aiDeltaOf({ type: 'ai.delta', conversationId: 'c1', messageId: 'm1', text: 3 })).toBeUndefined();
  });
});

describe('applyDelta', () => {
  it('builds the answer from its pieces in index order, whatever the arrival order', () => {
    // Prepare
    let streams = applyDelta([], { conversationId: 'c', messageId: 'm', index: 0, text: 'Hello' }, none, 0);
    // Act
    streams = applyDelta(streams, { conversationId: 'c', messageId: 'm', index: 2, text: ' there' }, none, 1);
    streams = applyDelta(streams, { conversationId: 'c', messageId: 'm', index: 1, text: ',' }, none, 2);
    // Assess
    expect(streams).toHaveLength(1);
    expect(streamText(streams[0]!)).toBe('Hello, there');
    expect(streams[0]!.updatedAt).toBe(2);
  });

  it('drops a repeated piece (a replayed event), and keeps equal texts at different indexes', () => {
    // Prepare
    let streams = applyDelta([], { conversationId: 'c', messageId: 'm', index: 0, text: 'ha' }, none, 0);
    // Act
    streams = applyDelta(streams, { conversationId: 'c', messageId: 'm', index: 0, text: 'ha' }, none, 1);
    streams = applyDelta(streams, { conversationId: 'c', messageId: 'm', index: 1, text: 'ha' }, none, 2);
    // Assess
    expect(streamText(streams[0]!)).toBe('haha');
  });

  it('appends pieces without an index in arrival order', () => {
    // Prepare
    let streams = applyDelta([], { conversationId: 'c', messageId: 'm', text: 'a' }, none, 0);
    // Act
    streams = applyDelta(streams, { conversationId: 'c', messageId: 'm', text: 'b' }, none, 0);
    // Assess
    expect(streamText(streams[0]!)).toBe('ab');
  });

  it('does not restart a stream whose final message already arrived', () => {
    // Act
    const streams = applyDelta([], { conversationId: 'c', messageId: 'm', index: 9, text: 'late' }, new Set(['m']), 0);
    // Assess
    expect(streams).toEqual([]);
  });
});

describe('liveStreams', () => {
  it('drops a stream once its final message is known, and stalled streams', () => {
    // Prepare
    let streams = applyDelta([], { conversationId: 'c', messageId: 'done', index: 0, text: 'x' }, none, 1000);
    streams = applyDelta(streams, { conversationId: 'c', messageId: 'stalled', index: 0, text: 'y' }, none, 0);
    streams = applyDelta(streams, { conversationId: 'c', messageId: 'writing', index: 0, text: 'z' }, none, 50_000);
    // Act
    const live = liveStreams(streams, new Set(['done']), 50_100, 45_000);
    // Assess
    expect(live.map((s) => s.messageId)).toEqual(['writing']);
  });
});

describe('citationsOf', () => {
  it('keeps titled citations, links only for http(s), without duplicates', () => {
    // Prepare
    const message = {
      citations: [
        { title: 'Returns policy', url: 'https://shop.example/returns' },
        { title: 'Returns policy', url: 'https://shop.example/returns' },
        { title: 'Shipping', url: 'javascript:alert(1)' },
        { title: '' },
        'nonsense',
        { title: 'Warranty' },
      ],
    };
    // Act
    const citations = citationsOf(message);
    // Assess
    expect(citations).toEqual([{ title: 'Returns policy', url: 'https://shop.example/returns' }, { title: 'Shipping' }, { title: 'Warranty' }]);
  });

  it('answers nothing for a message without citations', () => {
    expect(citationsOf({})).toEqual([]);
  });
});
