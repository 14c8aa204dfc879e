/**
 * AWS SDK client options — layer: adapters.
 *
 * The one helper that points production SDK clients at local endpoints (DESIGN.md §4): on the
 * laptop it injects the endpoint, dummy credentials and an HTTP/1.1 handler; in AWS it adds
 * nothing, so clients use the Lambda role and the regional endpoints.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** What every adapter needs to build a client. */
export interface AwsClientSettings {
  readonly region: string;
  /** True on the laptop, where endpoints are local and credentials are dummies. */
  readonly local: boolean;
}

/** Options for any AWS SDK v3 client; `endpoint` overrides the regional endpoint when given. */
export function awsClientOptions(settings: AwsClientSettings, endpoint?: string) {
  return {
    region: settings.region,
    ...(endpoint ? { endpoint } : {}),
    ...(settings.local
      ? {
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 10_000 }),
          maxAttempts: 2,
        }
      : {}),
  };
}
