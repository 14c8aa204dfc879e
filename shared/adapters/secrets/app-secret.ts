/**
 * The app secret from Secrets Manager — layer: adapters.
 *
 * Fetched once per cold start (DESIGN.md §5). The secret is JSON with a `signingKey` field that
 * Secrets Manager generated (infra/constructs/secrets.ts).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientOptions } from '../aws-client-options.js';

/** Raised when the secret is missing its signing key. */
export class AppSecretError extends Error {
  override readonly name = 'AppSecretError';
}

/** Loads the `signingKey` of the app secret as bytes. */
export async function loadAppSecretFromSecretsManager(options: { region: string; secretArn: string }): Promise<Buffer> {
  const client = new SecretsManagerClient(awsClientOptions({ region: options.region, local: false }));
  const answer = await client.send(new GetSecretValueCommand({ SecretId: options.secretArn }));
  const parsed = JSON.parse(answer.SecretString ?? '{}') as { signingKey?: unknown };
  if (typeof parsed.signingKey !== 'string' || parsed.signingKey.length < 32) {
    throw new AppSecretError('the app secret has no signingKey of at least 32 characters');
  }
  return Buffer.from(parsed.signingKey, 'utf8');
}
