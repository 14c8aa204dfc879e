/**
 * The local Bedrock server's control API — test helper.
 *
 * The laptop cloud started by the integration global setup runs one local Bedrock server (its URL
 * is `inject('bedrockUrl')`); every function's Bedrock adapters call it. Tests make the model say
 * what they need with {@link FakeBedrockClient.script}: when the LAST USER TEXT of a Converse /
 * ConverseStream request contains `match`, the script's next step answers (a text, a tool use, an
 * error status, after a delay); otherwise the local language model answers. Test files share the
 * server: match on a string only your test's customer writes (e.g. a random token in the question).
 *
 * `startBedrockServer()` runs one in this process (unit-level tests of the adapters over HTTP).
 */
import { inject } from 'vitest';
import type { BedrockRecordedRequest, BedrockOperation } from '../../infra/local/bedrock-server.js';
import type { BedrockScriptStep } from '../../infra/local/bedrock-scripts.js';

export { startBedrockServer, type BedrockServer, type BedrockRecordedRequest, type BedrockOperation } from '../../infra/local/bedrock-server.js';
export type { BedrockScriptStep } from '../../infra/local/bedrock-scripts.js';

/** The shared local Bedrock server of an integration run, driven over HTTP. */
export interface FakeBedrockClient {
  readonly url: string;
  /** The next requests whose last user text contains `match` get these steps, in order. */
  script(match: string, steps: readonly BedrockScriptStep[]): Promise<void>;
  /**
   * Recorded requests (oldest first) whose JSON body contains `match` (every one when empty): the
   * Converse/ConverseStream calls, or those of `operation` (`invoke` = embeddings, `rerank`, `all`).
   */
  requests(match?: string, operation?: BedrockOperation | 'all'): Promise<BedrockRecordedRequest[]>;
  /** Polls until `count` matching Converse/ConverseStream requests were recorded (default 15 s). */
  waitForRequests(match: string, count: number, timeoutMs?: number): Promise<BedrockRecordedRequest[]>;
  /** Drops the unplayed steps of the scripts with this match; returns how many were dropped. */
  clear(match: string): Promise<number>;
}

/**
 * The integration run's local Bedrock server.
 *
 * @example
 * const bedrock = fakeBedrock();
 * await bedrock.script('order 7X1', [{ toolUse: { name: 'search_knowledge', input: { query: 'refund' } } }, { text: 'Refunds take 5 days.' }]);
 * const seen = await bedrock.requests('order 7X1');
 * expect(seen[0]?.modelId).toBe(modelForTier('small').modelId);
 */
export function fakeBedrock(url: string = inject('bedrockUrl')): FakeBedrockClient {
  async function requests(match = '', operation?: BedrockOperation | 'all'): Promise<BedrockRecordedRequest[]> {
    const query = new URLSearchParams({ ...(match ? { match } : {}), ...(operation ? { operation } : {}) });
    const response = await fetch(`${url}/__requests?${query}`);
    if (!response.ok) throw new Error(`the local Bedrock server answered ${response.status} to /__requests`);
    return ((await response.json()) as { requests: BedrockRecordedRequest[] }).requests;
  }
  return {
    url,
    requests,
    async script(match, steps) {
      const response = await fetch(`${url}/__scripts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ match, steps }),
      });
      if (response.status !== 204) throw new Error(`the local Bedrock server refused the script: ${response.status} ${await response.text()}`);
    },
    async waitForRequests(match, count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await requests(match);
        if (found.length >= count || Date.now() > deadline) return found;
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
    },
    async clear(match) {
      const response = await fetch(`${url}/__scripts?${new URLSearchParams({ match })}`, { method: 'DELETE' });
      return ((await response.json()) as { removedSteps: number }).removedSteps;
    },
  };
}
