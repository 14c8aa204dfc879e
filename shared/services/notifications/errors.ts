/**
 * Notification errors — layer: services. Mapped to HTTP in shared/runtime/http/error-table.ts.
 */

/** The notification does not exist in the caller's account (404). */
export class NotificationNotFoundError extends Error {
  constructor() {
    super('notification not found');
    this.name = 'NotificationNotFoundError';
  }
}
