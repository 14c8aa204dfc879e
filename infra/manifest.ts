/**
 * The manifest — layer: infra (plain data).
 *
 * Every Lambda function (entry, trigger, routes, permissions), the table spec and the queue
 * specs, as plain data. Read by BOTH composition roots: the CDK stacks (`infra/stacks/`) and the
 * laptop cloud (`infra/local/`), so the cloud and the laptop cannot drift apart.
 *
 * Imports nothing: no aws-cdk-lib, no SDK. Adding a function here is the only step needed for it
 * to be deployed by CDK, mounted by the local gateway or poller, and bundled by the benchmark.
 */

/** A global secondary index of the single table (all attributes projected). */
export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

/** The one DynamoDB table. Key design and access patterns: `shared/adapters/dynamodb/keys.ts`. */
export interface TableSpec {
  /** Logical name; the physical name is `${stackPrefix}-${name}` in AWS and locally. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: readonly IndexSpec[];
  /** Epoch-seconds attribute that DynamoDB TTL deletes on. */
  readonly ttlAttribute: string;
  readonly stream: 'NEW_AND_OLD_IMAGES';
}

/** Names a queue in {@link queues}. */
export type QueueId = 'aiJobs' | 'outbound' | 'knowledge';

/** One SQS queue and its dead-letter queue. */
export interface QueueSpec {
  /** Physical base name; `.fifo` is appended for FIFO queues. */
  readonly name: string;
  readonly fifo: boolean;
  /** At least 6 × the consumer's timeout (AWS guidance for event source mappings). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the DLQ; at least 5 (SECURITY.md §3). */
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
  /** Environment variable through which functions receive the queue URL. */
  readonly urlEnv: string;
}

/** An HTTP API route, in API Gateway's route-key syntax: `POST /api/v1/things/{id}`. */
export type HttpRouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/** What invokes a function. */
export type Trigger =
  | { readonly kind: 'http'; readonly routes: readonly HttpRouteKey[] }
  | { readonly kind: 'websocket'; readonly routes: readonly ('$connect' | '$disconnect' | '$default')[] }
  | { readonly kind: 'websocket-authorizer'; readonly identitySource: 'ticket' }
  | { readonly kind: 'queue'; readonly queue: QueueId; readonly batchSize: number; readonly maxBatchingWindowSeconds?: number }
  | { readonly kind: 'table-stream'; readonly batchSize: number; readonly maxBatchingWindowSeconds?: number; readonly entities?: readonly string[] }
  | { readonly kind: 'schedule'; readonly rate: string };

/** Table access a function needs. `Scan` and PartiQL are never granted (SECURITY.md §4). */
export type TableAccess = 'none' | 'read' | 'read-write';

/** The least-privilege permission set of one function, turned into IAM by CDK. */
export interface Permissions {
  readonly table: TableAccess;
  readonly sendTo?: readonly QueueId[];
  /** Post to and delete WebSocket connections through the API Gateway Management API. */
  readonly manageConnections?: boolean;
  readonly bucket?: 'read' | 'read-write';
  readonly bedrock?: boolean;
  /** Read or write the knowledge search index (OpenSearch in AWS). */
  readonly search?: 'read' | 'read-write';
  /** Calls Bedrock's reranker (with `bedrock` and `search`): retrieval when a tenant turns reranking on. */
  readonly rerank?: boolean;
  /**
   * Channel secrets (Secrets Manager in AWS): `read` the per-inbox credentials under
   * `<prefix>/inbox/*` and the platform's provider secrets; `read-write` also creates and updates
   * per-inbox credentials (inbox set-up).
   */
  readonly channelSecrets?: 'read' | 'read-write';
}

/** One Lambda function. */
export interface FunctionSpec {
  /** kebab-case; also the file name under `functions/`. */
  readonly name: string;
  /** Path from the repository root to the file that exports `handler`. */
  readonly entry: `functions/${string}.ts`;
  readonly description: string;
  readonly trigger: Trigger;
  readonly permissions: Permissions;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /**
   * Native addons the function loads (external to the bundle, see infra/bundling.ts), installed
   * into its asset for Lambda's platform.
   */
  readonly nativeModules?: readonly string[];
}

/** The single table. */
export const table: TableSpec = {
  name: 'main',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  ttlAttribute: 'ttl',
  stream: 'NEW_AND_OLD_IMAGES',
} as const;

/** The queues. Consumers are the functions whose trigger names the queue. */
export const queues: Readonly<Record<QueueId, QueueSpec>> = {
  aiJobs: {
    name: 'ai-jobs',
    fifo: true,
    visibilityTimeoutSeconds: 6 * 60,
    maxReceiveCount: 5,
    retentionDays: 4,
    urlEnv: 'SWITCHBOARD_AI_QUEUE_URL',
  },
  outbound: {
    name: 'outbound',
    fifo: true,
    visibilityTimeoutSeconds: 6 * 30,
    maxReceiveCount: 5,
    retentionDays: 4,
    urlEnv: 'SWITCHBOARD_OUTBOUND_QUEUE_URL',
  },
  knowledge: {
    name: 'knowledge-index',
    fifo: false,
    visibilityTimeoutSeconds: 6 * 120,
    maxReceiveCount: 5,
    retentionDays: 4,
    urlEnv: 'SWITCHBOARD_KNOWLEDGE_QUEUE_URL',
  },
} as const;

/** agent-api routes owned by the AUTH helper: sign-in, MFA, invitations, realtime ticket (docs/API.md "Auth"). */
export const agentAuthRoutes: readonly HttpRouteKey[] = [
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/mfa/verify',
  'POST /api/v1/auth/mfa/setup',
  'POST /api/v1/auth/mfa/enable',
  'POST /api/v1/auth/mfa/disable',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/invitations/accept',
  'POST /api/v1/realtime/ticket',
];

/** agent-api routes owned by the AUTH helper: agents, availability, the account (docs/API.md "Team"). */
export const agentTeamRoutes: readonly HttpRouteKey[] = [
  'GET /api/v1/agents',
  'POST /api/v1/agents/invitations',
  'PATCH /api/v1/agents/{agentId}',
  'PUT /api/v1/agents/me/availability',
  'GET /api/v1/account',
  'PATCH /api/v1/account',
];

/** agent-api routes owned by the lead: the OpenAPI document and its docs page. */
export const agentMetaRoutes: readonly HttpRouteKey[] = ['GET /api/v1/openapi.json', 'GET /api/v1/docs'];

/** agent-api routes owned by the CONVERSATIONS helper: inboxes, conversations, contacts, teams. */
export const agentConversationRoutes: readonly HttpRouteKey[] = [
  'GET /api/v1/inboxes',
  'GET /api/v1/conversations',
  'GET /api/v1/conversations/counts',
  'GET /api/v1/conversations/{conversationId}',
  'GET /api/v1/conversations/{conversationId}/messages',
  'POST /api/v1/conversations/{conversationId}/messages',
  'POST /api/v1/conversations/{conversationId}/assign',
  'POST /api/v1/conversations/{conversationId}/status',
  'POST /api/v1/conversations/{conversationId}/priority',
  'POST /api/v1/conversations/{conversationId}/read',
  'GET /api/v1/contacts/{contactId}',
  'GET /api/v1/contacts/{contactId}/conversations',
  'GET /api/v1/teams',
  'POST /api/v1/teams',
];

/** agent-api routes owned by the WIDGET helper: admins' widget set-up (docs/API.md "Widget settings"). */
export const agentInboxRoutes: readonly HttpRouteKey[] = [
  'GET /api/v1/inboxes/{inboxId}/widget',
  'PATCH /api/v1/inboxes/{inboxId}/widget',
  'POST /api/v1/inboxes/{inboxId}/widget/rotate-secret',
];

/** webhooks routes (CORE; bindings by the TWILIO, META and SENDGRID helpers): providers' inbound webhooks (docs/CHANNELS.md). */
export const webhookRoutes: readonly HttpRouteKey[] = [
  'POST /webhooks/twilio/{inboxId}',
  'POST /webhooks/twilio/{inboxId}/status',
  'POST /webhooks/twilio/{inboxId}/voice',
  'GET /webhooks/meta',
  'POST /webhooks/meta',
  'POST /webhooks/sendgrid/{inboxId}/{secret}',
  'POST /webhooks/sendgrid/events',
];

/** agent-api routes owned by CORE (channels): inbox set-up, test message, failed-send retry, channel state (docs/API.md "Channels"). */
export const agentChannelRoutes: readonly HttpRouteKey[] = [
  'POST /api/v1/inboxes',
  'GET /api/v1/inboxes/{inboxId}/setup',
  'POST /api/v1/inboxes/{inboxId}/test-message',
  'POST /api/v1/conversations/{conversationId}/messages/{messageId}/retry',
  'GET /api/v1/conversations/{conversationId}/channel-state',
];

/** agent-api routes of the knowledge base: sources, re-index, test search (docs/API.md "Knowledge"). */
export const agentKnowledgeRoutes: readonly HttpRouteKey[] = [
  'GET /api/v1/knowledge/sources',
  'POST /api/v1/knowledge/sources',
  'GET /api/v1/knowledge/sources/{sourceId}',
  'PUT /api/v1/knowledge/sources/{sourceId}',
  'POST /api/v1/knowledge/sources/{sourceId}/reindex',
  'DELETE /api/v1/knowledge/sources/{sourceId}',
  'GET /api/v1/knowledge/search',
];

/** agent-api routes of AI settings, costs, notifications and unresolved problems (docs/API.md "AI settings and costs", "Problems"). */
export const agentAiRoutes: readonly HttpRouteKey[] = [
  'GET /api/v1/ai/settings',
  'PUT /api/v1/ai/settings',
  'GET /api/v1/ai/costs',
  'GET /api/v1/ai/costs/conversations',
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/{notificationId}/read',
  'GET /api/v1/problems',
  'GET /api/v1/problems/{problemId}',
  'POST /api/v1/problems/{problemId}/draft',
  'POST /api/v1/problems/{problemId}/approve',
  'POST /api/v1/problems/{problemId}/resolve',
];

/** agent-api routes of the hand-off: take over from the bot, return to the bot (docs/API.md "Hand-off"). */
export const agentHandoffRoutes: readonly HttpRouteKey[] = [
  'POST /api/v1/conversations/{conversationId}/handoff',
];

/** widget-api routes (the WIDGET helper's): config, visitor sessions, conversations, attachments, realtime ticket. */
export const widgetRoutes: readonly HttpRouteKey[] = [
  'GET /widget/v1/config',
  'POST /widget/v1/sessions',
  'GET /widget/v1/conversations',
  'POST /widget/v1/conversations',
  'GET /widget/v1/conversations/{conversationId}/messages',
  'POST /widget/v1/conversations/{conversationId}/messages',
  'POST /widget/v1/conversations/{conversationId}/read',
  'POST /widget/v1/attachments',
  'POST /widget/v1/realtime/ticket',
];

/**
 * Every function of the system. A function that is not built yet is absent (not stubbed);
 * docs/ARCHITECTURE.md lists the ones later issues add.
 */
export const functions: readonly FunctionSpec[] = [
  {
    name: 'ws-authorizer',
    entry: 'functions/ws-authorizer.ts',
    description: 'Authorizes a WebSocket $connect with a single-use ticket and an allowed Origin.',
    trigger: { kind: 'websocket-authorizer', identitySource: 'ticket' },
    permissions: { table: 'read-write' },
    memoryMb: 512,
    timeoutSeconds: 5,
  },
  {
    name: 'ws',
    entry: 'functions/ws.ts',
    description: 'WebSocket connect, subscribe/unsubscribe to topics, ping, disconnect.',
    trigger: { kind: 'websocket', routes: ['$connect', '$disconnect', '$default'] },
    permissions: { table: 'read-write', manageConnections: true },
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  {
    name: 'realtime-fanout',
    entry: 'functions/realtime-fanout.ts',
    description: 'Pushes table-stream changes (conversations, messages, agents\' presence, knowledge sources\' indexing status) to the WebSocket connections subscribed to them.',
    trigger: { kind: 'table-stream', batchSize: 100, maxBatchingWindowSeconds: 0, entities: ['Conversation', 'Message', 'Connection', 'Agent', 'KnowledgeSource', 'Notification'] },
    permissions: { table: 'read-write', manageConnections: true },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  {
    name: 'scheduler',
    entry: 'functions/scheduler.ts',
    description: 'Every minute: wakes snoozed conversations whose time has come.',
    trigger: { kind: 'schedule', rate: 'rate(1 minute)' },
    permissions: { table: 'read-write' },
    memoryMb: 512,
    timeoutSeconds: 50,
  },
  {
    name: 'agent-api',
    entry: 'functions/agent-api.ts',
    description: "The agents' HTTP API: sign-in and MFA, the team, inboxes and conversations, the OpenAPI document.",
    trigger: { kind: 'http', routes: [...agentAuthRoutes, ...agentTeamRoutes, ...agentConversationRoutes, ...agentInboxRoutes, ...agentChannelRoutes, ...agentKnowledgeRoutes, ...agentAiRoutes, ...agentHandoffRoutes, ...agentMetaRoutes] },
    // manageConnections: logout and disabling an agent close the agent's WebSockets.
    // sendTo outbound + channelSecrets: replies on non-web channels are queued; inbox set-up stores credentials.
    // sendTo knowledge + aiJobs, bedrock, search: knowledge sources are indexed by a queued job, problems' fix drafts are
    // queued for the AI, the agents' test search embeds its query and searches every visibility, and deleting (or
    // withdrawing to internal) a source removes its chunks at once.
    permissions: { table: 'read-write', manageConnections: true, sendTo: ['outbound', 'knowledge', 'aiJobs'], channelSecrets: 'read-write', bucket: 'read-write', bedrock: true, search: 'read-write', rerank: true },
    memoryMb: 1024,
    timeoutSeconds: 10,
    nativeModules: ['@node-rs/argon2'],
  },
  {
    name: 'widget-api',
    entry: 'functions/widget-api.ts',
    description: 'The chat widget\'s HTTP API: configuration, visitor sessions, conversations, messages, attachment uploads, realtime tickets.',
    trigger: { kind: 'http', routes: widgetRoutes },
    // bucket read-write: presigned PUT URLs are signed with this function's role.
    // sendTo aiJobs: every customer message queues an AI turn.
    permissions: { table: 'read-write', bucket: 'read-write', sendTo: ['aiJobs'] },
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  {
    name: 'webhooks',
    entry: 'functions/webhooks.ts',
    description: "Providers' inbound webhooks (Twilio, Meta, SendGrid): verify the signature, store the message once, enqueue the AI job, answer fast.",
    trigger: { kind: 'http', routes: webhookRoutes },
    // bucket: email attachments are stored by the webhook; channelSecrets: per-inbox tokens verify signatures.
    permissions: { table: 'read-write', sendTo: ['aiJobs'], bucket: 'read-write', channelSecrets: 'read' },
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  {
    name: 'outbound-sender',
    entry: 'functions/outbound-sender.ts',
    description: 'Sends outgoing messages through their channel\'s provider (FIFO, one group per conversation) with retries, backoff and receipts.',
    trigger: { kind: 'queue', queue: 'outbound', batchSize: 10 },
    // bucket read: presigned media URLs for attachments.
    permissions: { table: 'read-write', bucket: 'read', channelSecrets: 'read' },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  {
    name: 'ai-responder',
    entry: 'functions/ai-responder.ts',
    description: 'The AI turn: one answer per burst of customer messages, grounded in the tenant\'s knowledge, routed by complexity and budget, streamed to the widget, costed; hand-off to people. Also drafts knowledge fixes for unresolved problems.',
    trigger: { kind: 'queue', queue: 'aiJobs', batchSize: 5 },
    // manageConnections: tokens stream to the widget; sendTo outbound: answers on messaging channels;
    // bucket read: image attachments for the vision model; search read + bedrock: retrieval and the models.
    permissions: { table: 'read-write', manageConnections: true, sendTo: ['outbound', 'aiJobs'], bucket: 'read', bedrock: true, search: 'read', rerank: true },
    memoryMb: 1024,
    timeoutSeconds: 60,
  },
  {
    name: 'knowledge-indexer',
    entry: 'functions/knowledge-indexer.ts',
    description: 'Indexes knowledge sources: extracts text (Markdown, HTML, PDF, FAQ), chunks under headings, embeds and writes the chunks to the search index; re-index replaces, delete removes.',
    trigger: { kind: 'queue', queue: 'knowledge', batchSize: 5 },
    permissions: { table: 'read-write', bucket: 'read', bedrock: true, search: 'read-write' },
    memoryMb: 1024,
    timeoutSeconds: 120,
  },
] as const;

/** The environment variables every function receives (besides the queue URLs above). */
export const functionEnv = {
  table: 'SWITCHBOARD_TABLE_NAME',
  bucket: 'SWITCHBOARD_ATTACHMENTS_BUCKET',
  wsEndpoint: 'SWITCHBOARD_WS_ENDPOINT',
  allowedOrigins: 'SWITCHBOARD_ALLOWED_ORIGINS',
  logLevel: 'SWITCHBOARD_LOG_LEVEL',
  /** The app secret every signing and encryption key is derived from (Secrets Manager). */
  appSecretArn: 'SWITCHBOARD_APP_SECRET_ARN',
  // --- channels (CORE) ---
  /** The HTTP API's public URL: inboxes' webhook URLs are built from it. */
  publicUrl: 'SWITCHBOARD_PUBLIC_URL',
  /** `secrets-manager` in AWS: per-inbox credentials are secrets under `<secretsPrefix>/inbox/`. */
  credentialsStore: 'SWITCHBOARD_CREDENTIALS_STORE',
  secretsPrefix: 'SWITCHBOARD_SECRETS_PREFIX',
  /** The platform's provider secrets (infra/constructs/secrets.ts). */
  metaSecretArn: 'SWITCHBOARD_META_SECRET_ARN',
  sendgridSecretArn: 'SWITCHBOARD_SENDGRID_SECRET_ARN',
  // --- search (SEARCH): set for functions with a `search` permission ---
  /** The OpenSearch collection or domain endpoint (https). */
  searchEndpoint: 'SWITCHBOARD_OPENSEARCH_ENDPOINT',
  /** `aoss` (Serverless collection) or `es` (managed domain): the SigV4 service name. */
  searchService: 'SWITCHBOARD_OPENSEARCH_SERVICE',
  searchIndex: 'SWITCHBOARD_OPENSEARCH_INDEX',
} as const;

/** Finds a function by name, for tests and tooling. */
export function functionByName(name: string): FunctionSpec {
  const spec = functions.find((f) => f.name === name);
  if (!spec) throw new Error(`No function named "${name}" in infra/manifest.ts`);
  return spec;
}
