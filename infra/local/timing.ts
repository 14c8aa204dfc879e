/**
 * Timing helpers — layer: infra (local composition root).
 *
 * Pollers wait between rounds with {@link sleep}, which a stop request cuts short so that
 * `stop()` returns promptly; start-up logs report durations with {@link secondsSince}.
 */

/** Seconds since `startedAt` (a `performance.now()` reading), with one decimal. */
export function secondsSince(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
}

/** Resolves after `ms`, or early (without rejecting) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
