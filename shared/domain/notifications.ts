/**
 * Admin notifications — layer: domain (pure types).
 *
 * Account-wide messages for the dashboard's bell: a budget alert, a problem's fix drafted by the
 * AI, a knowledge source that failed to index. Every agent of the account sees the same list;
 * `readAt` is set once by whoever reads it first.
 */

/** What a notification is about. */
export const notificationKinds = ['budget_alert', 'problem_fix_drafted', 'knowledge_failed'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** One notification of an account. */
export interface Notification {
  readonly accountId: string;
  /** A ULID: notifications sort by creation time. */
  readonly id: string;
  readonly kind: NotificationKind;
  /** At most 200 characters. */
  readonly title: string;
  /** At most 2,000 characters. */
  readonly body: string;
  /** A dashboard path the notification points to, e.g. `/problems/<id>`. */
  readonly link?: string;
  readonly createdAt: string;
  readonly readAt?: string;
}

/** The limits of a notification's texts (longer texts are cut). */
export const notificationLimits = { title: 200, body: 2000 } as const;
