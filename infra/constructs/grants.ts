/**
 * Least-privilege grants — layer: infra (CDK constructs).
 *
 * Turns a manifest function's `permissions` into IAM statements, action by action, instead of the
 * CDK `grant*` helpers: `table.grantReadData` includes `dynamodb:Scan`, and SECURITY.md §4
 * forbids Scan and PartiQL for every function (an IAM `LeadingKeys` condition passes a request
 * that carries no key, so tenant isolation cannot rest on conditions).
 *
 * Wildcards remain only where a resource is open-ended by nature (object keys, connection ids,
 * model ids, HTTP paths); each is acknowledged for cdk-nag with its reason, next to the grant.
 */
import { Aws } from 'aws-cdk-lib';
import type { WebSocketApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import type { Permissions, TableAccess } from '../manifest.js';
import { acknowledge, acknowledgeWildcardResource } from './nag.js';
import type { SearchEndpoint } from './search.js';

/** Item reads the repositories use: point reads and key-condition queries. */
export const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * Item writes. Transactions need no action of their own: `TransactWriteItems` is authorized
 * per item by these actions.
 */
export const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** Never granted, to any function (SECURITY.md §4). Tests assert their absence. */
export const forbiddenTableActions = /^dynamodb:(\*|Scan|PartiQL.*)$/;

/** Access to the search index; functions declare it as `permissions.search`. */
export type SearchAccess = 'read' | 'read-write';

/**
 * The manifest's permissions with search access. Until `Permissions` in infra/manifest.ts
 * declares `search`, this is where the field is named; once it does, the intersection adds
 * nothing and no code here changes.
 */
export type PermissionsWithSearch = Permissions & { readonly search?: SearchAccess };

/** The search access a function declares, if any. */
export function searchAccessOf(permissions: Permissions): SearchAccess | undefined {
  const withSearch: PermissionsWithSearch = permissions;
  return withSearch.search;
}

/** The table as IAM sees it. */
export interface TableGrantTarget {
  readonly tableArn: string;
  readonly indexNames: readonly string[];
}

/**
 * Grants item reads on the table and each named index (never `index/*`), and for `read-write`
 * item writes on the table (indexes are not writable).
 */
export function grantTable(role: IRole, table: TableGrantTarget, access: TableAccess): void {
  if (access === 'none') return;
  const indexArns = table.indexNames.map((name) => `${table.tableArn}/index/${name}`);
  role.addToPrincipalPolicy(new PolicyStatement({ actions: [...tableReadActions], resources: [table.tableArn, ...indexArns] }));
  if (access === 'read-write') {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: [...tableWriteActions], resources: [table.tableArn] }));
  }
}

/** Grants `sqs:SendMessage` only (no receive, no delete) on the given queues. */
export function grantSendMessage(role: IRole, targets: readonly IQueue[]): void {
  if (targets.length === 0) return;
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: targets.map((q) => q.queueArn) }));
}

/** Grants writing to the function's own log group (instead of AWSLambdaBasicExecutionRole). */
export function grantOwnLogs(role: IRole, logGroup: ILogGroup): void {
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
}

/**
 * Grants the API Gateway Management API calls on one WebSocket stage: post to, read and delete
 * connections. `acknowledgeOn` is the construct that owns the role's policy.
 */
export function grantManageConnections(role: IRole, api: WebSocketApi, stageName: string, acknowledgeOn: IConstruct): void {
  const resources = ['POST', 'GET', 'DELETE'].map((method) => api.arnForExecuteApiV2(`${method}/@connections/*`, stageName));
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['execute-api:ManageConnections'], resources }));
  for (const arn of resources) {
    acknowledgeWildcardResource(
      acknowledgeOn,
      arn,
      'Connection ids are created at runtime; the grant is limited to the @connections path of this API and stage, for one HTTP method.',
    );
  }
}

/** Grants object reads (and for `read-write` writes and deletes) under the attachments bucket. */
export function grantBucketObjects(role: IRole, objectsArn: string, access: 'read' | 'read-write', acknowledgeOn: IConstruct): void {
  const actions = access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];
  role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [objectsArn] }));
  acknowledgeWildcardResource(
    acknowledgeOn,
    objectsArn,
    'Object keys are per tenant and per attachment, created at runtime; the grant covers object actions in the attachments bucket only, never bucket-level actions.',
  );
}

/** The Bedrock invocation actions (Converse and ConverseStream are authorized by these two). */
export const bedrockInvokeActions = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const;

/**
 * Grants invoking (and streaming from) Bedrock models: foundation models in the stack's region
 * (the embedder), the system-defined cross-Region inference profiles of this account and region
 * (the Nova and Claude tiers are called through `eu.` / `us.` / `apac.` profiles, see
 * shared/domain/ai-models.ts), and the foundation models in the profiles' destination Regions —
 * only when the call comes through one of those profiles (`bedrock:InferenceProfileArn`).
 */
export function grantBedrockInvoke(role: IRole, acknowledgeOn: IConstruct): void {
  const models = `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/*`;
  const profiles = `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}:${Aws.ACCOUNT_ID}:inference-profile/*`;
  const destinationModels = `arn:${Aws.PARTITION}:bedrock:*::foundation-model/*`;
  role.addToPrincipalPolicy(new PolicyStatement({ actions: [...bedrockInvokeActions], resources: [models, profiles] }));
  role.addToPrincipalPolicy(new PolicyStatement({
    actions: [...bedrockInvokeActions],
    resources: [destinationModels],
    conditions: { StringLike: { 'bedrock:InferenceProfileArn': profiles } },
  }));
  acknowledgeWildcardResource(
    acknowledgeOn,
    models,
    'The model is chosen per turn by cost-aware routing and the tenant policy (DESIGN.md §2); the grant is limited to invoking foundation models in this region.',
  );
  acknowledgeWildcardResource(
    acknowledgeOn,
    profiles,
    'Routing picks a tier per turn and each tier is a system-defined cross-Region inference profile named after its model; the grant covers invoking this account\'s profiles in this region only.',
  );
  acknowledgeWildcardResource(
    acknowledgeOn,
    destinationModels,
    'A cross-Region inference profile routes to the same model in any destination Region of its geography; the statement is conditioned on bedrock:InferenceProfileArn, so it works only through this region\'s profiles.',
  );
}

/**
 * Grants Amazon Rerank (bedrock-agent-runtime `Rerank`) to the functions that retrieve knowledge:
 * `bedrock:Rerank` has no resource type (it is granted on `*`), and the reranker model is invoked
 * in the Bedrock region configured for it (Rerank 1.0 runs in a few Regions only), so the
 * invocation is granted on that one model id in any Region.
 */
export function grantBedrockRerank(role: IRole, acknowledgeOn: IConstruct): void {
  const rerankModel = `arn:${Aws.PARTITION}:bedrock:*::foundation-model/amazon.rerank-v1:0`;
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['bedrock:Rerank'], resources: ['*'] }));
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [rerankModel] }));
  acknowledge(
    acknowledgeOn,
    'IAM5[Resource::*]',
    'bedrock:Rerank supports no resource-level permissions (IAM requires *); the action only scores passages the function sends, and the model it may invoke is limited to amazon.rerank-v1:0 by the statement beside it.',
  );
  acknowledgeWildcardResource(
    acknowledgeOn,
    rerankModel,
    'Amazon Rerank 1.0 runs in a few Regions only, so the function calls it in the Bedrock region configured for it; the grant names this one model.',
  );
}

/**
 * Grants the search resource at the IAM layer. Serverless: `aoss:APIAccessAll` on the collection
 * (what each principal may do inside it is the data access policy's job). Domain: the HTTP verbs
 * the access level needs, on the domain's paths.
 */
export function grantSearch(role: IRole, search: SearchEndpoint, access: SearchAccess, acknowledgeOn: IConstruct): void {
  if (search.mode === 'serverless') {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['aoss:APIAccessAll'], resources: [search.iamResource] }));
    return;
  }
  // Queries are POSTs (_search, _msearch), so reading needs POST too.
  const read = ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost'];
  const actions = access === 'read' ? read : [...read, 'es:ESHttpPut', 'es:ESHttpPatch', 'es:ESHttpDelete'];
  role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [search.iamResource] }));
  acknowledgeWildcardResource(
    acknowledgeOn,
    search.iamResource,
    'OpenSearch authorizes HTTP paths (indexes, _search, _bulk) under the domain ARN; the grant names this domain only.',
  );
}

/**
 * Channels: per-inbox credentials are Secrets Manager secrets named
 * `<prefix>/inbox/<accountId>/<inboxId>`, created at runtime by the inbox set-up. `read` grants
 * `GetSecretValue` on that path only; `read-write` also creates and updates secrets there (never
 * deletes, never lists, never touches another path).
 */
export function grantInboxSecrets(role: IRole, secretsPrefix: string, access: 'read' | 'read-write', acknowledgeOn: IConstruct): void {
  const inboxSecrets = `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${secretsPrefix}/inbox/*`;
  const actions = access === 'read-write'
    ? ['secretsmanager:GetSecretValue', 'secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue']
    : ['secretsmanager:GetSecretValue'];
  role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [inboxSecrets] }));
  acknowledgeWildcardResource(
    acknowledgeOn,
    inboxSecrets,
    'Inbox credentials are one secret per inbox, created when a tenant connects a channel; the grant is limited to this deployment\'s inbox/ path, with no list or delete.',
  );
}
