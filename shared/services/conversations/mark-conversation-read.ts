/**
 * Someone read a conversation — layer: services.
 *
 * Primary course:
 *  1. Load the conversation (a visitor: only its own).
 *  2. An agent: the unread count goes to 0 (only when it is not already, so no empty event).
 *  3. Mark the other side's recent messages `read`: an agent reads the customer's `incoming`
 *     messages, a visitor reads the `outgoing` replies. Each is a conditional update of the
 *     message item, so the table stream pushes `message.updated` to both sides live, and a
 *     repeated read changes nothing.
 */
import type { Message } from '../../domain/entities.js';
import type { ConversationDeps } from './deps.js';
import { NotFoundError } from './errors.js';
import { loadConversation } from './load.js';

/** Dependencies of {@link makeMarkConversationRead}. */
export type MarkConversationReadDeps = Pick<ConversationDeps, 'conversations' | 'messages' | 'clock'>;

/** Input of {@link makeMarkConversationRead}. */
export interface MarkConversationReadInput {
  readonly accountId: string;
  readonly conversationId: string;
  readonly reader: 'agent' | 'visitor';
  /** Required for a visitor reader. */
  readonly visitorContactId?: string;
}

/** How many of the newest messages a read looks at (older ones were read before). */
const readWindow = 100;

/** Creates the use case behind `POST …/conversations/{id}/read` in both APIs. */
export function makeMarkConversationRead(deps: MarkConversationReadDeps) {
  return async function markConversationRead(input: MarkConversationReadInput): Promise<{ readonly marked: number }> {
    const { accountId, conversationId, reader } = input;
    if (reader === 'visitor' && input.visitorContactId === undefined) throw new NotFoundError('conversation');
    const conversation = await loadConversation(deps.conversations, accountId, conversationId, reader === 'visitor' ? { contactId: input.visitorContactId ?? '' } : undefined);
    const now = deps.clock.nowIso();
    if (reader === 'agent' && conversation.unreadCount !== 0) {
      await deps.conversations.update(accountId, conversationId, { unreadCount: 0 }, { at: now });
    }
    const target: Message['type'] = reader === 'agent' ? 'incoming' : 'outgoing';
    const recent = await deps.messages.list(accountId, conversationId, { limit: readWindow, newestFirst: true });
    let marked = 0;
    for (const message of recent) {
      if (message.type !== target || message.status === 'read' || message.status === 'failed') continue;
      if (await deps.messages.markRead(accountId, conversationId, message.id, now)) marked += 1;
    }
    return { marked };
  };
}
