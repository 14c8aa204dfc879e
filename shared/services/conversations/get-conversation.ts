/**
 * One conversation, a contact, a contact's conversations, the inboxes — layer: services.
 *
 * Reads for the agents' conversation view. Everything is looked up under the caller's account
 * (tenant-first keys), so another tenant's ids are simply not found (404).
 */
import { conversationView, type ConversationView } from '../../domain/conversation-rules.js';
import type { Contact, ContactIdentity, Inbox } from '../../domain/entities.js';
import { makeCursorCodec } from '../paging/cursor.js';
import type { ConversationDeps } from './deps.js';
import { NotFoundError } from './errors.js';
import { loadConversation } from './load.js';
import type { ConversationPage } from './list-conversations.js';

/** Creates the use case behind `GET /api/v1/conversations/{id}`: the conversation with its contact's current details. */
export function makeGetConversation(deps: Pick<ConversationDeps, 'conversations' | 'contacts'>) {
  return async function getConversation(input: { readonly accountId: string; readonly conversationId: string }): Promise<ConversationView> {
    const conversation = await loadConversation(deps.conversations, input.accountId, input.conversationId);
    const contact = await deps.contacts.get(input.accountId, conversation.contactId);
    return conversationView(conversation, contact);
  };
}

/** A contact as agents see it, with its channel identities. */
export interface ContactDetails {
  readonly contact: Omit<Contact, 'accountId'>;
  readonly identities: readonly Omit<ContactIdentity, 'accountId'>[];
}

/** Creates the use case behind `GET /api/v1/contacts/{id}`. */
export function makeGetContact(deps: Pick<ConversationDeps, 'contacts'>) {
  return async function getContact(input: { readonly accountId: string; readonly contactId: string }): Promise<ContactDetails> {
    const contact = await deps.contacts.get(input.accountId, input.contactId);
    if (!contact) throw new NotFoundError('contact');
    const identities = await deps.contacts.listIdentities(input.accountId, input.contactId);
    const { accountId: _a, ...contactView } = contact;
    return { contact: contactView, identities: identities.map(({ accountId: _b, ...identity }) => identity) };
  };
}

/** Creates the use case behind `GET /api/v1/contacts/{id}/conversations` (newest first, signed cursors). */
export function makeListContactConversations(deps: Pick<ConversationDeps, 'contacts' | 'conversations' | 'keys'>) {
  const cursors = makeCursorCodec(deps.keys);
  return async function listContactConversations(input: { readonly accountId: string; readonly contactId: string; readonly limit: number; readonly cursor?: string }): Promise<ConversationPage> {
    const { accountId, contactId } = input;
    const contact = await deps.contacts.get(accountId, contactId);
    if (!contact) throw new NotFoundError('contact');
    const query = `contact-conversations|${contactId}`;
    const startKey = input.cursor === undefined ? undefined : await cursors.decode(accountId, query, input.cursor);
    const page = await deps.conversations.listByContact(accountId, contactId, { limit: input.limit, ...(startKey ? { startKey } : {}) });
    const nextCursor = page.nextKey ? await cursors.encode(accountId, query, page.nextKey) : undefined;
    return { items: page.items.map((c) => conversationView(c, contact)), ...(nextCursor ? { nextCursor } : {}) };
  };
}

/** What agents see of an inbox. */
export type InboxView = Pick<Inbox, 'id' | 'name' | 'channel' | 'channelAddress' | 'widgetToken'>;

/** Creates the use case behind `GET /api/v1/inboxes`. */
export function makeListInboxes(deps: Pick<ConversationDeps, 'inboxes'>) {
  return async function listInboxes(input: { readonly accountId: string }): Promise<{ readonly items: readonly InboxView[] }> {
    const inboxes = await deps.inboxes.list(input.accountId);
    return {
      items: inboxes.map((i) => ({
        id: i.id,
        name: i.name,
        channel: i.channel,
        ...(i.channelAddress !== undefined ? { channelAddress: i.channelAddress } : {}),
        ...(i.widgetToken !== undefined ? { widgetToken: i.widgetToken } : {}),
      })),
    };
  };
}
