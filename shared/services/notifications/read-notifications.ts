/**
 * List and read notifications — layer: services.
 */
import type { Notification } from '../../domain/notifications.js';
import type { NotificationRepository } from '../../ports/notifications.js';
import type { Clock } from '../../ports/system.js';
import { NotificationNotFoundError } from './errors.js';

/** How many notifications the list shows. */
export const notificationListLimit = 50;

/** Creates the use case listing an account's newest notifications and its unread count. */
export function makeListNotifications(deps: { notifications: NotificationRepository }) {
  return async function listNotifications(accountId: string): Promise<{ notifications: readonly Notification[]; unread: number }> {
    const [notifications, unread] = await Promise.all([
      deps.notifications.list(accountId, notificationListLimit),
      deps.notifications.unreadCount(accountId),
    ]);
    return { notifications, unread };
  };
}

/**
 * Creates the use case marking a notification read. Reading it again changes nothing;
 * another tenant's (or an unknown) notification is NotificationNotFoundError (404).
 */
export function makeMarkNotificationRead(deps: { notifications: NotificationRepository; clock: Clock }) {
  return async function markNotificationRead(accountId: string, notificationId: string): Promise<void> {
    const outcome = await deps.notifications.markRead(accountId, notificationId, deps.clock.nowIso());
    if (outcome === 'not_found') throw new NotificationNotFoundError();
  };
}
