/**
 * The snooze menu's choices — pure, no DOM. Times are local to the agent.
 */

/** One entry of the snooze menu. */
export interface SnoozeOption {
  readonly key: 'hour' | 'tomorrow' | 'next-week';
  readonly label: string;
  /** ISO-8601 UTC instant the conversation wakes up. */
  readonly until: string;
}

/**
 * One hour from now; tomorrow at 9:00; next Monday at 9:00.
 *
 * @example
 * snoozeOptions(new Date(2026, 11, 1, 15, 30)) // Tuesday → [16:30 today, Wed 9:00, Mon 7 Dec 9:00]
 */
export function snoozeOptions(now: Date): SnoozeOption[] {
  const inAnHour = new Date(now.getTime() + 60 * 60 * 1000);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  const nextWeek = new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday, 9, 0, 0, 0);
  return [
    { key: 'hour', label: 'In 1 hour', until: inAnHour.toISOString() },
    { key: 'tomorrow', label: 'Tomorrow', until: tomorrow.toISOString() },
    { key: 'next-week', label: 'Next week', until: nextWeek.toISOString() },
  ];
}
