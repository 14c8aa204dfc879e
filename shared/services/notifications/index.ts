/**
 * Notifications — layer: services. Public surface of the area.
 */
export { NotificationNotFoundError } from './errors.js';
export { makeNotify, type NotifyDeps, type NotifyInput } from './notify.js';
export { makeListNotifications, makeMarkNotificationRead, notificationListLimit } from './read-notifications.js';
