/**
 * Send-response classification — layer: adapters (shared by every provider's sender).
 *
 * SECURITY.md §3: retry network errors, 408, 429, 500, 502, 503 and 504 (with the provider's
 * `Retry-After`, in seconds or as an HTTP date); never retry any other 4xx (the message fails
 * with the provider's reason); a 2xx is `sent` — the sender reads the provider's id itself and
 * replaces the empty `providerMessageId` this function returns.
 */
import type { SendOutcome } from '../../ports/channels.js';

/** Statuses worth another attempt. */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Every provider call gives up after this long (then it is a network error: retried). */
export const sendTimeoutMs = 10_000;

/** Reads `Retry-After` (delta seconds or HTTP date) as whole seconds from `nowMs`, or undefined. */
export function retryAfterSeconds(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 43_200);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.min(43_200, Math.ceil((at - nowMs) / 1000)));
}

function headerOf(headers: Headers | Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

/**
 * Sorts a provider's HTTP answer into {@link SendOutcome}.
 *
 * @example
 * classifySendResponse(429, response.headers, 'Too Many Requests'); // { kind: 'retry', reason: …, retryAfterSeconds: 30 }
 */
export function classifySendResponse(status: number, headers: Headers | Readonly<Record<string, string | undefined>>, reason: string): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent', providerMessageId: '' };
  const text = reason.trim().slice(0, 500) || `HTTP ${status}`;
  if (retryableStatuses.has(status)) {
    const after = retryAfterSeconds(headerOf(headers, 'retry-after'));
    return { kind: 'retry', reason: `HTTP ${status}: ${text}`, ...(after !== undefined ? { retryAfterSeconds: after } : {}) };
  }
  return { kind: 'failed', reason: `HTTP ${status}: ${text}` };
}

/** A network error or a timeout (no HTTP answer): always retried. */
export function classifySendError(error: unknown): SendOutcome {
  const name = error instanceof Error ? error.name : 'Error';
  return { kind: 'retry', reason: name === 'TimeoutError' || name === 'AbortError' ? 'provider timed out' : `network error (${name})` };
}
