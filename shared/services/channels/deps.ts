/**
 * What the channel use cases stand on — layer: services (ports only).
 */
import type { ChannelSender, CredentialStore, Provider } from '../../ports/channels.js';
import type { ChannelRepository } from '../../ports/channel-store.js';
import type { JobQueue } from '../../ports/job-queue.js';
import type { ContactRepository, ConversationRepository, InboxRepository, MessageRepository } from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';

/** The ports every channel use case may use; each factory takes what it needs. */
export interface ChannelDeps {
  readonly inboxes: InboxRepository;
  readonly contacts: ContactRepository;
  readonly conversations: ConversationRepository;
  readonly messages: MessageRepository;
  readonly channels: ChannelRepository;
  readonly jobs: JobQueue;
  readonly credentials: CredentialStore;
  readonly senders: Readonly<Partial<Record<Provider, ChannelSender>>>;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** A resolved conversation stays the contact's thread for this long after it was resolved. */
export const reopenWindowMs = 7 * 24 * 60 * 60 * 1000;

/** SQS FIFO drops a repeated deduplication id within this window. */
export const queueDedupeWindowMs = 5 * 60 * 1000;
