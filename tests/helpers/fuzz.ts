/**
 * Fuzzing helpers of the webhook tests — test helper.
 *
 * A seeded PRNG (mulberry32), so a failing sample is replayed from its seed and index, and a
 * bounded-concurrency runner that posts generated requests through the real gateway, counting
 * answers by status and collecting every 5xx.
 */

/** A small deterministic generator. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => list[int(list.length)]!,
    bytes: (length: number): Buffer => Buffer.from(Array.from({ length }, () => int(256))),
    digits: (length: number): string => Array.from({ length }, () => String(int(10))).join(''),
  };
}

/** What a fuzz run saw. */
export interface FuzzRun {
  /** Answers per `<route> <status>` (or `<status>` when the sender names no route). */
  readonly statuses: ReadonlyMap<string, number>;
  /** Every 5xx, as `#<index> <label> → <status>`. */
  readonly serverErrors: readonly string[];
  readonly answered: number;
  readonly seconds: number;
}

/**
 * Runs `send(index)` for indexes 0 … total-1 with at most `concurrency` in flight; each call
 * performs one or more requests and returns their outcomes.
 *
 * @example
 * const run = await runFuzz(10_000, 16, async (i) => { const r = await fetch(url, sample(i)); await r.arrayBuffer(); return [{ status: r.status, label: 'sms' }]; });
 * expect(run.serverErrors).toEqual([]);
 */
export async function runFuzz(
  total: number,
  concurrency: number,
  send: (index: number) => Promise<readonly { readonly status: number; readonly label: string; readonly route?: string }[]>,
): Promise<FuzzRun> {
  const statuses = new Map<string, number>();
  const serverErrors: string[] = [];
  let answered = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const index = next++;
      for (const outcome of await send(index)) {
        const key = outcome.route ? `${outcome.route} ${outcome.status}` : String(outcome.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        answered += 1;
        if (outcome.status >= 500) serverErrors.push(`#${index} ${outcome.label} → ${outcome.status}`);
      }
    }
  }));
  return { statuses, serverErrors, answered, seconds: (performance.now() - started) / 1000 };
}
