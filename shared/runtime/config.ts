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
  // --- AI models (MODELS) ---
  SWITCHBOARD_AI_PROVIDER: z._default(z.enum(['bedrock', 'local']), 'bedrock'),
  SWITCHBOARD_BEDROCK_ENDPOINT: optionalUrl,
  SWITCHBOARD_BEDROCK_REGION: z.optional(z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-central-1'))),
  SWITCHBOARD_EMBEDDING_DIMENSIONS: z.optional(z.string().check(z.regex(/^\d{2,4}$/, 'must be a whole number'))),
  SWITCHBOARD_RERANK_MODEL_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:bedrock:[a-z0-9-]+::foundation-model\/\S+$/, 'must be a Bedrock foundation-model ARN'))),
  // --- end AI models ---
  // --- AI turn (H4) ---
  SWITCHBOARD_AI_BURST_QUIET_MS: z.optional(z.string().check(z.regex(/^\d{1,5}$/, 'must be a whole number of milliseconds (0–99999)'))),
  // --- end AI turn ---
  // --- search (SEARCH) ---
  SWITCHBOARD_SEARCH_BACKEND: z.optional(z.enum(['orama', 'opensearch'])),
  SWITCHBOARD_OPENSEARCH_ENDPOINT: z.optional(z.url({ protocol: /^https$/, error: 'must be an https URL' })),
  SWITCHBOARD_OPENSEARCH_SERVICE: z._default(z.enum(['aoss', 'es']), 'aoss'),
  SWITCHBOARD_OPENSEARCH_INDEX: z._default(z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,254}$/, 'must be a lower-case OpenSearch index name')), 'knowledge'),
  SWITCHBOARD_ORAMA_SNAPSHOT: z.optional(z.string().check(z.minLength(1))),
  // --- end search ---
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
  /** The AI models (docs/CONFIGURATION.md "AI models"). */
  readonly ai: AiModelsConfig;
  /** The AI turn (docs/CONFIGURATION.md "AI turn"). */
  readonly aiTurn: { readonly burstQuietMs: number };
  /** The knowledge search index (docs/CONFIGURATION.md "Search"). */
  readonly search: SearchConfig;
}

/** Where the knowledge search index lives. */
export interface SearchConfig {
  /** `opensearch` in AWS; `orama`: in-process, one per process (the laptop). */
  readonly backend: 'orama' | 'opensearch';
  /** The collection or domain endpoint (`opensearch` only). */
  readonly endpoint?: string;
  /** The one index every tenant's chunks live in. */
  readonly index: string;
  /** SigV4 service: `aoss` (Serverless collection) or `es` (managed domain). */
  readonly service: 'aoss' | 'es';
  /** Orama only: the file the index is kept in across restarts (none: memory only). */
  readonly oramaSnapshotFile?: string;
}

/** Where the language models, the embedder and the reranker run. */
export interface AiModelsConfig {
  /** `bedrock`: the Bedrock adapters (the laptop points them at its local Bedrock server); `local`: the in-process local models. */
  readonly provider: 'bedrock' | 'local';
  /** Bedrock Runtime and Agent Runtime endpoint override (the laptop's local Bedrock server). */
  readonly bedrockEndpoint?: string;
  /** The region Bedrock is called in (default: the function's region). */
  readonly bedrockRegion: string;
  /** Vector length of the embeddings (Titan v2: 256, 512 or 1024; the local models take 64–4096). */
  readonly embeddingDimensions: number;
  /** The reranker model's ARN (default: amazon.rerank-v1:0 in the Bedrock region). */
  readonly rerankModelArn: string;
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
  const bedrockRegion = e.SWITCHBOARD_BEDROCK_REGION ?? e.AWS_REGION;
  const dimensions = Number(e.SWITCHBOARD_EMBEDDING_DIMENSIONS ?? '1024');
  const talksToAwsBedrock = e.SWITCHBOARD_AI_PROVIDER === 'bedrock' && e.SWITCHBOARD_BEDROCK_ENDPOINT === undefined;
  if (talksToAwsBedrock ? ![256, 512, 1024].includes(dimensions) : dimensions < 64 || dimensions > 4096) {
    throw new ConfigurationError(`Invalid configuration: SWITCHBOARD_EMBEDDING_DIMENSIONS must be ${talksToAwsBedrock ? '256, 512 or 1024 (Titan Text Embeddings v2)' : 'from 64 to 4096'} (got ${dimensions}). See docs/CONFIGURATION.md.`);
  }
  const ai: AiModelsConfig = {
    provider: e.SWITCHBOARD_AI_PROVIDER,
    ...(e.SWITCHBOARD_BEDROCK_ENDPOINT ? { bedrockEndpoint: e.SWITCHBOARD_BEDROCK_ENDPOINT.replace(/\/+$/, '') } : {}),
    bedrockRegion,
    embeddingDimensions: dimensions,
    rerankModelArn: e.SWITCHBOARD_RERANK_MODEL_ARN ?? `arn:aws:bedrock:${bedrockRegion}::foundation-model/amazon.rerank-v1:0`,
  };
  const backend = e.SWITCHBOARD_SEARCH_BACKEND ?? (e.SWITCHBOARD_OPENSEARCH_ENDPOINT ? 'opensearch' : 'orama');
  if (backend === 'opensearch' && e.SWITCHBOARD_OPENSEARCH_ENDPOINT === undefined) {
    throw new ConfigurationError('Invalid configuration: SWITCHBOARD_SEARCH_BACKEND=opensearch needs SWITCHBOARD_OPENSEARCH_ENDPOINT. See docs/CONFIGURATION.md.');
  }
  const search: SearchConfig = {
    backend,
    ...(backend === 'opensearch' && e.SWITCHBOARD_OPENSEARCH_ENDPOINT ? { endpoint: e.SWITCHBOARD_OPENSEARCH_ENDPOINT.replace(/\/+$/, '') } : {}),
    index: e.SWITCHBOARD_OPENSEARCH_INDEX,
    service: e.SWITCHBOARD_OPENSEARCH_SERVICE,
    ...(backend === 'orama' && e.SWITCHBOARD_ORAMA_SNAPSHOT ? { oramaSnapshotFile: e.SWITCHBOARD_ORAMA_SNAPSHOT } : {}),
  };
  return {
    ai,
    // AI turn (H4): how long a burst of customer messages must be quiet before the bot answers.
    aiTurn: { burstQuietMs: e.SWITCHBOARD_AI_BURST_QUIET_MS === undefined ? 1_200 : Number(e.SWITCHBOARD_AI_BURST_QUIET_MS) },
    search,
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
