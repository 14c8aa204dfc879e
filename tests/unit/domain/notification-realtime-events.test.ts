/**
 * `notification.created` on the account topic (shared/domain/realtime-events.ts) and the stream
 * decoding of notification items (shared/adapters/dynamodb-stream/decode-change.ts).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeStreamRecord } from '../../../shared/adapters/dynamodb-stream/decode-change.js';
import { notificationToItem } from '../../../shared/adapters/dynamodb/notification-repository.js';
import type { Notification } from '../../../shared/domain/notifications.js';
import { deliveriesFor, notificationDeliveries } from '../../../shared/domain/realtime-events.js';

const notification: Notification = {
  accountId: '01JB0000000000000000000000', id: '01JB0000000000000000000001', kind: 'budget_alert',
  title: 'AI spend reached 80% of the monthly budget', body: 'The AI agent has spent $40.00.', link: '/ai/costs', createdAt: '2026-12-01T10:00:00.000Z',
};

describe('notificationDeliveries', () => {
  it('sends a new notification to the account topic without the tenant id', () => {
    const deliveries = notificationDeliveries({ entity: 'Notification', kind: 'INSERT', next: notification });
    const { accountId: _a, ...view } = notification;
    expect(deliveries).toEqual([{ accountId: notification.accountId, topic: 'account', event: { type: 'notification.created', seq: 0, notification: view } }]);
    expect(deliveriesFor({ entity: 'Notification', kind: 'INSERT', next: notification })).toEqual([]);
  });

  it('sends nothing when a notification is marked read or removed', () => {
    expect(notificationDeliveries({ entity: 'Notification', kind: 'MODIFY', previous: notification, next: { ...notification, readAt: '2026-12-01T11:00:00.000Z' } })).toEqual([]);
    expect(notificationDeliveries({ entity: 'Notification', kind: 'REMOVE', previous: notification })).toEqual([]);
  });

  it('is decoded from a stream record through the repository mapper (no keys leak)', () => {
    const record = { eventName: 'INSERT', dynamodb: { NewImage: marshall(notificationToItem(notification)) } } as unknown as DynamoDBRecord;
    expect(decodeStreamRecord(record)).toEqual({ entity: 'Notification', kind: 'INSERT', next: notification });
  });
});
