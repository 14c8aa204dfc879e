import { describe, expect, it } from 'vitest';
import { clientTopic, deliveriesFor } from '../../../shared/domain/realtime-events.js';
import { aConversation, aMessage } from '../../helpers/fixtures.js';

describe('deliveriesFor', () => {
  it('announces a customer message to the conversation, its inbox and the customer view', () => {
    const message = aMessage();
    const topics = deliveriesFor({ entity: 'Message', kind: 'INSERT', next: message }).map((d) => d.topic);
    expect(topics).toEqual([`conversation:${message.conversationId}`, `inbox:${message.inboxId}`, `public:conversation:${message.conversationId}`]);
  });

  it('carries the message seq on every delivery', () => {
    const message = aMessage({ seq: 42 });
    for (const d of deliveriesFor({ entity: 'Message', kind: 'MODIFY', next: message })) {
      expect(d.event).toMatchObject({ type: 'message.updated', seq: 42, conversationId: message.conversationId });
    }
  });

  it('ignores removals', () => {
    expect(deliveriesFor({ entity: 'Message', kind: 'REMOVE', previous: aMessage() })).toEqual([]);
  });

  it('ignores a conversation change that only moved the counter', () => {
    const before = aConversation();
    expect(deliveriesFor({ entity: 'Conversation', kind: 'MODIFY', previous: before, next: { ...before, seq: before.seq + 1 } })).toEqual([]);
  });

  it('tells the customer about a status change but not about an assignment', () => {
    const before = aConversation();
    const resolved = deliveriesFor({ entity: 'Conversation', kind: 'MODIFY', previous: before, next: { ...before, status: 'resolved', seq: 9 } });
    expect(resolved.find((d) => d.topic.startsWith('public:'))?.event).toEqual({ type: 'conversation.status', seq: 9, conversationId: before.id, status: 'resolved' });
    const assigned = deliveriesFor({ entity: 'Conversation', kind: 'MODIFY', previous: before, next: { ...before, assigneeId: before.contactId, seq: 9 } });
    expect(assigned.some((d) => d.topic.startsWith('public:'))).toBe(false);
  });

  it('maps stored topics back to the names clients subscribed with', () => {
    expect(clientTopic('public:conversation:X')).toBe('conversation:X');
    expect(clientTopic('inbox:Y')).toBe('inbox:Y');
  });
});

describe('deliveriesFor, conversation core', () => {
  it('keeps private notes and activity lines away from the customer view', () => {
    const note = aMessage({ type: 'note', authorType: 'agent', body: 'internal' });
    const topics = deliveriesFor({ entity: 'Message', kind: 'INSERT', next: note }).map((d) => d.topic);
    expect(topics).toEqual([`conversation:${note.conversationId}`, `inbox:${note.inboxId}`]);
    const activity = aMessage({ type: 'activity', authorType: 'system', body: 'Assigned to Nora' });
    expect(deliveriesFor({ entity: 'Message', kind: 'INSERT', next: activity }).map((d) => d.topic)).toEqual([
      `conversation:${activity.conversationId}`, `inbox:${activity.inboxId}`,
    ]);
  });

  it('shows the customer a read receipt with only public fields', () => {
    const previous = aMessage({ type: 'outgoing', authorType: 'agent', authorId: 'AGENT', status: 'sent' });
    const next = { ...previous, status: 'read' as const, readAt: '2026-11-23T09:05:00.000Z' };
    const customer = deliveriesFor({ entity: 'Message', kind: 'MODIFY', previous, next }).find((d) => d.topic.startsWith('public:'));
    expect(customer?.event).toMatchObject({ type: 'message.updated', message: { status: 'read', readAt: next.readAt } });
    expect(customer?.event.message).not.toHaveProperty('authorId');
    expect(customer?.event.message).not.toHaveProperty('accountId');
  });

  it('updates the account feed when a conversation is assigned, so every inbox list follows', () => {
    const previous = aConversation();
    const next = { ...previous, assigneeId: 'AGENT', seq: previous.seq + 1 };
    const topics = deliveriesFor({ entity: 'Conversation', kind: 'MODIFY', previous, next }).map((d) => d.topic);
    expect(topics).toContain('account');
    expect(topics).toContain('agent:AGENT');
    expect(topics.some((t) => t.startsWith('public:'))).toBe(false);
  });
});
