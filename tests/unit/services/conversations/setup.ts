/**
 * Shared set-up of the conversation service tests: one account with a web inbox, a contact and
 * two agents, over in-memory ports.
 */
import type { Account, Agent, Contact, Inbox } from '../../../../shared/domain/entities.js';
import { memoryConversationPorts } from '../../../helpers/in-memory-conversation-ports.js';
import { newId } from '../../../helpers/fixtures.js';

export async function conversationWorld(accountOverrides: Partial<Account> = {}) {
  const ports = memoryConversationPorts();
  const { deps, clock } = ports;
  const now = clock.nowIso();
  const account: Account = { id: newId(), name: 'Acme', mfaRequired: false, autoAssign: false, agentCapacity: 10, createdAt: now, ...accountOverrides };
  const inbox: Inbox = { accountId: account.id, id: newId(), name: 'Website', channel: 'web', widgetToken: 'tok_12345678', createdAt: now };
  const contact: Contact = { accountId: account.id, id: newId(), name: 'Ada', email: 'ada@example.com', createdAt: now, updatedAt: now };
  const agent = (name: string, id: string): Agent => ({
    accountId: account.id, id, email: `${name.toLowerCase()}@acme.test`, name, role: 'agent', passwordHash: 'x', disabled: false, createdAt: now,
  });
  // Grace's id sorts first, so round-robin starts with her.
  const [first, second] = [newId(), newId()].sort() as [string, string];
  const grace = agent('Grace', first);
  const alan = agent('Alan', second);
  await deps.accounts.create(account);
  await deps.inboxes.create(inbox);
  await deps.contacts.create(contact);
  await deps.agents.create(grace);
  await deps.agents.create(alan);
  const visitor = { accountId: account.id, inboxId: inbox.id, contactId: contact.id };
  /** Opens an agent's WebSocket connection (auto-assignment needs one). */
  const connect = (a: Agent) =>
    deps.connections.put({ accountId: account.id, connectionId: newId(), principal: { kind: 'agent', agentId: a.id }, connectedAt: now, expiresAtEpoch: 9e9 });
  return { ...ports, account, inbox, contact, grace, alan, visitor, connect };
}
