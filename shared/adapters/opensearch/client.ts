/**
 * OpenSearch transport — layer: adapters (the HTTP side of the OpenSearch search index).
 *
 * Wraps the OpenSearch JavaScript client's transport: every request is SigV4-signed with the
 * function's role (`service: 'aoss'` for a Serverless collection, `'es'` for a managed domain),
 * `_bulk` / `_msearch` lines go out as NDJSON, and every HTTP status comes back to the adapter
 * (which decides what a 404 means) instead of being thrown. The client retries 502/503/504 and
 * connection errors itself (3 times), as it does by default.
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import type { OpenSearchRequest, OpenSearchTransport } from './opensearch-search-index.js';

/** Where OpenSearch is and how to sign for it. */
export interface OpenSearchTransportOptions {
  /** `https://…` collection or domain endpoint. */
  readonly endpoint: string;
  readonly region: string;
  /** `aoss` (Serverless collection) or `es` (managed domain). */
  readonly service: 'aoss' | 'es';
  /** Sign requests (default true); off only for an unauthenticated local OpenSearch in tests. */
  readonly sign?: boolean;
  /** Per-request timeout in milliseconds (default 10 s). */
  readonly requestTimeoutMs?: number;
}

/** Every status the adapter interprets itself, so the client hands the response back. */
const answeredStatuses = [400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504];

/**
 * Creates the signed transport.
 *
 * @example
 * const transport = createOpenSearchTransport({ endpoint: 'https://abc.eu-west-1.aoss.amazonaws.com', region: 'eu-west-1', service: 'aoss' });
 */
export function createOpenSearchTransport(options: OpenSearchTransportOptions): OpenSearchTransport {
  const credentials = defaultProvider();
  const client = new Client({
    ...(options.sign === false
      ? {}
      : AwsSigv4Signer({ region: options.region, service: options.service, getCredentials: () => credentials() })),
    node: options.endpoint,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
  });
  return {
    async request(request: OpenSearchRequest) {
      const response = await client.transport.request(
        {
          method: request.method,
          path: request.path,
          ...(request.body === undefined ? {} : { body: request.body as Record<string, unknown> }),
          ...(request.ndjson === undefined ? {} : { bulkBody: request.ndjson as Record<string, unknown>[] }),
        },
        { ignore: answeredStatuses },
      );
      return { statusCode: response.statusCode ?? 0, body: response.body };
    },
  };
}
