import { describe, expect, it } from 'vitest';
import {
  chooseRoundRobinAssignee, conversationView, isDueToWake, lastMessagePreview, planStatusChange, previewLength, publicConversationView,
  stateAfterAgentReply, statusAfterCustomerMessage, wakeBucket, wakeBucketsBetween,
} from '../../../shared/domain/conversation-rules.js';
import { aConversation, aMessage } from '../../helpers/fixtures.js';

const now = '2026-11-23T10:00:00.000Z';

describe('conversation status rules', () => {
  it('reopens a resolved conversation and wakes a snoozed one when the customer writes', () => {
    expect(statusAfterCustomerMessage('resolved')).toBe('open');
    expect(statusAfterCustomerMessage('snoozed')).toBe('open');
  });

  it('leaves open and pending conversations as they are when the customer writes', () => {
    expect(statusAfterCustomerMessage('open')).toBe('open');
    expect(statusAfterCustomerMessage('pending')).toBe('pending');
  });

  it('hands a conversation to a human and reopens it when an agent replies', () => {
    expect(stateAfterAgentReply({ status: 'resolved', handledBy: 'bot' })).toEqual({ status: 'open', handledBy: 'human' });
    expect(stateAfterAgentReply({ status: 'pending', handledBy: 'bot' })).toEqual({ status: 'pending', handledBy: 'human' });
  });

  it('accepts a snooze until a future time, normalised to UTC', () => {
    expect(planStatusChange({ to: 'snoozed', snoozedUntil: '2026-11-23T12:00:00+01:00', now })).toEqual({ ok: true, status: 'snoozed', snoozedUntil: '2026-11-23T11:00:00.000Z' });
  });

  it('refuses a snooze without a time or with a time not in the future', () => {
    expect(planStatusChange({ to: 'snoozed', now })).toEqual({ ok: false, reason: 'snooze_needs_future_time' });
    expect(planStatusChange({ to: 'snoozed', snoozedUntil: now, now })).toEqual({ ok: false, reason: 'snooze_needs_future_time' });
  });

  it('refuses a wake-up time with any status but snoozed', () => {
    expect(planStatusChange({ to: 'resolved', snoozedUntil: '2026-11-24T00:00:00.000Z', now })).toEqual({ ok: false, reason: 'snooze_time_only_when_snoozing' });
    expect(planStatusChange({ to: 'resolved', now })).toEqual({ ok: true, status: 'resolved' });
  });

  it('is due to wake only when snoozed and the time has come', () => {
    expect(isDueToWake({ status: 'snoozed', snoozedUntil: now }, now)).toBe(true);
    expect(isDueToWake({ status: 'snoozed', snoozedUntil: '2026-11-23T10:00:01.000Z' }, now)).toBe(false);
    expect(isDueToWake({ status: 'open', snoozedUntil: now }, now)).toBe(false);
  });
});

describe('round-robin assignment', () => {
  const a = { agentId: '01A', available: true, load: 0 };
  const b = { agentId: '01B', available: true, load: 0 };
  const c = { agentId: '01C', available: true, load: 0 };

  it('starts with the first agent and then takes the next one after the last assigned', () => {
    expect(chooseRoundRobinAssignee({ candidates: [c, a, b], capacity: 5 })).toBe('01A');
    expect(chooseRoundRobinAssignee({ candidates: [a, b, c], capacity: 5, lastAssignedId: '01A' })).toBe('01B');
    expect(chooseRoundRobinAssignee({ candidates: [a, b, c], capacity: 5, lastAssignedId: '01C' })).toBe('01A');
  });

  it('skips agents who are unavailable or at capacity', () => {
    const away = { ...b, available: false };
    const full = { ...c, load: 5 };
    expect(chooseRoundRobinAssignee({ candidates: [a, away, full], capacity: 5, lastAssignedId: '01A' })).toBe('01A');
  });

  it('chooses nobody when every agent is away or full', () => {
    expect(chooseRoundRobinAssignee({ candidates: [{ ...a, available: false }, { ...b, load: 3 }], capacity: 3 })).toBeUndefined();
    expect(chooseRoundRobinAssignee({ candidates: [], capacity: 3 })).toBeUndefined();
  });
});

describe('conversation views', () => {
  it('previews incoming and outgoing messages, cut to the preview length, but never notes or activity', () => {
    expect(lastMessagePreview(aMessage({ body: 'x'.repeat(500) }))?.body).toHaveLength(previewLength);
    expect(lastMessagePreview(aMessage({ type: 'note' }))).toBeUndefined();
    expect(lastMessagePreview(aMessage({ type: 'activity' }))).toBeUndefined();
  });

  it('gives agents the contact from the conversation, and never the account id', () => {
    const conversation = aConversation({ contactName: 'Ada', contactEmail: 'ada@example.com' });
    const view = conversationView(conversation);
    expect(view.contact).toEqual({ id: conversation.contactId, name: 'Ada', email: 'ada@example.com' });
    expect(view).not.toHaveProperty('accountId');
  });

  it('gives visitors no assignee, team, priority or unread count', () => {
    const view = publicConversationView(aConversation({ assigneeId: 'agent', teamId: 'team', priority: 'urgent' }));
    expect(Object.keys(view).sort()).toEqual(['createdAt', 'id', 'inboxId', 'lastActivityAt', 'seq', 'status']);
  });
});

describe('wake-up buckets', () => {
  it('puts a time in its minute bucket', () => {
    expect(wakeBucket('2026-11-23T10:05:59.999Z')).toBe('2026-11-23T10:05');
  });

  it('lists the minute buckets between two buckets, at most the maximum', () => {
    expect(wakeBucketsBetween('2026-11-23T23:58', '2026-11-24T00:01', 10)).toEqual(['2026-11-23T23:58', '2026-11-23T23:59', '2026-11-24T00:00', '2026-11-24T00:01']);
    expect(wakeBucketsBetween('2026-11-23T10:00', '2026-11-23T11:00', 3)).toHaveLength(3);
  });
});
