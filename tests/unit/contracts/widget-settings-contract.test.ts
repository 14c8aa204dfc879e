import { describe, expect, it } from 'vitest';
import { UpdateWidgetSettings } from '../../../shared/contracts/http/inboxes.js';

const body = UpdateWidgetSettings.body!;

/** The first problem as the router reports it: `<path>: <message>`. */
function problemOf(value: unknown): string | undefined {
  const result = body.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('PATCH /api/v1/inboxes/{inboxId}/widget body', () => {
  it('accepts texts, service hours in a real time zone, origins and nulls', () => {
    expect(problemOf({
      greeting: 'Hello', offlineMessage: null, replyTime: 'an hour',
      serviceHours: { timeZone: 'America/New_York', weekly: [{ day: 1, start: '09:00', end: '24:00' }] },
      allowedDomains: ['https://shop.example', 'http://localhost:8080'],
    })).toBeUndefined();
    expect(problemOf({ serviceHours: null })).toBeUndefined();
    expect(problemOf({})).toBeUndefined();
  });

  it('names the time zone when Intl does not know it', () => {
    expect(problemOf({ serviceHours: { timeZone: 'Europe/Atlantis', weekly: [] } })).toBe('serviceHours.timeZone: must be an IANA time zone such as Europe/Paris');
  });

  it('names the range field for a malformed time, a bad day or an end not after the start', () => {
    expect(problemOf({ serviceHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '9:00', end: '17:00' }] } })).toMatch(/^serviceHours\.weekly\.0\.start: must be a time HH:MM/);
    expect(problemOf({ serviceHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '24:00', end: '24:00' }] } })).toMatch(/^serviceHours\.weekly\.0\.start: /);
    expect(problemOf({ serviceHours: { timeZone: 'UTC', weekly: [{ day: 7, start: '09:00', end: '17:00' }] } })).toMatch(/^serviceHours\.weekly\.0\.day: /);
    expect(problemOf({ serviceHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '09:00', end: '17:00' }, { day: 2, start: '12:00', end: '12:00' }] } }))
      .toBe('serviceHours.weekly.1.end: end must be after start');
  });

  it('names an allowed domain that is not an origin, and a text that is too long', () => {
    expect(problemOf({ allowedDomains: ['shop.example'] })).toMatch(/^allowedDomains\.0: must be an origin/);
    expect(problemOf({ allowedDomains: ['https://shop.example/path'] })).toMatch(/^allowedDomains\.0: /);
    expect(problemOf({ greeting: 'x'.repeat(501) })).toBe('greeting: at most 500 characters');
  });
});
