/**
 * Reconnect delays for the WebSocket — pure, no DOM.
 *
 * Exponential backoff with jitter so that a fleet of dashboards does not reconnect in lock
 * step after a deploy: attempt 0 waits about 1 s, then 2 s, 4 s, … capped at 30 s, each
 * delay drawn from the upper half of its window.
 */

/** Options of {@link reconnectDelay}. */
export interface BackoffOptions {
  readonly baseMs?: number;
  readonly maxMs?: number;
  /** A source of numbers in [0, 1); `Math.random` by default. */
  readonly random?: () => number;
}

/**
 * The delay before reconnect attempt `attempt` (0-based).
 *
 * @example
 * reconnectDelay(0, { random: () => 0 }) // → 500
 * reconnectDelay(10, { random: () => 0.999 }) // → just under 30_000
 */
export function reconnectDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt, 20)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
