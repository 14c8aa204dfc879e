/**
 * Entity fixtures for tests. Ids are valid ULIDs so topic parsing accepts them.
 */
import { ulid } from 'ulid';
import type { Conversation, Inbox, Message } from '../../shared/domain/entities.js';

/** A fresh valid ULID. */
export const newId = (): string => ulid();

/** A web inbox. */
export function anInbox(overrides: Partial<Inbox> = {}): Inbox {
  return { accountId: newId(), id: newId(), name: 'Website', channel: 'web', createdAt: '2026-11-23T09:00:00.000Z', ...overrides };
}

/** An open, bot-handled conversation. */
export function aConversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    accountId: newId(), id: newId(), inboxId: newId(), contactId: newId(), status: 'open', handledBy: 'bot',
    priority: 'none', lastActivityAt: '2026-11-23T09:00:00.000Z', seq: 1, unreadCount: 0,
    createdAt: '2026-11-23T09:00:00.000Z', ...overrides,
  };
}

/** An incoming customer message. */
export function aMessage(overrides: Partial<Message> = {}): Message {
  return {
    accountId: newId(), conversationId: newId(), inboxId: newId(), id: newId(), seq: 2, type: 'incoming',
    status: 'sent', authorType: 'contact', body: 'Where is my order?', createdAt: '2026-11-23T09:01:00.000Z', ...overrides,
  };
}
