/**
 * Entity builders for the data-layer integration tests. Every builder takes the account id
 * (each test uses its own tenant) and overrides; ids are monotonic ULIDs so creation order is
 * id order, as in production.
 */
import { monotonicFactory } from 'ulid';
import type {
  Account, Agent, ConnectTicket, Connection, Contact, ContactIdentity, Conversation, Inbox, Session,
} from '../../../shared/domain/entities.js';
import type { NewMessage } from '../../../shared/ports/repositories.js';

const nextUlid = monotonicFactory();
let nextPhone = 1000;

/** A fresh ULID, greater than every one generated before it in this process. */
export const newId = (): string => nextUlid();

/** An ISO time `minutes` after a fixed morning. */
export const at = (minutes: number): string => new Date(Date.UTC(2026, 10, 23, 9, minutes)).toISOString();

/** An account (tenant) with the given id. */
export function anAccount(id: string, overrides: Partial<Account> = {}): Account {
  return { id, name: 'Acme Outdoor', mfaRequired: false, autoAssign: true, agentCapacity: 10, createdAt: at(0), ...overrides };
}

/** An SMS inbox. */
export function anInbox(accountId: string, overrides: Partial<Inbox> = {}): Inbox {
  return { accountId, id: newId(), name: 'Support SMS', channel: 'sms', channelAddress: '+14155550100', createdAt: at(0), ...overrides };
}

/** A contact with a phone number. */
export function aContact(accountId: string, overrides: Partial<Contact> = {}): Contact {
  return { accountId, id: newId(), name: 'Dana Reyes', phone: '+14155550123', createdAt: at(0), updatedAt: at(0), ...overrides };
}

/** An SMS identity of a contact, with a phone number unique in this process. */
export function anIdentity(accountId: string, contactId: string, overrides: Partial<ContactIdentity> = {}): ContactIdentity {
  return { accountId, contactId, channel: 'sms', externalId: `+1415555${String(nextPhone++).padStart(4, '0')}`, createdAt: at(0), ...overrides };
}

/** An open, bot-handled conversation with seq 0. */
export function aConversation(accountId: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    accountId, id: newId(), inboxId: newId(), contactId: newId(), status: 'open', handledBy: 'bot', priority: 'none',
    lastActivityAt: at(0), seq: 0, unreadCount: 0, createdAt: at(0), ...overrides,
  };
}

/** An incoming customer message of a conversation (seq is assigned on append). */
export function aMessage(conversation: Conversation, overrides: Partial<NewMessage> = {}): NewMessage {
  return {
    accountId: conversation.accountId, conversationId: conversation.id, inboxId: conversation.inboxId, id: newId(),
    type: 'incoming', status: 'sent', authorType: 'contact', body: 'Where is my order?', createdAt: at(1), ...overrides,
  };
}

/** An agent with a unique email. */
export function anAgent(accountId: string, overrides: Partial<Agent> = {}): Agent {
  return {
    accountId, id: newId(), email: `agent-${newId().toLowerCase()}@acme.test`, name: 'Sam Lee', role: 'agent',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', disabled: false, createdAt: at(0), ...overrides,
  };
}

/** A session of an agent, expiring at 17:00. */
export function aSession(accountId: string, agentId: string, overrides: Partial<Session> = {}): Session {
  return {
    accountId, tokenHash: `h${newId()}`, agentId, createdAt: at(0), lastSeenAt: at(0),
    expiresAt: new Date(Date.UTC(2026, 10, 23, 17, 0)).toISOString(), ...overrides,
  };
}

/** A connect ticket for an agent, expiring at 09:01. */
export function aTicket(accountId: string, overrides: Partial<ConnectTicket> = {}): ConnectTicket {
  return {
    accountId, tokenHash: `t${newId()}`, principal: { kind: 'agent', agentId: newId() }, origin: 'https://app.acme.test',
    expiresAt: at(1), ...overrides,
  };
}

/** An agent connection, expiring at 11:00. */
export function aConnection(accountId: string, overrides: Partial<Connection> = {}): Connection {
  return {
    accountId, connectionId: `c${newId()}=`, principal: { kind: 'agent', agentId: newId() }, connectedAt: at(0),
    expiresAtEpoch: Math.ceil(Date.UTC(2026, 10, 23, 11, 0) / 1000), ...overrides,
  };
}
