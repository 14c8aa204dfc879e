/**
 * Delivery of outgoing messages as agents see it — pure, no DOM: the status ticks, the
 * provider's reason for a failure in words, and an agent's retry of a failed message.
 *
 * Statuses only move forward (queued < sent < delivered < read); `failed` is final except when an
 * agent retries, which puts the message back to `queued`.
 */

/** The delivery statuses in the order they happen. */
export const deliveryOrder = ['queued', 'sent', 'delivered', 'read'] as const;

/** The rank of a status in {@link deliveryOrder}; -1 for `failed` or an unknown status. */
export function deliveryRank(status: string | undefined): number {
  return deliveryOrder.indexOf(status as (typeof deliveryOrder)[number]);
}

/** Whether moving from `current` to `next` is progress (a receipt never moves a status back). */
export function isAdvance(current: string | undefined, next: string): boolean {
  if (next === 'failed') return current !== 'failed';
  if (current === 'failed') return false;
  return deliveryRank(next) > deliveryRank(current);
}

/** How one status is drawn: an icon of `ui.tsx`, what a screen reader says, and its colour. */
export interface Tick {
  readonly icon: 'clock' | 'check' | 'checks' | 'alert';
  readonly label: string;
  readonly tone: 'muted' | 'read' | 'failed';
}

/**
 * The tick of a status: queued → a clock, sent → ✓, delivered → ✓✓, read → blue ✓✓, failed → alert.
 *
 * @example
 * tickOf('read') // → { icon: 'checks', label: 'Read', tone: 'read' }
 */
export function tickOf(status: string): Tick | undefined {
  switch (status) {
    case 'queued':
      return { icon: 'clock', label: 'Sending', tone: 'muted' };
    case 'sent':
      return { icon: 'check', label: 'Sent', tone: 'muted' };
    case 'delivered':
      return { icon: 'checks', label: 'Delivered', tone: 'muted' };
    case 'read':
      return { icon: 'checks', label: 'Read', tone: 'read' };
    case 'failed':
      return { icon: 'alert', label: 'Not delivered', tone: 'failed' };
    default:
      return undefined;
  }
}

/** The fields of a message that can carry the provider's reason for a failure. */
export interface FailureFields {
  readonly status?: string;
  readonly failureReason?: string;
  readonly statusReason?: string;
  readonly error?: string | { readonly message?: string; readonly code?: string };
  readonly delivery?: { readonly reason?: string; readonly error?: string; readonly lastError?: string };
}

/** The raw reason a failed message carries, wherever the API put it; `undefined` when none. */
export function failureReasonOf(message: FailureFields): string | undefined {
  const candidates = [
    message.failureReason,
    message.statusReason,
    message.delivery?.reason,
    message.delivery?.error,
    message.delivery?.lastError,
    typeof message.error === 'string' ? message.error : (message.error?.message ?? message.error?.code),
  ];
  return candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '')?.trim();
}

const knownReasons: Readonly<Record<string, string>> = {
  outside_24h_window: "The customer's 24-hour WhatsApp window had closed. Send an approved template instead.",
  poison: 'Could not be sent after 5 attempts.',
  empty: 'The message was empty.',
  template_not_supported: 'This channel cannot send WhatsApp templates.',
  too_long: 'The message is longer than the channel allows.',
  message_too_long: 'The message is longer than the channel allows.',
  no_recipient: 'The customer has no address on this channel.',
  no_credentials: "This inbox's provider credentials are missing.",
  missing_credentials: "This inbox's provider credentials are missing.",
  unsupported_channel: 'This channel cannot send replies.',
};

/**
 * The reason of a failure in words: our own codes are explained, a provider's message is shown as
 * it came (trimmed to 300 characters), and no reason at all says so.
 *
 * @example
 * readableFailure('outside_24h_window') // → "The customer's 24-hour WhatsApp window had closed. …"
 * readableFailure('21211: Invalid To phone number') // → '21211: Invalid To phone number'
 */
export function readableFailure(reason: string | undefined): string {
  if (!reason) return 'Not delivered. The provider gave no reason.';
  const poison = /^poison:\s*(.+)$/s.exec(reason);
  if (poison?.[1]) return readableFailure(`Could not be sent: ${poison[1]}`);
  const known = knownReasons[reason] ?? knownReasons[reason.split(':')[0]?.trim() ?? ''];
  if (known) return known;
  const text = reason.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Whether an agent may retry a message: an outgoing reply that failed. */
export function canRetry(message: { readonly type: string; readonly status: string }): boolean {
  return message.type === 'outgoing' && message.status === 'failed';
}

/**
 * The stream right after an agent asked to retry a failed message: that message is `queued` again
 * and carries no failure reason, so the receipts that follow move it forward as usual.
 */
export function markRetrying<M extends { readonly id: string; readonly status: string }>(messages: readonly M[], id: string): M[] {
  return messages.map((message) => {
    if (message.id !== id || message.status !== 'failed') return message;
    const { failureReason: _reason, statusReason: _statusReason, ...rest } = message as M & { failureReason?: string; statusReason?: string };
    return { ...(rest as M), status: 'queued' };
  });
}

/** The stream after a retry request was refused: the message is `failed` again with the refusal's reason. */
export function markRetryRefused<M extends { readonly id: string; readonly status: string }>(messages: readonly M[], id: string, reason: string): M[] {
  return messages.map((message) => (message.id === id && message.status === 'queued' ? { ...message, status: 'failed', failureReason: reason } : message));
}
