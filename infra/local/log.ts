/**
 * Log lines — layer: infra (local composition root).
 *
 * Every part of the laptop cloud writes concise, single-line messages prefixed by the part's
 * name (`[dynamodb] ready on :8000 (in 3.2 s)`), so one terminal shows the whole system.
 */

/** Where the laptop cloud writes its log lines. */
export type Log = (line: string) => void;

/** Returns a log that prefixes every line with `[part]`. */
export function partLog(log: Log, part: string): Log {
  return (line) => log(`[${part}] ${line}`);
}

/** The message of anything thrown, for a log line. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
