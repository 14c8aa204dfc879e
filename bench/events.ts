/**
 * Representative first events per function — layer: bench (tooling).
 *
 * A cold start is timed up to the end of the first call, so each function gets an event that
 * walks its ordinary path against real local backends:
 * - `ws-authorizer`: a `$connect` REQUEST authorizer event with a real ticket, issued per run
 *   through the ticket service (tickets are single-use), consumed with a conditional delete;
 * - `ws`: a `$default` ping frame from an authorized agent; the pong goes to the Management API;
 * - `realtime-fanout`: a stream batch with one Message INSERT (NewImage built by the same item
 *   mapper the repository writes with) for a conversation nobody is subscribed to, so the call
 *   queries the subscribers and finds none.
 * Each invocation carries a check of the result, so a run that "succeeds" by failing is caught.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayRequestAuthorizerEvent, DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { messageKey } from '../shared/adapters/dynamodb/keys.js';
import { messageToItem } from '../shared/adapters/dynamodb/item-mappers.js';
import type { Message, Principal } from '../shared/domain/entities.js';
import type { Container } from '../shared/runtime/container.js';

/** The account of the local ARNs (as DynamoDB Local and the laptop gateway use). */
const localAccountId = '000000000000';
const apiId = 'benchapi01';
const stage = 'production';

/** One call of a function: its event and a check of what it returned. */
export interface BenchInvocation {
  readonly event: unknown;
  /** Undefined when the result is what the path should return; otherwise what is wrong. */
  check(result: unknown): string | undefined;
}

/** Produces a fresh invocation per measured run. */
export interface FunctionFixture {
  next(): Promise<BenchInvocation>;
}

/** What the fixtures need from the running system. */
export interface FixtureDeps {
  readonly region: string;
  /** An Origin the configuration allows. */
  readonly origin: string;
  /** Issues a real connect ticket (the ticket service of the container). */
  issueTicket(input: { accountId: string; principal: Principal; origin: string }): Promise<string>;
  /** How many frames the Management API endpoint has received so far (the pong must arrive). */
  managementPosts(): number;
  /** A signed-in agent's session token and its web inbox's widget token (one tenant, signed up once). */
  readonly tenant: { readonly sessionToken: string; readonly widgetToken: string };
}

/** An HTTP API (payload 2.0) GET event, as API Gateway sends it to agent-api and widget-api. */
function httpGetEvent(input: { routeKey: string; path: string; query?: Record<string, string>; headers?: Record<string, string> }) {
  const rawQueryString = new URLSearchParams(input.query ?? {}).toString();
  return {
    version: '2.0', routeKey: input.routeKey, rawPath: input.path, rawQueryString,
    headers: { host: 'bench', 'x-forwarded-proto': 'https', ...input.headers },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    requestContext: {
      accountId: localAccountId, apiId, domainName: 'bench', domainPrefix: 'bench', requestId: randomUUID(), routeKey: input.routeKey, stage: '$default',
      time: '', timeEpoch: Date.now(), http: { method: 'GET', path: input.path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'bench' },
    },
    isBase64Encoded: false,
  };
}

/** An API Gateway WebSocket connection id (base64 of 10 random bytes, like `Ls1s2cXXIAMCJfw=`). */
export function connectionId(): string {
  return randomBytes(10).toString('base64');
}

/** The REQUEST authorizer event API Gateway sends on a WebSocket `$connect`. */
export function authorizerEvent(input: { ticket: string; origin: string; region: string; now?: number }): APIGatewayRequestAuthorizerEvent {
  const now = input.now ?? Date.now();
  const domainName = `${apiId}.execute-api.${input.region}.amazonaws.com`;
  const headers = { Host: domainName, Origin: input.origin, 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') };
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:${input.region}:${localAccountId}:${apiId}/${stage}/$connect`,
    resource: '$connect',
    path: '/',
    httpMethod: 'GET',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    pathParameters: {},
    queryStringParameters: { ticket: input.ticket },
    multiValueQueryStringParameters: { ticket: [input.ticket] },
    stageVariables: {},
    requestContext: {
      routeKey: '$connect',
      eventType: 'CONNECT',
      messageDirection: 'IN',
      stage,
      connectedAt: now,
      requestTimeEpoch: now,
      requestId: randomUUID(),
      domainName,
      connectionId: connectionId(),
      apiId,
      identity: { sourceIp: '203.0.113.7', userAgent: 'bench' },
    } as unknown as APIGatewayRequestAuthorizerEvent['requestContext'],
  };
}

/** A `$default` WebSocket route event carrying `frame`, from a caller the authorizer admitted. */
export function defaultRouteEvent(input: { accountId: string; agentId: string; frame: unknown; connectionId?: string; now?: number }) {
  const now = input.now ?? Date.now();
  return {
    requestContext: {
      routeKey: '$default',
      eventType: 'MESSAGE',
      messageDirection: 'IN',
      messageId: randomUUID(),
      stage,
      connectedAt: now - 1_000,
      requestTimeEpoch: now,
      requestId: randomUUID(),
      domainName: `${apiId}.execute-api.amazonaws.com`,
      connectionId: input.connectionId ?? connectionId(),
      apiId,
      authorizer: { accountId: input.accountId, principalKind: 'agent', agentId: input.agentId, principalId: input.agentId },
    },
    body: JSON.stringify(input.frame),
    isBase64Encoded: false,
  };
}

/** A new message of a fresh conversation, as the message repository would append it. */
export function aMessage(now = new Date()): Message {
  return {
    accountId: ulid(),
    conversationId: ulid(),
    inboxId: ulid(),
    id: ulid(),
    seq: 1,
    type: 'incoming',
    status: 'sent',
    authorType: 'contact',
    authorId: ulid(),
    body: 'Hello, is my order on its way?',
    createdAt: now.toISOString(),
  };
}

/** A table-stream batch with one INSERT of `message`, in DynamoDB JSON as Lambda delivers it. */
export function messageInsertEvent(message: Message, region: string): DynamoDBStreamEvent {
  const keys = messageKey(message.accountId, message.conversationId, message.id);
  const newImage = marshall(messageToItem(message), { removeUndefinedValues: true });
  return {
    Records: [
      {
        eventID: randomBytes(16).toString('hex'),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: region,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.parse(message.createdAt) / 1000),
          Keys: marshall(keys) as never,
          NewImage: newImage as never,
          SequenceNumber: `${Date.now()}${randomBytes(4).readUInt32BE()}`,
          SizeBytes: JSON.stringify(newImage).length,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: `arn:aws:dynamodb:${region}:${localAccountId}:table/switchboard-main/stream/${new Date().toISOString()}`,
      },
    ],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function expectStatus200(result: unknown): string | undefined {
  return isRecord(result) && result.statusCode === 200 ? undefined : `expected { statusCode: 200 }, got ${JSON.stringify(result)}`;
}

function expectNoBatchItemFailures(result: unknown): string | undefined {
  return isRecord(result) && Array.isArray(result.batchItemFailures) && result.batchItemFailures.length === 0
    ? undefined
    : `expected { batchItemFailures: [] }, got ${JSON.stringify(result)}`;
}

/** An SQS event with one record carrying `body` (FIFO attributes when a group id is given). */
export function sqsEvent(input: { region: string; queueName: string; body: unknown; groupId?: string; deduplicationId?: string }) {
  const now = String(Date.now());
  return {
    Records: [{
      messageId: randomUUID(), receiptHandle: randomBytes(16).toString('hex'), body: JSON.stringify(input.body),
      attributes: {
        ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'bench', ApproximateFirstReceiveTimestamp: now,
        ...(input.groupId === undefined ? {} : { MessageGroupId: input.groupId, MessageDeduplicationId: input.deduplicationId ?? randomUUID() }),
      },
      messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: `arn:aws:sqs:${input.region}:${localAccountId}:${input.queueName}`, awsRegion: input.region,
    }],
  };
}

/**
 * The fixture of every function the benchmark knows. A manifest function missing here is a
 * measurement error (run.ts says so), so a new function cannot slip through unmeasured.
 */
export function fixtures(deps: FixtureDeps): Readonly<Record<string, FunctionFixture>> {
  return {
    'ws-authorizer': {
      async next() {
        const accountId = ulid();
        const principal: Principal = { kind: 'agent', agentId: ulid() };
        const ticket = await deps.issueTicket({ accountId, principal, origin: deps.origin });
        return {
          event: authorizerEvent({ ticket, origin: deps.origin, region: deps.region }),
          check(result) {
            const statement = isRecord(result) && isRecord(result.policyDocument) && Array.isArray(result.policyDocument.Statement)
              ? (result.policyDocument.Statement[0] as unknown)
              : undefined;
            const allowed = isRecord(statement) && statement.Effect === 'Allow';
            const context = isRecord(result) ? result.context : undefined;
            return allowed && isRecord(context) && context.accountId === accountId
              ? undefined
              : `expected an Allow policy for account ${accountId}, got ${JSON.stringify(result)}`;
          },
        };
      },
    },
    ws: {
      async next() {
        const postsBefore = deps.managementPosts();
        return {
          event: defaultRouteEvent({ accountId: ulid(), agentId: ulid(), frame: { action: 'ping', id: 'bench' } }),
          check(result) {
            const posts = deps.managementPosts() - postsBefore;
            return expectStatus200(result) ?? (posts === 1 ? undefined : `expected the pong to reach the Management API once, it arrived ${posts} times`);
          },
        };
      },
    },
    // The agents' API: who am I, for a signed-in agent (session, agent and account reads).
    'agent-api': {
      async next() {
        return {
          event: httpGetEvent({ routeKey: 'GET /api/v1/auth/me', path: '/api/v1/auth/me', headers: { cookie: `__Host-sb_session=${deps.tenant.sessionToken}` } }),
          check: expectStatus200,
        };
      },
    },
    // The widget's first call on a page: its configuration by widget token (routing item + inbox).
    'widget-api': {
      async next() {
        return {
          event: httpGetEvent({ routeKey: 'GET /widget/v1/config', path: '/widget/v1/config', query: { token: deps.tenant.widgetToken } }),
          check: expectStatus200,
        };
      },
    },
    // The minute tick: reads the wake-up buckets since its cursor (none due: nothing to wake).
    scheduler: {
      async next() {
        return {
          event: { version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: localAccountId, time: new Date().toISOString(), region: deps.region, resources: [], detail: {} },
          check(result) {
            return isRecord(result) && typeof result.woken === 'number' ? undefined : `expected { woken: <number> }, got ${JSON.stringify(result)}`;
          },
        };
      },
    },
    // Channels (CORE): a Twilio post for an inbox id nobody owns is dropped after one routing
    // read (200, nothing written); a send job whose message does not exist is acknowledged after
    // one read. Both walk the router, the container and a DynamoDB round trip.
    webhooks: {
      async next() {
        const inboxId = ulid();
        return {
          event: {
            version: '2.0', routeKey: 'POST /webhooks/twilio/{inboxId}', rawPath: `/webhooks/twilio/${inboxId}`, rawQueryString: '',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bench' },
            pathParameters: { inboxId },
            requestContext: { accountId: localAccountId, apiId, domainName: 'bench', domainPrefix: 'bench', requestId: randomUUID(), routeKey: 'POST /webhooks/twilio/{inboxId}', stage: '$default', time: '', timeEpoch: Date.now(), http: { method: 'POST', path: `/webhooks/twilio/${inboxId}`, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'TwilioProxy/1.1' } },
            body: 'MessageSid=SM00000000000000000000000000000000&From=%2B15550001111&To=%2B15550002222&Body=Hi',
            isBase64Encoded: false,
          },
          check: expectStatus200,
        };
      },
    },
    'outbound-sender': {
      async next() {
        const job = { kind: 'outbound-send', accountId: ulid(), conversationId: ulid(), messageId: ulid() };
        return {
          event: {
            Records: [{
              messageId: randomUUID(), receiptHandle: randomBytes(16).toString('hex'), body: JSON.stringify(job),
              attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), MessageGroupId: job.conversationId, MessageDeduplicationId: job.messageId, SenderId: 'bench', ApproximateFirstReceiveTimestamp: String(Date.now()) },
              messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: `arn:aws:sqs:${deps.region}:${localAccountId}:switchboard-outbound.fifo`, awsRegion: deps.region,
            }],
          },
          check(result) {
            return isRecord(result) && Array.isArray(result.batchItemFailures) && result.batchItemFailures.length === 0
              ? undefined
              : `expected { batchItemFailures: [] }, got ${JSON.stringify(result)}`;
          },
        };
      },
    },
    // The AI turn: a job for a conversation that does not exist (another tenant's id, or one
    // deleted since) is dropped after the conversation read: the turn's load path, no model call.
    'ai-responder': {
      async next() {
        const conversationId = ulid();
        const job = { kind: 'ai-turn', accountId: ulid(), conversationId, messageId: ulid() };
        return {
          event: sqsEvent({ region: deps.region, queueName: 'switchboard-ai-jobs.fifo', body: job, groupId: conversationId, deduplicationId: job.messageId }),
          check: expectNoBatchItemFailures,
        };
      },
    },
    // Knowledge indexing: a job for a source version that does not exist is stale after the
    // source read (acknowledged, nothing indexed): the indexer's load path, no embedding.
    'knowledge-indexer': {
      async next() {
        const job = { kind: 'index-source', accountId: ulid(), sourceId: ulid(), version: 1 };
        return {
          event: sqsEvent({ region: deps.region, queueName: 'switchboard-knowledge-index', body: job }),
          check: expectNoBatchItemFailures,
        };
      },
    },
    'realtime-fanout': {
      async next() {
        return {
          event: messageInsertEvent(aMessage(), deps.region),
          check(result) {
            return isRecord(result) && Array.isArray(result.batchItemFailures) && result.batchItemFailures.length === 0
              ? undefined
              : `expected { batchItemFailures: [] }, got ${JSON.stringify(result)}`;
          },
        };
      },
    },
  };
}

/**
 * Runs the backend operations of the first calls `rounds` times from this process, through the
 * same services: issue and consume a ticket, answer a ping, fan out a message nobody follows.
 * DynamoDB in AWS is an always-warm service; DynamoDB Local is a JVM whose request paths are
 * slow until the JIT has compiled them. Without this, a function's first call would measure
 * Java's warm-up instead of our code, and inflate both forms alike.
 */
export async function warmBackends(app: Container, origin: string, rounds: number): Promise<void> {
  const { services, decodeStreamRecord } = app;
  for (let i = 0; i < rounds; i++) {
    const accountId = ulid();
    const principal: Principal = { kind: 'agent', agentId: ulid() };
    const { ticket } = await services.issueConnectTicket({ accountId, principal, origin });
    await services.authorizeConnect({ ticket, origin });
    await services.handleClientFrame({ accountId, connectionId: connectionId(), principal, connectedAtMs: Date.now() }, '{"action":"ping"}');
    const change = decodeStreamRecord(messageInsertEvent(aMessage(), app.config.region).Records[0]!);
    if (change) await services.fanOutChange(change);
  }
}
