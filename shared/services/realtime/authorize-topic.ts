/**
 * May this principal subscribe to this topic? — layer: services.
 *
 * Keys are tenant-first, so a lookup under the caller's account can only find the caller's own
 * items: another tenant's conversation simply does not exist from here. On top of that:
 * - agents may follow any conversation or inbox of their account, the account feed, and their
 *   own agent topic;
 * - a widget visitor may follow only its own conversations on its own inbox, and gets the
 *   customer-facing (`public:`) view of them.
 */
import type { Principal } from '../../domain/entities.js';
import { audienceTopic } from '../../domain/realtime-events.js';
import { formatTopic, parseTopic } from '../../domain/topics.js';
import type { ConversationRepository, InboxRepository } from '../../ports/repositories.js';

/** Dependencies of {@link makeAuthorizeTopic}. */
export interface AuthorizeTopicDeps {
  readonly conversations: ConversationRepository;
  readonly inboxes: InboxRepository;
}

/** A granted topic: what to store, and the conversation's current seq where there is one. */
export interface TopicGrant {
  readonly requested: string;
  readonly stored: string;
  readonly seq?: number;
}

/** Creates the topic authorization check; resolves to undefined when refused. */
export function makeAuthorizeTopic(deps: AuthorizeTopicDeps) {
  return async function authorizeTopic(accountId: string, principal: Principal, requested: string): Promise<TopicGrant | undefined> {
    const topic = parseTopic(requested);
    if (!topic) return undefined;
    const canonical = formatTopic(topic);
    if (principal.kind === 'visitor') {
      if (topic.kind !== 'conversation') return undefined;
      const conversation = await deps.conversations.get(accountId, topic.id);
      if (!conversation || conversation.contactId !== principal.contactId || conversation.inboxId !== principal.inboxId) return undefined;
      return { requested, stored: audienceTopic(canonical, 'visitor'), seq: conversation.seq };
    }
    switch (topic.kind) {
      case 'account':
        return { requested, stored: canonical };
      case 'agent':
        return topic.id === principal.agentId ? { requested, stored: canonical } : undefined;
      case 'inbox':
        return (await deps.inboxes.get(accountId, topic.id)) ? { requested, stored: canonical } : undefined;
      case 'conversation': {
        const conversation = await deps.conversations.get(accountId, topic.id);
        return conversation ? { requested, stored: canonical, seq: conversation.seq } : undefined;
      }
    }
  };
}
