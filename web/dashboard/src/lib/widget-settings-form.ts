/**
 * The chat widget settings form — pure, no DOM.
 *
 * Turns the API's settings into what the form edits (hours grouped by weekday, allowed origins
 * as lines) and back into a PATCH body, checking the same rules as the API first so errors show
 * next to their field before anything is sent. Field keys are the API's body paths
 * (`serviceHours.weekly.3.end`), so a 400 from the server lands on the same field.
 */
import type { ServiceHours, WidgetSettingsChanges, WidgetSetup } from '../types.js';

/** Weekdays in the order the form lists them (Monday first), with the API's numbers (0 = Sunday). */
export const formWeekdays = [
  { day: 1, label: 'Monday' },
  { day: 2, label: 'Tuesday' },
  { day: 3, label: 'Wednesday' },
  { day: 4, label: 'Thursday' },
  { day: 5, label: 'Friday' },
  { day: 6, label: 'Saturday' },
  { day: 0, label: 'Sunday' },
] as const;

/** Longest texts (as the API). */
export const textLimits = { greeting: 500, offlineMessage: 500, replyTime: 60 } as const;

/** One opening range as edited. */
export interface FormRange {
  readonly start: string;
  readonly end: string;
}

/** What the form edits. */
export interface WidgetForm {
  readonly greeting: string;
  readonly offlineMessage: string;
  readonly replyTime: string;
  /** False: always online (no service hours). */
  readonly useHours: boolean;
  readonly timeZone: string;
  /** Ranges by API weekday number (0 = Sunday); an empty list is a closed day. */
  readonly days: Readonly<Record<number, readonly FormRange[]>>;
  /** One origin per line. */
  readonly allowedDomains: string;
}

/** Problems by field key (`greeting`, `serviceHours.timeZone`, `serviceHours.weekly.2.end`, …). */
export type FormErrors = Readonly<Record<string, string>>;

/** Monday to Friday, 09:00–17:00: what "set hours" starts from. */
export function defaultDays(): Record<number, FormRange[]> {
  const days: Record<number, FormRange[]> = {};
  for (const { day } of formWeekdays) days[day] = day >= 1 && day <= 5 ? [{ start: '09:00', end: '17:00' }] : [];
  return days;
}

/** The form's values for a widget set-up; `browserTimeZone` seeds the zone when none is set. */
export function formFromSetup(setup: WidgetSetup, browserTimeZone: string): WidgetForm {
  const hours = setup.settings.serviceHours;
  const days: Record<number, FormRange[]> = {};
  for (const { day } of formWeekdays) days[day] = [];
  for (const range of hours?.weekly ?? []) days[range.day]?.push({ start: range.start, end: range.end });
  return {
    greeting: setup.settings.greeting,
    offlineMessage: setup.settings.offlineMessage,
    replyTime: setup.settings.replyTime,
    useHours: hours !== null,
    timeZone: hours?.timeZone ?? browserTimeZone,
    days: hours ? days : defaultDays(),
    allowedDomains: setup.settings.allowedDomains.join('\n'),
  };
}

/**
 * The weekly ranges in the order they are sent, each with where it sits in the form, so the
 * error of range `i` (`serviceHours.weekly.<i>.end`) finds its row.
 */
export function flattenedRanges(days: WidgetForm['days']): { day: number; index: number; range: FormRange }[] {
  const out: { day: number; index: number; range: FormRange }[] = [];
  for (const { day } of formWeekdays) (days[day] ?? []).forEach((range, index) => out.push({ day, index, range }));
  return out;
}

/** The field key of a range's start or end. */
export function rangeField(days: WidgetForm['days'], day: number, index: number, part: 'start' | 'end'): string {
  const position = flattenedRanges(days).findIndex((r) => r.day === day && r.index === index);
  return `serviceHours.weekly.${position}.${part}`;
}

function minutes(value: string): number | undefined {
  if (value === '24:00') return 24 * 60;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Does Intl know this IANA time zone? */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!timeZone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The allowed-domain lines, trimmed, without blanks. */
export function domainLines(text: string): string[] {
  return text.split(/[\n,]/).map((line) => line.trim()).filter((line) => line.length > 0);
}

/** An http(s) origin without a path (a trailing slash is fine). */
export function isOrigin(value: string): boolean {
  return /^https?:\/\/[^/?#\s@]+\/?$/i.test(value);
}

/** The form's problems, by field key (empty when it can be sent). */
export function validateWidgetForm(form: WidgetForm): FormErrors {
  const errors: Record<string, string> = {};
  for (const field of ['greeting', 'offlineMessage', 'replyTime'] as const) {
    if (form[field].trim().length > textLimits[field]) errors[field] = `At most ${textLimits[field]} characters.`;
  }
  if (form.useHours) {
    if (!isKnownTimeZone(form.timeZone.trim())) errors['serviceHours.timeZone'] = 'Pick a time zone such as Europe/Paris.';
    flattenedRanges(form.days).forEach(({ range }, position) => {
      const start = minutes(range.start);
      const end = minutes(range.end);
      if (start === undefined || start >= 24 * 60) errors[`serviceHours.weekly.${position}.start`] = 'Enter a time such as 09:00.';
      else if (end === undefined) errors[`serviceHours.weekly.${position}.end`] = 'Enter a time such as 17:00.';
      else if (start >= end) errors[`serviceHours.weekly.${position}.end`] = 'Must be after the opening time.';
    });
  }
  const lines = domainLines(form.allowedDomains);
  const bad = lines.findIndex((line) => !isOrigin(line));
  if (bad >= 0) errors.allowedDomains = `"${lines[bad]}" is not a site address; write it like https://shop.example (no path).`;
  else if (lines.length > 20) errors.allowedDomains = 'At most 20 sites.';
  return errors;
}

/**
 * The PATCH body: only what differs from `initial` (so untouched texts keep following the
 * defaults); a blank text goes back to its default.
 */
export function changesFromForm(form: WidgetForm, initial?: WidgetForm): WidgetSettingsChanges {
  const hours = (f: WidgetForm): ServiceHours | null => (f.useHours
    ? { timeZone: f.timeZone.trim(), weekly: flattenedRanges(f.days).map(({ day, range }) => ({ day, start: range.start, end: range.end })) }
    : null);
  const changed = <T>(pick: (f: WidgetForm) => T) => !initial || JSON.stringify(pick(form)) !== JSON.stringify(pick(initial));
  const text = (value: string) => value.trim() || null;
  return {
    ...(changed((f) => f.greeting.trim()) ? { greeting: text(form.greeting) } : {}),
    ...(changed((f) => f.offlineMessage.trim()) ? { offlineMessage: text(form.offlineMessage) } : {}),
    ...(changed((f) => f.replyTime.trim()) ? { replyTime: text(form.replyTime) } : {}),
    ...(changed(hours) ? { serviceHours: hours(form) } : {}),
    ...(changed((f) => domainLines(f.allowedDomains)) ? { allowedDomains: domainLines(form.allowedDomains) } : {}),
  };
}

/** Where a server-named field shows its error: allowed-domain lines share one field. */
export function formFieldOf(apiField: string): string {
  return apiField.startsWith('allowedDomains') ? 'allowedDomains' : apiField;
}

/** The tenant-server example that signs a user id with the widget secret. */
export function serverExample(): string {
  return [
    "import { createHmac } from 'node:crypto';",
    '',
    '// On your server, for the signed-in user (keep the secret out of the browser):',
    "const userHash = createHmac('sha256', process.env.SWITCHBOARD_WIDGET_SECRET)",
    '  .update(user.id)',
    "  .digest('hex');",
  ].join('\n');
}

/** The embed tag with a signed-in user's id and hash. */
export function verifiedSnippet(embedSnippet: string): string {
  return embedSnippet.replace(' async>', ' data-user-id="USER_ID" data-user-hash="USER_HASH" async>');
}
