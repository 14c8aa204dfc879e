import { describe, expect, it } from 'vitest';
import type { ServiceHours } from '../../../shared/domain/entities.js';
import {
  isWithinServiceHours, normalizedOrigin, resolvedWidgetSettings, serviceHoursProblem, wallClock, widgetDefaults,
} from '../../../shared/domain/widget-settings.js';

const weekdays9to17 = (timeZone: string): ServiceHours => ({
  timeZone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day: day as 1, start: '09:00', end: '17:00' })),
});

describe('isWithinServiceHours', () => {
  it('is always online without service hours', () => {
    expect(isWithinServiceHours(undefined, Date.parse('2026-11-29T03:00:00Z'))).toBe(true);
  });

  it("reads the ranges in the inbox's time zone (Paris, winter: UTC+1)", () => {
    const hours = weekdays9to17('Europe/Paris');
    // Monday 23 Nov 2026: 08:30 UTC is 09:30 in Paris; 07:59 UTC is 08:59.
    expect(isWithinServiceHours(hours, Date.parse('2026-11-23T08:30:00Z'))).toBe(true);
    expect(isWithinServiceHours(hours, Date.parse('2026-11-23T07:59:00Z'))).toBe(false);
    // 16:00 UTC is 17:00 in Paris: the end is exclusive.
    expect(isWithinServiceHours(hours, Date.parse('2026-11-23T16:00:00Z'))).toBe(false);
  });

  it('follows daylight-saving time (New York, summer: UTC-4)', () => {
    const hours = weekdays9to17('America/New_York');
    // Wednesday 15 Jul 2026: 13:05 UTC is 09:05 in New York.
    expect(isWithinServiceHours(hours, Date.parse('2026-07-15T13:05:00Z'))).toBe(true);
    expect(isWithinServiceHours(hours, Date.parse('2026-07-15T12:55:00Z'))).toBe(false);
  });

  it('takes the weekday from the local date, not the UTC date (Tokyo, UTC+9)', () => {
    // Sunday 22 Nov 2026 23:30 UTC is Monday 08:30 in Tokyo.
    expect(wallClock(Date.parse('2026-11-22T23:30:00Z'), 'Asia/Tokyo')).toEqual({ day: 1, minute: 8 * 60 + 30 });
    const hours: ServiceHours = { timeZone: 'Asia/Tokyo', weekly: [{ day: 1, start: '08:00', end: '24:00' }] };
    expect(isWithinServiceHours(hours, Date.parse('2026-11-22T23:30:00Z'))).toBe(true);
    expect(isWithinServiceHours(hours, Date.parse('2026-11-23T14:59:00Z'))).toBe(true);
  });

  it('is offline on a weekend day without a range, and with an unknown zone or malformed range', () => {
    expect(isWithinServiceHours(weekdays9to17('Europe/Paris'), Date.parse('2026-11-28T10:00:00Z'))).toBe(false);
    expect(isWithinServiceHours(weekdays9to17('Mars/Olympus_Mons'), Date.parse('2026-11-23T10:00:00Z'))).toBe(false);
    expect(isWithinServiceHours({ timeZone: 'UTC', weekly: [{ day: 1, start: '9am', end: '5pm' }] }, Date.parse('2026-11-23T10:00:00Z'))).toBe(false);
  });
});

describe('resolvedWidgetSettings', () => {
  it('fills in the defaults for what the tenant left unset', () => {
    expect(resolvedWidgetSettings(undefined)).toEqual({ ...widgetDefaults, allowedDomains: [] });
    expect(resolvedWidgetSettings({ greeting: 'Hello!', replyTime: 'an hour' })).toMatchObject({ greeting: 'Hello!', replyTime: 'an hour', offlineMessage: widgetDefaults.offlineMessage });
  });
});

describe('serviceHoursProblem', () => {
  it('accepts a known time zone and ranges with start before end (end may be 24:00)', () => {
    expect(serviceHoursProblem({ timeZone: 'Asia/Tokyo', weekly: [{ day: 0, start: '00:00', end: '24:00' }] })).toBeUndefined();
  });

  it('names the first problem relative to serviceHours', () => {
    expect(serviceHoursProblem({ timeZone: 'Nowhere/Special', weekly: [] })).toMatch(/^timeZone: /);
    expect(serviceHoursProblem({ timeZone: 'UTC', weekly: [{ day: 3, start: '10:00', end: '10:00' }] })).toBe('weekly.0.end: must be after start');
    expect(serviceHoursProblem({ timeZone: 'UTC', weekly: [{ day: 3, start: '10:00', end: '25:00' }] })).toMatch(/^weekly\.0\.end: /);
  });
});

describe('normalizedOrigin', () => {
  it('lower-cases an http(s) origin and drops a trailing slash', () => {
    expect(normalizedOrigin('https://Shop.Example/')).toBe('https://shop.example');
    expect(normalizedOrigin('http://localhost:8080')).toBe('http://localhost:8080');
  });

  it('refuses paths, other schemes, credentials and bare hosts', () => {
    expect(normalizedOrigin('https://shop.example/cart')).toBeUndefined();
    expect(normalizedOrigin('ftp://shop.example')).toBeUndefined();
    expect(normalizedOrigin('https://user@shop.example')).toBeUndefined();
    expect(normalizedOrigin('shop.example')).toBeUndefined();
  });
});
