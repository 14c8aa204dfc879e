import { describe, expect, it } from 'vitest';
import { snoozeOptions } from '../../../../web/dashboard/src/lib/snooze.js';

describe('snoozeOptions', () => {
  it('offers one hour, tomorrow 9:00 and next Monday 9:00', () => {
    // Prepare
    const tuesday = new Date(2026, 11, 1, 15, 30);
    // Act
    const options = snoozeOptions(tuesday);
    // Assess
    expect(options.map((option) => option.key)).toEqual(['hour', 'tomorrow', 'next-week']);
    expect(options[0]?.until).toBe(new Date(2026, 11, 1, 16, 30).toISOString());
    expect(options[1]?.until).toBe(new Date(2026, 11, 2, 9, 0).toISOString());
    expect(options[2]?.until).toBe(new Date(2026, 11, 7, 9, 0).toISOString());
  });

  it('on a Monday, next week is the following Monday', () => {
    const monday = new Date(2026, 11, 7, 8, 0);
    expect(snoozeOptions(monday)[2]?.until).toBe(new Date(2026, 11, 14, 9, 0).toISOString());
  });

  it('on a Sunday, next week is the next day', () => {
    const sunday = new Date(2026, 11, 6, 20, 0);
    expect(snoozeOptions(sunday)[2]?.until).toBe(new Date(2026, 11, 7, 9, 0).toISOString());
  });
});
