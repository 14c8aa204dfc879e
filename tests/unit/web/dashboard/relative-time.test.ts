import { describe, expect, it } from 'vitest';
import { formatClock, formatDayHeading, formatRelativeTime, sameDay } from '../../../../web/dashboard/src/lib/relative-time.js';

// Local-time constructors keep these specs independent of the machine's time zone.
const now = new Date(2026, 11, 1, 15, 30, 0); // Tuesday 1 Dec 2026, 15:30

describe('formatRelativeTime', () => {
  it('says "now" for less than a minute ago', () => {
    // Prepare
    const iso = new Date(2026, 11, 1, 15, 29, 45).toISOString();
    // Act
    const text = formatRelativeTime(iso, now);
    // Assess
    expect(text).toBe('now');
  });

  it('counts minutes, then hours, within the same day', () => {
    expect(formatRelativeTime(new Date(2026, 11, 1, 15, 25).toISOString(), now)).toBe('5m');
    expect(formatRelativeTime(new Date(2026, 11, 1, 12, 10).toISOString(), now)).toBe('3h');
  });

  it('says "Yesterday", then the weekday, then the date', () => {
    expect(formatRelativeTime(new Date(2026, 10, 30, 23, 0).toISOString(), now)).toBe('Yesterday');
    expect(formatRelativeTime(new Date(2026, 10, 27, 9, 0).toISOString(), now)).toBe('Fri');
    expect(formatRelativeTime(new Date(2026, 9, 12, 9, 0).toISOString(), now)).toBe('12 Oct');
  });

  it('adds the year for an earlier year', () => {
    expect(formatRelativeTime(new Date(2025, 2, 3, 9, 0).toISOString(), now)).toBe('3 Mar 2025');
  });

  it('answers an empty string for an unreadable time', () => {
    expect(formatRelativeTime('not a date', now)).toBe('');
  });
});

describe('formatClock', () => {
  it('shows hours and minutes with leading zeros', () => {
    expect(formatClock(new Date(2026, 11, 1, 9, 5).toISOString())).toBe('09:05');
  });
});

describe('formatDayHeading', () => {
  it('names today, yesterday and older days', () => {
    expect(formatDayHeading(new Date(2026, 11, 1, 8).toISOString(), now)).toBe('Today');
    expect(formatDayHeading(new Date(2026, 10, 30, 8).toISOString(), now)).toBe('Yesterday');
    expect(formatDayHeading(new Date(2026, 10, 27, 8).toISOString(), now)).toBe('Friday 27 Nov');
    expect(formatDayHeading(new Date(2025, 10, 27, 8).toISOString(), now)).toBe('27 Nov 2025');
  });
});

describe('sameDay', () => {
  it('compares local calendar days', () => {
    expect(sameDay(new Date(2026, 11, 1, 0, 1).toISOString(), new Date(2026, 11, 1, 23, 59).toISOString())).toBe(true);
    expect(sameDay(new Date(2026, 11, 1, 23, 59).toISOString(), new Date(2026, 11, 2, 0, 1).toISOString())).toBe(false);
  });
});
