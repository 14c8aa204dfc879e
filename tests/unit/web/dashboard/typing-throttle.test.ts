import { describe, expect, it } from 'vitest';
import { makeTypingThrottle } from '../../../../web/dashboard/src/lib/typing-throttle.js';

describe('makeTypingThrottle', () => {
  it('sends typing:true on the first keystroke and at most every 3 s after', () => {
    // Prepare
    const throttle = makeTypingThrottle(3000, 5000);
    // Act
    const sent = [0, 500, 2999, 3000, 4000, 6100].map((at) => throttle.input(at));
    // Assess
    expect(sent).toEqual([true, undefined, undefined, true, undefined, true]);
  });

  it('sends a single typing:false when the agent stops, only after a true', () => {
    const throttle = makeTypingThrottle();
    expect(throttle.stop()).toBeUndefined();
    throttle.input(0);
    expect(throttle.stop()).toBe(false);
    expect(throttle.stop()).toBeUndefined();
  });

  it('starts again with typing:true right after a stop', () => {
    const throttle = makeTypingThrottle();
    throttle.input(0);
    throttle.stop();
    expect(throttle.input(100)).toBe(true);
  });

  it('stops by itself after the idle time', () => {
    const throttle = makeTypingThrottle(3000, 5000);
    throttle.input(0);
    expect(throttle.idle(4999)).toBeUndefined();
    expect(throttle.idle(5000)).toBe(false);
    expect(throttle.idle(9000)).toBeUndefined();
  });
});
