/**
 * Loading a conversation for a caller — layer: services.
 */
import type { Conversation } from '../../domain/entities.js';
import type { ConversationRepository } from '../../ports/repositories.js';
import { NotFoundError } from './errors.js';

/**
 * The caller's conversation, or NotFoundError. Keys are tenant-first, so another account's
 * conversation is simply absent; a visitor also sees only its own conversations.
 */
export async function loadConversation(
  conversations: ConversationRepository,
  accountId: string,
  conversationId: string,
  visitor?: { readonly contactId: string; readonly inboxId?: string },
): Promise<Conversation> {
  const conversation = await conversations.get(accountId, conversationId);
  if (!conversation) throw new NotFoundError('conversation');
  if (visitor && (conversation.contactId !== visitor.contactId || (visitor.inboxId !== undefined && conversation.inboxId !== visitor.inboxId))) {
    throw new NotFoundError('conversation');
  }
  return conversation;
}
