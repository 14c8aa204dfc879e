/**
 * The handlers' environment — layer: infra (local composition root).
 *
 * Builds every variable `shared/runtime/config.ts` reads, pointing the production SDK clients at
 * the local emulators, and validates the result with the same schema the handlers use, so a
 * mismatch fails at start-up rather than at the first request.
 */
import { queues as queueSpecs, type QueueId } from '../manifest.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { createECDH, createHmac, createPrivateKey, createPublicKey } from 'node:crypto';
import { dummyCredentials } from './local-clients.js';

/**
 * The laptop's platform provider secrets (demo values derived from the app secret, so they stay
 * the same across restarts of `npm start` and differ per test run). The SendGrid event key pair
 * is a real P-256 pair: tests sign events with the private key (`SWITCHBOARD_LOCAL_SENDGRID_EVENT_PRIVATE_KEY`,
 * PEM, read by tests only — the runtime never reads it).
 */
export function localChannelSecrets(appSecret: string): Record<string, string> {
  const derive = (label: string) => createHmac('sha256', appSecret).update(`switchboard-local-${label}`).digest();
  const ecdh = createECDH('prime256v1');
  const d = derive('sendgrid-event-key');
  ecdh.setPrivateKey(d);
  const publicPoint = ecdh.getPublicKey();
  const jwk = {
    kty: 'EC', crv: 'P-256',
    x: publicPoint.subarray(1, 33).toString('base64url'),
    y: publicPoint.subarray(33, 65).toString('base64url'),
  };
  const publicKey = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' }).toString('base64');
  const privateKey = createPrivateKey({ key: { ...jwk, d: d.toString('base64url') }, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    SWITCHBOARD_META_APP_SECRET: derive('meta-app-secret').toString('hex').slice(0, 32),
    SWITCHBOARD_META_VERIFY_TOKEN: derive('meta-verify-token').toString('base64url').slice(0, 24),
    SWITCHBOARD_SENDGRID_API_KEY: `SG.local.${derive('sendgrid-api-key').toString('base64url').slice(0, 40)}`,
    SWITCHBOARD_SENDGRID_EVENT_PUBLIC_KEY: publicKey,
    SWITCHBOARD_LOCAL_SENDGRID_EVENT_PRIVATE_KEY: privateKey,
  };
}

/** What the environment is built from. */
export interface HandlerEnvironmentInput {
  readonly region: string;
  readonly tableName: string;
  readonly bucketName: string;
  /** The gateway's port: its URL is the Management API endpoint and the allowed origin. */
  readonly gatewayPort: number;
  readonly queueUrls: Readonly<Record<QueueId, string>>;
  readonly dynamodbEndpoint: string;
  /** fauxqs serves SQS and S3 on one endpoint. */
  readonly fauxqsEndpoint: string;
  /** Default INFO. */
  readonly logLevel?: string;
  /** The app secret (base64url, ≥ 256 bits): kept under the data dir by `npm start`, fresh per test run. */
  readonly appSecret: string;
  /** The fake provider's URL: every provider base URL points at it (a local outbox). */
  readonly providerUrl?: string;
  /** The local Bedrock server's URL: the Bedrock adapters call it (without it: the in-process local models). */
  readonly bedrockUrl?: string;
  /** Where the in-process Orama search index is kept across restarts (`npm start`); none: memory only. */
  readonly searchSnapshotFile?: string;
}

/** The laptop's embedding length (the local embedder's default; re-index after changing it). */
export const localEmbeddingDimensions = 384;

/**
 * The environment of every local handler (they run in this process, so it is assigned to
 * `process.env` before the first handler is imported).
 *
 * @throws ConfigurationError when the result does not satisfy the runtime's schema.
 */
export function handlerEnvironment(input: HandlerEnvironmentInput): Record<string, string> {
  const gateway = `http://127.0.0.1:${input.gatewayPort}`;
  const env: Record<string, string> = {
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_ACCESS_KEY_ID: dummyCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: dummyCredentials.secretAccessKey,
    // The SDK warns once per process that Node 20 support ends in 2027; Lambda runs Node 22.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    SWITCHBOARD_TABLE_NAME: input.tableName,
    SWITCHBOARD_ATTACHMENTS_BUCKET: input.bucketName,
    SWITCHBOARD_WS_ENDPOINT: gateway,
    SWITCHBOARD_ALLOWED_ORIGINS: `${gateway},http://localhost:${input.gatewayPort}`,
    SWITCHBOARD_LOG_LEVEL: input.logLevel ?? 'INFO',
    SWITCHBOARD_DYNAMODB_ENDPOINT: input.dynamodbEndpoint,
    SWITCHBOARD_SQS_ENDPOINT: input.fauxqsEndpoint,
    SWITCHBOARD_S3_ENDPOINT: input.fauxqsEndpoint,
    SWITCHBOARD_APP_SECRET: input.appSecret,
    // Channels: webhook URLs are the gateway's; per-inbox credentials are encrypted table items.
    SWITCHBOARD_PUBLIC_URL: gateway,
    SWITCHBOARD_CREDENTIALS_STORE: 'table',
    SWITCHBOARD_SECRETS_PREFIX: 'switchboard',
    ...localChannelSecrets(input.appSecret),
    ...(input.providerUrl
      ? {
          SWITCHBOARD_TWILIO_API_URL: input.providerUrl,
          SWITCHBOARD_META_GRAPH_URL: `${input.providerUrl}/v21.0`,
          SWITCHBOARD_SENDGRID_API_URL: input.providerUrl,
        }
      : {}),
  };
  // AI models: the real Bedrock adapters against the local Bedrock server (docs/MODELS.md).
  env.SWITCHBOARD_AI_PROVIDER = input.bedrockUrl ? 'bedrock' : 'local';
  if (input.bedrockUrl) env.SWITCHBOARD_BEDROCK_ENDPOINT = input.bedrockUrl;
  env.SWITCHBOARD_EMBEDDING_DIMENSIONS = String(localEmbeddingDimensions);
  // AI turn: the burst's quiet period, as in AWS (docs/AI.md).
  env.SWITCHBOARD_AI_BURST_QUIET_MS = '1200';
  // Search: the in-process Orama index, shared by every handler of this process (docs/RETRIEVAL.md).
  env.SWITCHBOARD_SEARCH_BACKEND = 'orama';
  if (input.searchSnapshotFile) env.SWITCHBOARD_ORAMA_SNAPSHOT = input.searchSnapshotFile;
  for (const [id, spec] of Object.entries(queueSpecs) as [QueueId, (typeof queueSpecs)[QueueId]][]) {
    env[spec.urlEnv] = input.queueUrls[id];
  }
  loadConfig(env);
  return env;
}
