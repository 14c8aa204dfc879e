/**
 * Entity changes — layer: domain.
 *
 * What the table stream tells the realtime fan-out, decoded into domain entities (the adapter
 * that decodes stream records lives in shared/adapters/dynamodb-stream/).
 */
import type { AgentAvailability, Connection, Conversation, Message } from './entities.js';
import type { KnowledgeSource } from './knowledge.js';
import type { Notification } from './notifications.js';

/** How an item changed. */
export type ChangeKind = 'INSERT' | 'MODIFY' | 'REMOVE';

/**
 * What the realtime layer may know of an agent item: its presence facts only. The stream image
 * also holds the email, password hash and MFA state; the decoder drops them, so no event can
 * ever carry them.
 */
export interface AgentPresenceFacts {
  readonly accountId: string;
  readonly agentId: string;
  /** Absent on the item means `online`. */
  readonly availability: AgentAvailability;
}

/** One decoded change of an entity the realtime layer cares about. */
export type EntityChange =
  | { readonly entity: 'Message'; readonly kind: ChangeKind; readonly next?: Message; readonly previous?: Message }
  | { readonly entity: 'Conversation'; readonly kind: ChangeKind; readonly next?: Conversation; readonly previous?: Conversation }
  | { readonly entity: 'Agent'; readonly kind: ChangeKind; readonly next?: AgentPresenceFacts; readonly previous?: AgentPresenceFacts }
  | { readonly entity: 'Connection'; readonly kind: ChangeKind; readonly next?: Connection; readonly previous?: Connection }
  // KNOWLEDGE: a source's status and indexing progress, for the dashboard's Knowledge page.
  | { readonly entity: 'KnowledgeSource'; readonly kind: ChangeKind; readonly next?: KnowledgeSource; readonly previous?: KnowledgeSource }
  // NOTIFICATIONS (H5): a new notification rings the dashboard's bell.
  | { readonly entity: 'Notification'; readonly kind: ChangeKind; readonly next?: Notification; readonly previous?: Notification };
