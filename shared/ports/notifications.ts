/**
 * Notification store — layer: ports (interfaces in domain terms; no SDK types).
 */
import type { Notification } from '../domain/notifications.js';

/** An account's notifications (AP-80..AP-82). */
export interface NotificationRepository {
  /** AP-80 + AP-82: stores a new notification and counts it unread (all or nothing). */
  create(notification: Notification): Promise<void>;
  /** AP-80: the newest notifications first. */
  list(accountId: string, limit: number): Promise<readonly Notification[]>;
  /** AP-82: how many notifications of the account nobody has read. */
  unreadCount(accountId: string): Promise<number>;
  /**
   * AP-81: marks a notification read (once: only an unread one changes, and the unread count goes
   * down with it). Resolves `read` when it was marked now, `already_read`, or `not_found`.
   */
  markRead(accountId: string, notificationId: string, at: string): Promise<'read' | 'already_read' | 'not_found'>;
}
