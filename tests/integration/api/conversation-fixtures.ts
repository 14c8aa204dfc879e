/**
 * Conversation fixtures for the API integration tests: a customer writes into a tenant's web
 * inbox through the same service the widget API calls (built over the laptop cloud's table).
 */
import { ulid } from 'ulid';
import { buildContainer } from '../../../shared/runtime/container.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import type { SignedInAgent } from '../../helpers/api-client.js';

/** A container over the laptop cloud (the integration environment is in process.env). */
export function testContainer() {
  return buildContainer(loadConfig(process.env));
}

/** The tenant's web inbox (created by sign-up). */
export async function webInboxOf(agent: SignedInAgent): Promise<{ id: string; name: string }> {
  const { status, body } = await agent.call('GET', '/api/v1/inboxes');
  if (status !== 200) throw new Error(`inbox list failed: ${status}`);
  const inbox = body.items.find((i: { channel: string }) => i.channel === 'web');
  if (!inbox) throw new Error('the tenant has no web inbox');
  return inbox;
}

/** A new contact of the tenant who writes `body`; returns the ids and the service result. */
export async function customerWrites(agent: SignedInAgent, body: string, name = 'Ada Lovelace') {
  const c = testContainer();
  const inbox = await webInboxOf(agent);
  const now = new Date().toISOString();
  const contact = { accountId: agent.account.id, id: ulid(), name, email: `${ulid().toLowerCase()}@customer.test`, createdAt: now, updatedAt: now };
  await c.repositories.contacts.create(contact);
  const result = await c.services.receiveCustomerMessage({ accountId: agent.account.id, inboxId: inbox.id, contactId: contact.id, body });
  return { container: c, inbox, contact, conversation: result.conversation, message: result.message };
}
