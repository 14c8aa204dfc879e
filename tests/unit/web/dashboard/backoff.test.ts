import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../../../web/dashboard/src/lib/backoff.js';

describe('reconnectDelay', () => {
  it('starts around one second', () => {
    expect(reconnectDelay(0, { random: () => 0 })).toBe(500);
    expect(reconnectDelay(0, { random: () => 1 })).toBe(1000);
  });

  it('doubles with each attempt', () => {
    const delays = [0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, { random: () => 1 }));
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(reconnectDelay(50, { random: () => 1 })).toBe(30_000);
    expect(reconnectDelay(1000, { random: () => 0, maxMs: 10_000 })).toBe(5000);
  });

  it('spreads delays over the upper half of the window', () => {
    const delay = reconnectDelay(3, { random: () => 0.5 });
    expect(delay).toBe(6000);
  });
});
