/**
 * Health — layer: infra (local composition root).
 *
 * Every part of the laptop cloud registers a check; `GET /health` runs them all (each bounded
 * by a timeout) and answers 200 `{ status: 'ok', parts }` when every part is ok, 503 otherwise.
 * Later parts (the search index, the seed) register their own checks by name.
 */
import { errorMessage } from './log.js';

/** The state of one part. */
export interface PartHealth {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The state of the whole laptop cloud. */
export interface HealthReport {
  readonly status: 'ok' | 'unhealthy';
  readonly parts: readonly PartHealth[];
}

/** A check: resolves with ok and a short human detail; a throw counts as not ok. */
export type HealthCheck = () => Promise<{ readonly ok: boolean; readonly detail: string }> | { readonly ok: boolean; readonly detail: string };

/** A named set of checks, reported in registration order. */
export interface HealthRegistry {
  /** Adds (or replaces) the check called `name`. */
  register(name: string, check: HealthCheck): void;
  report(): Promise<HealthReport>;
}

/** A check slower than this is reported as not ok. */
const checkTimeoutMs = 3_000;

async function run(name: string, check: HealthCheck): Promise<PartHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      Promise.resolve().then(check),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs / 1000} s`)), checkTimeoutMs);
      }),
    ]);
    return { name, ok: result.ok, detail: result.detail };
  } catch (error) {
    return { name, ok: false, detail: errorMessage(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Creates an empty registry. */
export function createHealthRegistry(): HealthRegistry {
  const checks = new Map<string, HealthCheck>();
  return {
    register(name, check) {
      checks.set(name, check);
    },
    async report() {
      const parts = await Promise.all([...checks].map(([name, check]) => run(name, check)));
      return { status: parts.every((p) => p.ok) ? 'ok' : 'unhealthy', parts };
    },
  };
}
