/**
 * The fake provider — test helper.
 *
 * `startFakeProvider()` runs one in this process (unit tests of the senders: `requests` is a
 * live array). Integration tests use the one the laptop cloud started for the handlers (its URL
 * is `inject('fakeProviderUrl')`) through {@link fakeProvider}, which drives it over its control
 * routes. Several test files share that one: script by a path that only your test uses (its
 * Twilio account SID, its page id) or with `bodyIncludes`, and filter `requests` the same way.
 */
import { inject } from 'vitest';
import type { RecordedRequest, ScriptedResponse } from '../../infra/local/fake-provider.js';

export { startFakeProvider, type FakeProvider, type RecordedRequest, type ScriptedResponse } from '../../infra/local/fake-provider.js';

/** The shared fake provider of an integration run, driven over HTTP. */
export interface FakeProviderClient {
  readonly url: string;
  /** Recorded requests whose path contains `path` and whose raw body contains `body`. */
  requests(filter?: { path?: string; body?: string }): Promise<RecordedRequest[]>;
  /** The next matching requests get these answers, in order (then the provider-like default). */
  script(pathPattern: string | RegExp, responses: readonly ScriptedResponse[], match?: { bodyIncludes?: string }): Promise<void>;
  /** Polls until `count` matching requests were recorded (default timeout 15 s). */
  waitForRequests(filter: { path?: string; body?: string }, count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
}

/**
 * The integration run's fake provider.
 *
 * @example
 * const fake = fakeProvider();
 * await fake.script(`/Accounts/${sid}/Messages.json`, [{ status: 503 }, { status: 201 }]);
 * const sent = await fake.waitForRequests({ path: sid }, 2);
 */
export function fakeProvider(url: string = inject('fakeProviderUrl')): FakeProviderClient {
  async function requests(filter: { path?: string; body?: string } = {}): Promise<RecordedRequest[]> {
    const query = new URLSearchParams({ ...(filter.path ? { path: filter.path } : {}), ...(filter.body ? { body: filter.body } : {}) });
    const response = await fetch(`${url}/__fake/requests?${query}`);
    return (await response.json()) as RecordedRequest[];
  }
  return {
    url,
    requests,
    async script(pathPattern, responses, match = {}) {
      const pattern = typeof pathPattern === 'string' ? { pattern: pathPattern, literal: true } : { pattern: pathPattern.source, flags: pathPattern.flags };
      const response = await fetch(`${url}/__fake/script`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...pattern, ...(match.bodyIncludes ? { bodyIncludes: match.bodyIncludes } : {}), responses }),
      });
      if (response.status !== 204) throw new Error(`fake provider refused the script: ${response.status}`);
    },
    async waitForRequests(filter, count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await requests(filter);
        if (found.length >= count || Date.now() > deadline) return found;
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
    },
  };
}
