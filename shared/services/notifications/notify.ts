/**
 * Notify an account's admins — layer: services.
 *
 * Stores a notification (cut to the limits); the table stream pushes `notification.created` to
 * the account topic (realtime-fanout), so open dashboards ring the bell.
 */
import { notificationLimits, type Notification, type NotificationKind } from '../../domain/notifications.js';
import type { NotificationRepository } from '../../ports/notifications.js';
import type { Clock, Ids } from '../../ports/system.js';

/** Dependencies of {@link makeNotify}. */
export interface NotifyDeps {
  readonly notifications: Pick<NotificationRepository, 'create'>;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** What to notify about. */
export interface NotifyInput {
  readonly accountId: string;
  readonly kind: NotificationKind;
  readonly title: string;
  readonly body: string;
  readonly link?: string;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Creates the use case that notifies an account. */
export function makeNotify(deps: NotifyDeps) {
  return async function notify(input: NotifyInput): Promise<Notification> {
    const notification: Notification = {
      accountId: input.accountId,
      id: deps.ids.next(),
      kind: input.kind,
      title: cut(input.title, notificationLimits.title),
      body: cut(input.body, notificationLimits.body),
      ...(input.link !== undefined ? { link: input.link } : {}),
      createdAt: deps.clock.nowIso(),
    };
    await deps.notifications.create(notification);
    return notification;
  };
}
