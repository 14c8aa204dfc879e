/**
 * When to send `typing` frames — pure, no DOM.
 *
 * While the agent types, `typing: true` goes out at most once per interval (3 s); when they
 * stop (sent the message, cleared the box, or went idle) a single `typing: false` follows,
 * and only if a `true` was sent.
 */

/** The decisions of a typing throttle; each returns the frame value to send, or `undefined`. */
export interface TypingThrottle {
  /** The agent changed the text at `now` (ms). */
  input(now: number): true | undefined;
  /** The agent stopped typing. */
  stop(): false | undefined;
  /** Whether the agent has been idle for longer than `idleMs` at `now` and a `false` is due. */
  idle(now: number): false | undefined;
}

/** Creates a throttle; `intervalMs` between `true` frames, `idleMs` before an automatic stop. */
export function makeTypingThrottle(intervalMs = 3000, idleMs = 5000): TypingThrottle {
  let lastSent: number | undefined;
  let lastInput = 0;
  let active = false;
  return {
    input(now) {
      lastInput = now;
      if (active && lastSent !== undefined && now - lastSent < intervalMs) return undefined;
      active = true;
      lastSent = now;
      return true;
    },
    stop() {
      if (!active) return undefined;
      active = false;
      lastSent = undefined;
      return false;
    },
    idle(now) {
      if (!active || now - lastInput < idleMs) return undefined;
      active = false;
      lastSent = undefined;
      return false;
    },
  };
}
