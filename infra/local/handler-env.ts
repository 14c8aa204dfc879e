/**
 * The handlers' environment — layer: infra (local composition root).
 *
 * Builds every variable `shared/runtime/config.ts` reads, pointing the production SDK clients at
 * the local emulators, and validates the result with the same schema the handlers use, so a
 * mismatch fails at start-up rather than at the first request.
 */
import { queues as queueSpecs, type QueueId } from '../manifest.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { dummyCredentials } from './local-clients.js';

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
}

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
  };
  for (const [id, spec] of Object.entries(queueSpecs) as [QueueId, (typeof queueSpecs)[QueueId]][]) {
    env[spec.urlEnv] = input.queueUrls[id];
  }
  loadConfig(env);
  return env;
}
