/**
 * Widget settings and service hours — layer: domain (pure; the clock is passed in).
 *
 * A web inbox may leave any widget setting unset; {@link resolvedWidgetSettings} fills in the
 * defaults the chat window shows. {@link isWithinServiceHours} decides whether the team is
 * online from the weekly ranges, read in the inbox's own time zone (Intl does the conversion,
 * daylight-saving changes included).
 */
import type { ServiceHours, ServiceHoursRange, Weekday, WidgetSettings } from './entities.js';

/** What the widget shows when the tenant configured nothing. */
export const widgetDefaults = {
  greeting: 'Hi there! Ask us anything, we are happy to help.',
  offlineMessage: 'We are away right now. Leave a message and we will get back to you by email or here.',
  replyTime: 'a few minutes',
} as const;

/** Widget settings with every display field filled in. */
export interface ResolvedWidgetSettings {
  readonly greeting: string;
  readonly offlineMessage: string;
  readonly replyTime: string;
  readonly serviceHours?: ServiceHours;
  readonly allowedDomains: readonly string[];
}

/** The settings the widget shows: the tenant's, with defaults for what is unset. */
export function resolvedWidgetSettings(settings: WidgetSettings | undefined): ResolvedWidgetSettings {
  return {
    greeting: settings?.greeting || widgetDefaults.greeting,
    offlineMessage: settings?.offlineMessage || widgetDefaults.offlineMessage,
    replyTime: settings?.replyTime || widgetDefaults.replyTime,
    ...(settings?.serviceHours ? { serviceHours: settings.serviceHours } : {}),
    allowedDomains: settings?.allowedDomains ?? [],
  };
}

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const weekdays: Readonly<Record<string, Weekday>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Minutes since midnight of `HH:MM` (`24:00` → 1440), or undefined when malformed. */
export function minutesOfDay(value: string): number | undefined {
  if (!hhmm.test(value)) return undefined;
  const [h, m] = value.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Is `timeZone` an IANA zone Intl knows? */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The weekday and minute of day of an instant, as a wall clock in `timeZone` shows it. */
export function wallClock(nowMs: number, timeZone: string): { day: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(nowMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = weekdays[get('weekday')];
  if (day === undefined) throw new RangeError(`unexpected weekday from Intl: ${get('weekday')}`);
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

function rangeCovers(range: ServiceHoursRange, day: Weekday, minute: number): boolean {
  const start = minutesOfDay(range.start);
  const end = minutesOfDay(range.end);
  if (range.day !== day || start === undefined || end === undefined) return false;
  return minute >= start && minute < end;
}

/**
 * Whether the team is within its service hours at `nowMs`. No service hours means always
 * online; a malformed time zone or range never matches (the widget then shows "offline"
 * rather than promising a reply it cannot give).
 *
 * @example
 * isWithinServiceHours({ timeZone: 'Europe/Paris', weekly: [{ day: 1, start: '09:00', end: '17:00' }] },
 *   Date.parse('2026-11-23T08:30:00Z')) // → true (09:30 in Paris on a Monday)
 */
export function isWithinServiceHours(hours: ServiceHours | undefined, nowMs: number): boolean {
  if (!hours) return true;
  if (!isValidTimeZone(hours.timeZone)) return false;
  const { day, minute } = wallClock(nowMs, hours.timeZone);
  return hours.weekly.some((range) => rangeCovers(range, day, minute));
}

/** Longest texts a tenant may set (the chat window has little room). */
export const widgetTextLimits = { greeting: 500, offlineMessage: 500, replyTime: 60 } as const;

/** At most this many weekly ranges and allowed origins. */
export const widgetListLimits = { weeklyRanges: 50, allowedDomains: 20 } as const;

/**
 * The first problem of a service-hours value, as `field: reason` (the field relative to
 * `serviceHours`), or undefined when it is valid: an IANA time zone Intl knows, and weekly
 * ranges with a day 0–6 and `HH:MM` times where start < end (end may be `24:00`).
 *
 * @example
 * serviceHoursProblem({ timeZone: 'Mars/Olympus', weekly: [] }) // → 'timeZone: must be an IANA time zone such as Europe/Paris'
 */
export function serviceHoursProblem(hours: ServiceHours): string | undefined {
  if (!isValidTimeZone(hours.timeZone)) return 'timeZone: must be an IANA time zone such as Europe/Paris';
  if (hours.weekly.length > widgetListLimits.weeklyRanges) return `weekly: at most ${widgetListLimits.weeklyRanges} ranges`;
  for (const [index, range] of hours.weekly.entries()) {
    if (!Number.isInteger(range.day) || range.day < 0 || range.day > 6) return `weekly.${index}.day: must be 0 (Sunday) to 6 (Saturday)`;
    const start = minutesOfDay(range.start);
    const end = minutesOfDay(range.end);
    if (start === undefined || start === 24 * 60) return `weekly.${index}.start: must be a time HH:MM (00:00–23:59)`;
    if (end === undefined) return `weekly.${index}.end: must be a time HH:MM (00:00–24:00)`;
    if (start >= end) return `weekly.${index}.end: must be after start`;
  }
  return undefined;
}

/**
 * The origin an allowed-domain entry stands for (`https://shop.example`, lower case, no path),
 * or undefined when it is not an http(s) origin. A trailing slash is tolerated.
 *
 * @example
 * normalizedOrigin('https://Shop.Example/') // → 'https://shop.example'
 */
export function normalizedOrigin(value: string): string | undefined {
  const trimmed = value.trim().replace(/\/$/, '');
  if (!/^https?:\/\/[^/?#\s@]+$/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}
