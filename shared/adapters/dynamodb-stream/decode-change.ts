/**
 * Table-stream records → domain changes — layer: adapters.
 *
 * Lambda delivers stream images in DynamoDB JSON; this unmarshalls them and maps the items the
 * realtime layer cares about (conversations, messages, connections, and agents for presence)
 * through the same item mappers the repositories use, so keys never leak into events. An agent
 * is reduced to its presence facts here: its email, password hash and MFA state go no further.
 * Other entities decode to undefined.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { AgentPresenceFacts, ChangeKind, EntityChange } from '../../domain/changes.js';
import { agentFromItem, connectionFromItem, conversationFromItem, messageFromItem } from '../dynamodb/item-mappers.js';
import { entityNames } from '../dynamodb/keys.js';
import { knowledgeSourceFromItem } from '../dynamodb/knowledge-repository.js';
import { notificationFromItem } from '../dynamodb/notification-repository.js';

type Image = Record<string, AttributeValue>;

function toItem(image: unknown): Record<string, unknown> | undefined {
  return image ? unmarshall(image as Image) : undefined;
}

/** The presence facts of an agent item (validated by the repository's mapper, then narrowed). */
function agentPresenceFromItem(item: Record<string, unknown>): AgentPresenceFacts {
  const agent = agentFromItem(item);
  return { accountId: agent.accountId, agentId: agent.id, availability: agent.availability ?? 'online' };
}

/**
 * Decodes one stream record, or returns undefined when it is not an entity the realtime layer uses.
 * A malformed item of a known entity throws (MalformedItemError), so the record is retried and
 * then reported instead of silently dropped.
 */
export function decodeStreamRecord(record: DynamoDBRecord): EntityChange | undefined {
  const kind = record.eventName as ChangeKind | undefined;
  if (kind !== 'INSERT' && kind !== 'MODIFY' && kind !== 'REMOVE') return undefined;
  const next = toItem(record.dynamodb?.NewImage);
  const previous = toItem(record.dynamodb?.OldImage);
  const entity = (next ?? previous)?.entity;
  if (entity === entityNames.message) {
    return { entity: 'Message', kind, ...(next ? { next: messageFromItem(next) } : {}), ...(previous ? { previous: messageFromItem(previous) } : {}) };
  }
  if (entity === entityNames.conversation) {
    return {
      entity: 'Conversation', kind,
      ...(next ? { next: conversationFromItem(next) } : {}),
      ...(previous ? { previous: conversationFromItem(previous) } : {}),
    };
  }
  if (entity === entityNames.connection) {
    return {
      entity: 'Connection', kind,
      ...(next ? { next: connectionFromItem(next) } : {}),
      ...(previous ? { previous: connectionFromItem(previous) } : {}),
    };
  }
  if (entity === entityNames.agent) {
    return {
      entity: 'Agent', kind,
      ...(next ? { next: agentPresenceFromItem(next) } : {}),
      ...(previous ? { previous: agentPresenceFromItem(previous) } : {}),
    };
  }
  if (entity === entityNames.knowledgeSource) {
    return {
      entity: 'KnowledgeSource', kind,
      ...(next ? { next: knowledgeSourceFromItem(next) } : {}),
      ...(previous ? { previous: knowledgeSourceFromItem(previous) } : {}),
    };
  }
  if (entity === entityNames.notification) {
    return {
      entity: 'Notification', kind,
      ...(next ? { next: notificationFromItem(next) } : {}),
      ...(previous ? { previous: notificationFromItem(previous) } : {}),
    };
  }
  return undefined;
}
