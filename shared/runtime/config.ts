/**
 * Configuration — layer: runtime.
 *
 * The one module that reads `process.env`. Every variable is validated by zod once, at cold
 * start; a bad or missing value fails with a message naming the variable. Every variable is
 * listed in docs/CONFIGURATION.md (tests/unit/runtime/config.test.ts keeps the two in step, and
 * checks that the names match the ones infra/manifest.ts hands to functions).
 */
import * as z from 'zod/mini';

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const optionalUrl = z.optional(url);

const originList = z.pipe(
  z.string().check(z.minLength(1, 'must list at least one origin')),
  z.transform((value, ctx) => {
    const list = value.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of list) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
        ctx.issues.push({ code: 'custom', input: value, message: `"${origin}" is not an origin like https://app.example.com` });
      }
    }
    return list;
  }),
);

/** The schema of the environment, variable by variable. */
export const environmentSchema = z.object({
  AWS_REGION: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1')),
  SWITCHBOARD_TABLE_NAME: z.string().check(z.minLength(3), z.maxLength(255)),
  SWITCHBOARD_ATTACHMENTS_BUCKET: z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')),
  SWITCHBOARD_WS_ENDPOINT: url,
  SWITCHBOARD_ALLOWED_ORIGINS: originList,
  SWITCHBOARD_LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  SWITCHBOARD_AI_QUEUE_URL: url,
  SWITCHBOARD_OUTBOUND_QUEUE_URL: url,
  SWITCHBOARD_KNOWLEDGE_QUEUE_URL: url,
  SWITCHBOARD_DYNAMODB_ENDPOINT: optionalUrl,
  SWITCHBOARD_SQS_ENDPOINT: optionalUrl,
  SWITCHBOARD_S3_ENDPOINT: optionalUrl,
  SWITCHBOARD_APP_SECRET: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43,}$/, 'must be at least 256 bits, base64url'))),
  SWITCHBOARD_APP_SECRET_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:secretsmanager:/, 'must be a Secrets Manager ARN'))),
  // --- channels (CORE) ---
  SWITCHBOARD_PUBLIC_URL: optionalUrl,
  SWITCHBOARD_TWILIO_API_URL: z._default(url, 'https://api.twilio.com'),
  SWITCHBOARD_META_GRAPH_URL: z._default(url, 'https://graph.facebook.com/v21.0'),
  SWITCHBOARD_SENDGRID_API_URL: z._default(url, 'https://api.sendgrid.com'),
  SWITCHBOARD_CREDENTIALS_STORE: z.optional(z.enum(['table', 'secrets-manager'])),
  SWITCHBOARD_SECRETS_PREFIX: z._default(z.string().check(z.regex(/^[A-Za-z0-9/_+=.@-]{1,64}$/, 'must be a Secrets Manager name prefix')), 'switchboard'),
  SWITCHBOARD_META_SECRET_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:secretsmanager:/, 'must be a Secrets Manager ARN'))),
  SWITCHBOARD_SENDGRID_SECRET_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:secretsmanager:/, 'must be a Secrets Manager ARN'))),
  SWITCHBOARD_META_APP_SECRET: z.optional(z.string().check(z.minLength(16))),
  SWITCHBOARD_META_VERIFY_TOKEN: z.optional(z.string().check(z.minLength(8))),
  SWITCHBOARD_SENDGRID_API_KEY: z.optional(z.string().check(z.minLength(8))),
  SWITCHBOARD_SENDGRID_EVENT_PUBLIC_KEY: z.optional(z.string().check(z.minLength(40))),
  SWITCHBOARD_VOICE_HOLDING_LINE: z._default(z.string().check(z.minLength(1), z.maxLength(500)), 'Thanks for calling. We have noted your message and will get back to you shortly. Say agent to talk to a person.'),
  // --- end channels ---
});

/** Every variable {@link loadConfig} reads. */
export const environmentVariables = Object.keys(environmentSchema.shape) as readonly (keyof typeof environmentSchema.shape)[];

/** The validated configuration, in the names the code uses. */
export interface Config {
  readonly region: string;
  readonly tableName: string;
  readonly bucketName: string;
  /** The API Gateway Management API endpoint of the WebSocket API (stage URL, https). */
  readonly wsManagementEndpoint: string;
  readonly allowedOrigins: readonly string[];
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly queueUrls: { readonly aiJobs: string; readonly outbound: string; readonly knowledge: string };
  /**
   * Where the app secret (the root of every signing and encryption key) comes from: the value
   * itself on the laptop, or the Secrets Manager secret holding it in AWS.
   */
  readonly appSecret: { readonly value: string } | { readonly secretArn: string };
  /** Set only on the laptop: SDK clients then use these endpoints and dummy credentials. */
  readonly localEndpoints: { readonly dynamodb?: string; readonly sqs?: string; readonly s3?: string };
  /** Channels (docs/CONFIGURATION.md "Channels"). */
  readonly channels: ChannelsConfig;
}

/** Where a platform provider secret comes from: values (laptop) or a Secrets Manager secret (AWS). */
export type SecretSource<T> = { readonly value: T } | { readonly secretArn: string };

/** The channels' configuration. */
export interface ChannelsConfig {
  /** The public base URL webhook URLs are built from (no trailing slash). */
  readonly publicUrl: string;
  readonly twilioApiUrl: string;
  readonly metaGraphUrl: string;
  readonly sendgridApiUrl: string;
  /** Per-inbox credentials: encrypted table items (laptop) or one Secrets Manager secret per inbox (AWS). */
  readonly credentialsStore: 'table' | 'secrets-manager';
  /** Secrets Manager names start with this: `<prefix>/inbox/<accountId>/<inboxId>`. */
  readonly secretsPrefix: string;
  readonly meta: SecretSource<{ readonly appSecret: string; readonly verifyToken: string }>;
  readonly sendgrid: SecretSource<{ readonly apiKey: string; readonly eventWebhookPublicKey: string }>;
  /** What the voice flow says after recording the caller's words (until the AI agent answers). */
  readonly voiceHoldingLine: string;
}

/** Raised when the environment is invalid; the message names every bad variable. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * Parses and validates the environment. Empty strings count as unset.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigurationError "SWITCHBOARD_TABLE_NAME is missing"
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const input = Object.fromEntries(
    environmentVariables.map((name) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = environmentSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(environment)');
      return input[variable] === undefined ? `${variable} is missing` : `${variable} ${issue.message}`;
    });
    throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}. See docs/CONFIGURATION.md.`);
  }
  const e = parsed.data;
  const appSecret = e.SWITCHBOARD_APP_SECRET ? { value: e.SWITCHBOARD_APP_SECRET } : e.SWITCHBOARD_APP_SECRET_ARN ? { secretArn: e.SWITCHBOARD_APP_SECRET_ARN } : undefined;
  if (!appSecret) {
    throw new ConfigurationError('Invalid configuration: set SWITCHBOARD_APP_SECRET (laptop) or SWITCHBOARD_APP_SECRET_ARN (AWS). See docs/CONFIGURATION.md.');
  }
  const meta = e.SWITCHBOARD_META_SECRET_ARN
    ? { secretArn: e.SWITCHBOARD_META_SECRET_ARN }
    : { value: { appSecret: e.SWITCHBOARD_META_APP_SECRET ?? '', verifyToken: e.SWITCHBOARD_META_VERIFY_TOKEN ?? '' } };
  const sendgrid = e.SWITCHBOARD_SENDGRID_SECRET_ARN
    ? { secretArn: e.SWITCHBOARD_SENDGRID_SECRET_ARN }
    : { value: { apiKey: e.SWITCHBOARD_SENDGRID_API_KEY ?? '', eventWebhookPublicKey: e.SWITCHBOARD_SENDGRID_EVENT_PUBLIC_KEY ?? '' } };
  const channels: ChannelsConfig = {
    publicUrl: (e.SWITCHBOARD_PUBLIC_URL ?? e.SWITCHBOARD_WS_ENDPOINT).replace(/\/+$/, ''),
    twilioApiUrl: e.SWITCHBOARD_TWILIO_API_URL.replace(/\/+$/, ''),
    metaGraphUrl: e.SWITCHBOARD_META_GRAPH_URL.replace(/\/+$/, ''),
    sendgridApiUrl: e.SWITCHBOARD_SENDGRID_API_URL.replace(/\/+$/, ''),
    credentialsStore: e.SWITCHBOARD_CREDENTIALS_STORE ?? ('secretArn' in appSecret ? 'secrets-manager' : 'table'),
    secretsPrefix: e.SWITCHBOARD_SECRETS_PREFIX,
    meta,
    sendgrid,
    voiceHoldingLine: e.SWITCHBOARD_VOICE_HOLDING_LINE,
  };
  return {
    appSecret,
    channels,
    region: e.AWS_REGION,
    tableName: e.SWITCHBOARD_TABLE_NAME,
    bucketName: e.SWITCHBOARD_ATTACHMENTS_BUCKET,
    wsManagementEndpoint: e.SWITCHBOARD_WS_ENDPOINT,
    allowedOrigins: e.SWITCHBOARD_ALLOWED_ORIGINS,
    logLevel: e.SWITCHBOARD_LOG_LEVEL,
    queueUrls: {
      aiJobs: e.SWITCHBOARD_AI_QUEUE_URL,
      outbound: e.SWITCHBOARD_OUTBOUND_QUEUE_URL,
      knowledge: e.SWITCHBOARD_KNOWLEDGE_QUEUE_URL,
    },
    localEndpoints: {
      ...(e.SWITCHBOARD_DYNAMODB_ENDPOINT ? { dynamodb: e.SWITCHBOARD_DYNAMODB_ENDPOINT } : {}),
      ...(e.SWITCHBOARD_SQS_ENDPOINT ? { sqs: e.SWITCHBOARD_SQS_ENDPOINT } : {}),
      ...(e.SWITCHBOARD_S3_ENDPOINT ? { s3: e.SWITCHBOARD_S3_ENDPOINT } : {}),
    },
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed once per cold start. */
export function config(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}
