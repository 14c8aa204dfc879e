/**
 * Entity changes — layer: domain.
 *
 * What the table stream tells the realtime fan-out, decoded into domain entities (the adapter
 * that decodes stream records lives in shared/adapters/dynamodb-stream/).
 */
import type { Conversation, Message } from './entities.js';

/** How an item changed. */
export type ChangeKind = 'INSERT' | 'MODIFY' | 'REMOVE';

/** One decoded change of an entity the realtime layer cares about. */
export type EntityChange =
  | { readonly entity: 'Message'; readonly kind: ChangeKind; readonly next?: Message; readonly previous?: Message }
  | { readonly entity: 'Conversation'; readonly kind: ChangeKind; readonly next?: Conversation; readonly previous?: Conversation };
