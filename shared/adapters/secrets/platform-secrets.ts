/**
 * The platform's provider secrets — layer: adapters.
 *
 * AWS: the provider secrets of `infra/constructs/secrets.ts` (JSON fields `appSecret`,
 * `verifyToken` for Meta; `apiKey`, `eventWebhookPublicKey` for SendGrid), fetched once per
 * cold start. Laptop: the values from the configuration (the laptop cloud generates demo values).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { PlatformSecrets } from '../../ports/channels.js';
import { awsClientOptions } from '../aws-client-options.js';

type Source<T> = { readonly value: T } | { readonly secretArn: string };

/** Raised when a provider secret lacks a field the runtime reads. */
export class PlatformSecretError extends Error {
  override readonly name = 'PlatformSecretError';
}

/** The {@link PlatformSecrets} from values or Secrets Manager. */
export function makePlatformSecrets(options: {
  region: string;
  meta: Source<{ appSecret: string; verifyToken: string }>;
  sendgrid: Source<{ apiKey: string; eventWebhookPublicKey: string }>;
}): PlatformSecrets {
  let client: SecretsManagerClient | undefined;
  async function fetchJson(secretArn: string): Promise<Record<string, unknown>> {
    client ??= new SecretsManagerClient(awsClientOptions({ region: options.region, local: false }));
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    return JSON.parse(answer.SecretString ?? '{}') as Record<string, unknown>;
  }
  function field(json: Record<string, unknown>, name: string): string {
    const value = json[name];
    if (typeof value !== 'string') throw new PlatformSecretError(`the provider secret has no ${name}`);
    return value;
  }
  let meta: Promise<{ appSecret: string; verifyToken: string }> | undefined;
  let sendgrid: Promise<{ apiKey: string; eventWebhookPublicKey: string }> | undefined;
  return {
    meta() {
      const source = options.meta;
      meta ??= 'value' in source
        ? Promise.resolve(source.value)
        : fetchJson(source.secretArn).then((json) => ({ appSecret: field(json, 'appSecret'), verifyToken: field(json, 'verifyToken') }));
      meta.catch(() => { meta = undefined; });
      return meta;
    },
    sendgrid() {
      const source = options.sendgrid;
      sendgrid ??= 'value' in source
        ? Promise.resolve(source.value)
        : fetchJson(source.secretArn).then((json) => ({ apiKey: field(json, 'apiKey'), eventWebhookPublicKey: field(json, 'eventWebhookPublicKey') }));
      sendgrid.catch(() => { sendgrid = undefined; });
      return sendgrid;
    },
  };
}
