/**
 * A widget visitor's own conversations — layer: services.
 *
 * The contact and inbox come from the visitor token; the answer is the customer-facing view
 * (no assignee, team, priority or notes), newest first.
 */
import { publicConversationView, type PublicConversationView } from '../../domain/conversation-rules.js';
import type { ConversationDeps } from './deps.js';

/** Dependencies of {@link makeListVisitorConversations}. */
export type ListVisitorConversationsDeps = Pick<ConversationDeps, 'conversations'>;

/** Most conversations the widget lists. */
const visitorListSize = 50;

/** Creates the use case behind `GET /widget/v1/conversations`. */
export function makeListVisitorConversations(deps: ListVisitorConversationsDeps) {
  return async function listVisitorConversations(input: { readonly accountId: string; readonly contactId: string; readonly inboxId: string }): Promise<{ readonly items: readonly PublicConversationView[] }> {
    const page = await deps.conversations.listByContact(input.accountId, input.contactId, { limit: visitorListSize });
    return { items: page.items.filter((c) => c.inboxId === input.inboxId).map(publicConversationView) };
  };
}
