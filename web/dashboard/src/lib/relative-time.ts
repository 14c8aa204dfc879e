/**
 * Short, human times for the conversation list and the message stream — pure, no DOM.
 *
 * Times are shown in the viewer's local time zone; the functions take `now` so they are
 * deterministic in tests.
 */

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const minute = 60_000;
const hour = 60 * minute;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `14:05` in local time. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A compact age for list rows: `now`, `5m`, `3h`, `Yesterday`, `Mon`, `12 Mar`, `12 Mar 2025`.
 *
 * @example
 * formatRelativeTime('2026-12-01T10:00:00Z', new Date('2026-12-01T10:05:00Z')) // → '5m'
 */
export function formatRelativeTime(iso: string, now: Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const elapsed = now.getTime() - date.getTime();
  if (elapsed < minute) return 'now';
  if (elapsed < hour) return `${Math.floor(elapsed / minute)}m`;
  const days = Math.round((startOfDay(now) - startOfDay(date)) / (24 * hour));
  if (days <= 0) return `${Math.floor(elapsed / hour)}h`;
  if (days === 1) return 'Yesterday';
  if (days < 7) return dayNames[date.getDay()] ?? '';
  const dayMonth = `${date.getDate()} ${monthNames[date.getMonth()] ?? ''}`;
  return date.getFullYear() === now.getFullYear() ? dayMonth : `${dayMonth} ${date.getFullYear()}`;
}

/**
 * A day heading for the message stream: `Today`, `Yesterday`, `Monday 30 Nov`, `30 Nov 2025`.
 */
export function formatDayHeading(iso: string, now: Date): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / (24 * hour));
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const dayMonth = `${date.getDate()} ${monthNames[date.getMonth()] ?? ''}`;
  if (date.getFullYear() !== now.getFullYear()) return `${dayMonth} ${date.getFullYear()}`;
  const longDay = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][date.getDay()] ?? '';
  return `${longDay} ${dayMonth}`;
}

/** Whether two instants fall on the same local calendar day. */
export function sameDay(a: string, b: string): boolean {
  return startOfDay(new Date(a)) === startOfDay(new Date(b));
}
