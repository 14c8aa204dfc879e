/**
 * The system clock — layer: adapters.
 */
import type { Clock } from '../../ports/system.js';

/** The real clock. */
export const systemClock: Clock = {
  nowMs: () => Date.now(),
  nowIso: () => new Date().toISOString(),
};
