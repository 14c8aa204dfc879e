/**
 * The stateless stack — layer: infra (CDK stacks).
 *
 * One Lambda function per manifest entry, each with its own least-privilege role, wired to its
 * trigger: the HTTP API (only when some function has routes), the WebSocket API, queue and
 * table-stream event sources, schedules. Nothing here holds data that a redeploy would lose.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ApiGatewayAccountLogging } from '../constructs/api-access-logs.js';
import { attachQueueTrigger, attachSchedule, attachTableStreamTrigger } from '../constructs/event-triggers.js';
import {
  grantBedrockInvoke,
  grantBedrockRerank,
  grantBucketObjects,
  grantInboxSecrets,
  grantManageConnections,
  grantSearch,
  grantSendMessage,
  grantTable,
  searchAccessOf,
} from '../constructs/grants.js';
import { HttpGateway } from '../constructs/http-gateway.js';
import { ManifestFunction } from '../constructs/manifest-function.js';
import type { PhysicalNames } from '../constructs/naming.js';
import { createSearchDataAccessPolicy, type SearchGrant } from '../constructs/search-access.js';
import { WebSocketGateway, webSocketStageName } from '../constructs/websocket-gateway.js';
import { WebHosting } from '../constructs/web-hosting.js';
import { functionEnv, queues, type FunctionSpec, type QueueId } from '../manifest.js';
import type { StatefulResources } from './stateful-stack.js';
import type { LogLevel } from './settings.js';

/** The one index every tenant's knowledge chunks live in (created by the first write). */
export const searchIndexName = 'knowledge';

/** Retention of function and API access logs. */
const logRetention = RetentionDays.ONE_MONTH;

/** Stage throttling: far above a helpdesk's traffic, low enough to cap a runaway client's bill. */
const apiThrottle = { rateLimit: 500, burstLimit: 1000 };

/** Raised when the manifest's functions cannot be wired as stated. */
export class InvalidManifestError extends Error {
  override readonly name = 'InvalidManifestError';
}

/** Properties of {@link StatelessStack}. */
export interface StatelessStackProps extends StackProps {
  readonly names: PhysicalNames;
  readonly resources: StatefulResources;
  /** The functions to deploy; the manifest's in the app, a variant in tests. */
  readonly functions: readonly FunctionSpec[];
  /** The repository root (function entries and package-lock.json). */
  readonly projectRoot: string;
  readonly allowedOrigins: readonly string[];
  readonly logLevel: LogLevel;
  readonly manageApiGatewayLogsRole: boolean;
  /** The built web apps, hosted on S3 + CloudFront in front of the HTTP API. */
  readonly webAssetsDir: string;
}

/** Functions, APIs, event sources and schedules. */
export class StatelessStack extends Stack {
  /** The deployed functions by manifest name. */
  readonly functions: ReadonlyMap<string, ManifestFunction>;
  readonly webSocket: WebSocketGateway;
  /** Absent when no manifest function has HTTP routes. */
  readonly http: HttpGateway | undefined;
  /** The dashboard and widget hosting (with the HTTP API behind it); absent without an HTTP API. */
  readonly web: WebHosting | undefined;
  /** Per-inbox secrets live under `<prefix>/inbox/` (SWITCHBOARD_SECRETS_PREFIX). */
  private readonly secretsPrefix: string;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { resources, names } = props;
    this.secretsPrefix = names.prefix;
    assertUniqueNames(props.functions);

    const accountLogging = props.manageApiGatewayLogsRole ? new ApiGatewayAccountLogging(this, 'ApiGatewayAccountLogging') : undefined;
    this.webSocket = new WebSocketGateway(this, 'WebSocket', {
      apiName: `${names.prefix}-realtime`,
      logRetention,
      throttle: apiThrottle,
      ...(accountLogging ? { accountLogging: accountLogging.account } : {}),
    });

    const environment: Record<string, string> = {
      [functionEnv.table]: resources.table.tableName,
      [functionEnv.bucket]: resources.attachments.bucketName,
      [functionEnv.wsEndpoint]: this.webSocket.stage.callbackUrl,
      [functionEnv.allowedOrigins]: props.allowedOrigins.join(','),
      [functionEnv.logLevel]: props.logLevel,
      [functionEnv.appSecretArn]: resources.secrets.app.secretArn,
      // Channels: per-inbox credentials in Secrets Manager, the platform's provider secrets.
      [functionEnv.credentialsStore]: 'secrets-manager',
      [functionEnv.secretsPrefix]: names.prefix,
      [functionEnv.metaSecretArn]: resources.secrets.meta.secretArn,
      [functionEnv.sendgridSecretArn]: resources.secrets.sendgrid.secretArn,
      ...Object.fromEntries((Object.keys(queues) as QueueId[]).map((queueId) => [queues[queueId].urlEnv, resources.queues[queueId].queueUrl])),
    };

    const deployed = new Map<string, ManifestFunction>();
    const searchGrants: SearchGrant[] = [];
    for (const spec of props.functions) {
      const fn = new ManifestFunction(this, `Fn-${spec.name}`, { spec, projectRoot: props.projectRoot, environment, logRetention });
      deployed.set(spec.name, fn);
      this.grantPermissions(fn, spec, resources, searchGrants);
    }
    this.functions = deployed;
    createSearchDataAccessPolicy(this, 'SearchDataAccess', resources.search, searchGrants);

    const httpFunctions = props.functions.filter((spec) => spec.trigger.kind === 'http');
    this.http = httpFunctions.length > 0
      ? new HttpGateway(this, 'Http', { apiName: `${names.prefix}-http`, allowedOrigins: props.allowedOrigins, logRetention, throttle: apiThrottle })
      : undefined;
    if (this.http) {
      // Webhook URLs (stored on each inbox at creation; Twilio signs the exact URL) are the HTTP API's.
      const publicUrl = this.http.stage.url;
      for (const fn of deployed.values()) fn.function.addEnvironment(functionEnv.publicUrl, publicUrl);
    }
    this.wireWebSocket(props.functions);
    for (const spec of props.functions) this.wireTrigger(spec, resources);

    if (this.http) {
      new CfnOutput(this, 'HttpApiUrl', { value: this.http.stage.url, description: 'Base URL of the HTTP API' });
      this.web = new WebHosting(this, 'Web', { assetsDir: props.webAssetsDir, httpApiId: this.http.api.apiId });
      new CfnOutput(this, 'DashboardUrl', { value: `https://${this.web.distribution.distributionDomainName}/`, description: 'The dashboard; add this origin to the allowedOrigins context' });
    }
    new CfnOutput(this, 'WebSocketUrl', { value: this.webSocket.stage.url, description: 'wss:// URL clients connect to (with ?ticket=…)' });
  }

  private fn(name: string): ManifestFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new InvalidManifestError(`No deployed function "${name}"`);
    return fn;
  }

  private grantPermissions(fn: ManifestFunction, spec: FunctionSpec, resources: StatefulResources, searchGrants: SearchGrant[]): void {
    const { permissions } = spec;
    // Every function derives its signing keys (cursors, tickets, visitor tokens) from the app secret.
    resources.secrets.app.grantRead(fn.role);
    grantTable(fn.role, { tableArn: resources.table.tableArn, indexNames: resources.tableIndexNames }, permissions.table);
    grantSendMessage(fn.role, (permissions.sendTo ?? []).map((queueId) => resources.queues[queueId]));
    if (permissions.manageConnections) grantManageConnections(fn.role, this.webSocket.api, webSocketStageName, fn);
    if (permissions.bucket) grantBucketObjects(fn.role, resources.attachments.objectsArn, permissions.bucket, fn);
    if (permissions.bedrock) grantBedrockInvoke(fn.role, fn);
    if (permissions.channelSecrets) {
      grantInboxSecrets(fn.role, this.secretsPrefix, permissions.channelSecrets, fn);
      resources.secrets.meta.grantRead(fn.role);
      resources.secrets.sendgrid.grantRead(fn.role);
    }
    const search = searchAccessOf(permissions);
    if (search) {
      grantSearch(fn.role, resources.search, search, fn);
      searchGrants.push({ role: fn.role, access: search });
      // Where the knowledge index is (shared/runtime/config.ts "search" block).
      fn.function.addEnvironment(functionEnv.searchEndpoint, resources.search.endpoint);
      fn.function.addEnvironment(functionEnv.searchService, resources.search.mode === 'serverless' ? 'aoss' : 'es');
      fn.function.addEnvironment(functionEnv.searchIndex, searchIndexName);
    }
    // Retrieval (a Bedrock user that searches the index: the AI turn, the agents' test search) may
    // rerank when a tenant turns it on; the indexer (no `rerank` flag) never does.
    if (permissions.bedrock && search !== undefined && permissions.rerank === true) grantBedrockRerank(fn.role, fn);
  }

  /** `$connect` needs the ticket authorizer; an authorizer without `$connect` guards nothing. */
  private wireWebSocket(functions: readonly FunctionSpec[]): void {
    const authorizers = functions.filter((spec) => spec.trigger.kind === 'websocket-authorizer');
    if (authorizers.length > 1) throw new InvalidManifestError('Only one websocket-authorizer function can guard $connect');
    const authorizer = authorizers[0];
    const served = new Set<string>();
    for (const spec of functions) {
      if (spec.trigger.kind !== 'websocket') continue;
      for (const routeKey of spec.trigger.routes) {
        if (served.has(routeKey)) throw new InvalidManifestError(`WebSocket route ${routeKey} is served by two functions`);
        served.add(routeKey);
        if (routeKey === '$connect') {
          if (!authorizer) throw new InvalidManifestError(`Function "${spec.name}" serves $connect but no websocket-authorizer function exists`);
          this.webSocket.addConnectRoute(this.fn(spec.name).function, this.fn(authorizer.name).function);
        } else {
          this.webSocket.addConnectionRoute(routeKey, this.fn(spec.name).function);
        }
      }
    }
    if (authorizer && !served.has('$connect')) {
      throw new InvalidManifestError(`Function "${authorizer.name}" authorizes $connect but no websocket function serves $connect`);
    }
  }

  private wireTrigger(spec: FunctionSpec, resources: StatefulResources): void {
    const fn = this.fn(spec.name);
    const { trigger } = spec;
    switch (trigger.kind) {
      case 'http':
        this.http?.addFunctionRoutes(spec.name, fn.function, trigger.routes);
        return;
      case 'queue':
        attachQueueTrigger(fn, spec, trigger, resources.queues[trigger.queue], queues[trigger.queue]);
        return;
      case 'table-stream':
        attachTableStreamTrigger(fn, spec, trigger, resources.table);
        return;
      case 'schedule':
        attachSchedule(fn, spec, trigger.rate);
        return;
      case 'websocket':
      case 'websocket-authorizer':
        // Wired together by wireWebSocket: a $connect route needs both functions.
        return;
    }
  }
}

function assertUniqueNames(functions: readonly FunctionSpec[]): void {
  const seen = new Set<string>();
  for (const spec of functions) {
    if (seen.has(spec.name)) throw new InvalidManifestError(`Two functions are named "${spec.name}"`);
    seen.add(spec.name);
  }
}
