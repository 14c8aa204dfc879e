/**
 * WebSocket API events — layer: infra (local composition root).
 *
 * Builds the events API Gateway WebSocket APIs send to Lambda: the REQUEST authorizer event on
 * `$connect`, then `$connect`, `$default` (one per message) and `$disconnect` route events, with
 * the authorizer's `context` plus `principalId` as `requestContext.authorizer`. Also evaluates
 * the authorizer's IAM policy the way API Gateway does.
 */
import type { IncomingMessage } from 'node:http';
import { apiGatewayId, clfTime, traceId } from './aws-ids.js';
import { sourceIp } from './http-event.js';
import { localAccountId } from './lambda-context.js';

/** What is known about one WebSocket connection when its events are built. */
export interface ConnectionFacts {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly apiId: string;
  readonly stage: string;
  readonly region: string;
  readonly domainName: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** `requestContext.authorizer` of every route event; undefined without an authorizer. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
}

/** Headers as sent (WebSocket APIs keep the client's header case), plus API Gateway's own. */
export function upgradeHeaders(request: IncomingMessage, now: number): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    (multiValueHeaders[name] ??= []).push(raw[i + 1] ?? '');
  }
  const ip = sourceIp(request);
  multiValueHeaders['X-Amzn-Trace-Id'] ??= [traceId(now)];
  multiValueHeaders['X-Forwarded-For'] = [...(multiValueHeaders['X-Forwarded-For'] ?? []), ip];
  multiValueHeaders['X-Forwarded-Port'] = [String(request.socket.localPort ?? '')];
  multiValueHeaders['X-Forwarded-Proto'] = ['http'];
  const headers = Object.fromEntries(Object.entries(multiValueHeaders).map(([name, values]) => [name, values.at(-1) ?? '']));
  return { headers, multiValueHeaders };
}

/** Query parameters in both shapes of the REST-style events ($connect and its authorizer). */
export function upgradeQuery(request: IncomingMessage): { queryStringParameters: Record<string, string>; multiValueQueryStringParameters: Record<string, string[]> } {
  const search = new URL(request.url ?? '/', 'http://local').searchParams;
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of search) (multiValueQueryStringParameters[name] ??= []).push(value);
  const queryStringParameters = Object.fromEntries(Object.entries(multiValueQueryStringParameters).map(([name, values]) => [name, values.at(-1) ?? '']));
  return { queryStringParameters, multiValueQueryStringParameters };
}

type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

function requestContext(facts: ConnectionFacts, routeKey: string, eventType: EventType, now: number) {
  return {
    routeKey,
    eventType,
    extendedRequestId: apiGatewayId(),
    requestTime: clfTime(now),
    messageDirection: 'IN' as const,
    stage: facts.stage,
    connectedAt: facts.connectedAt,
    requestTimeEpoch: now,
    identity: { sourceIp: facts.sourceIp, userAgent: facts.userAgent },
    requestId: apiGatewayId(),
    domainName: facts.domainName,
    connectionId: facts.connectionId,
    apiId: facts.apiId,
  };
}

/** The ARN API Gateway authorizes for `$connect`. */
export function connectMethodArn(facts: Pick<ConnectionFacts, 'region' | 'apiId' | 'stage'>): string {
  return `arn:aws:execute-api:${facts.region}:${localAccountId}:${facts.apiId}/${facts.stage}/$connect`;
}

/** The REQUEST authorizer event of a `$connect`. */
export function authorizerEvent(facts: ConnectionFacts, request: IncomingMessage, now: number) {
  return {
    type: 'REQUEST' as const,
    methodArn: connectMethodArn(facts),
    ...upgradeHeaders(request, now),
    ...upgradeQuery(request),
    stageVariables: {},
    requestContext: requestContext(facts, '$connect', 'CONNECT', now),
  };
}

function withAuthorizer<T extends object>(context: T, facts: ConnectionFacts): T & { authorizer?: Readonly<Record<string, unknown>> } {
  return facts.authorizer ? { ...context, authorizer: facts.authorizer } : context;
}

/** The `$connect` route event. */
export function connectEvent(facts: ConnectionFacts, request: IncomingMessage, now: number) {
  return {
    ...upgradeHeaders(request, now),
    ...upgradeQuery(request),
    requestContext: withAuthorizer(requestContext(facts, '$connect', 'CONNECT', now), facts),
    isBase64Encoded: false,
  };
}

/** A `$default` route event for one text message. */
export function messageEvent(facts: ConnectionFacts, body: string, now: number) {
  return {
    requestContext: withAuthorizer({ ...requestContext(facts, '$default', 'MESSAGE', now), messageId: apiGatewayId() }, facts),
    body,
    isBase64Encoded: false,
  };
}

/** The `$disconnect` route event, with the close code and reason as API Gateway reports them. */
export function disconnectEvent(facts: ConnectionFacts, statusCode: number, reason: string, now: number) {
  const headers = { Host: facts.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: withAuthorizer({
      ...requestContext(facts, '$disconnect', 'DISCONNECT', now),
      disconnectStatusCode: statusCode,
      disconnectReason: reason,
    }, facts),
    isBase64Encoded: false,
  };
}

/** The authorizer's verdict on a `$connect`. */
export type AuthorizerVerdict =
  | { readonly kind: 'allow'; readonly authorizer: Readonly<Record<string, unknown>> }
  | { readonly kind: 'deny'; readonly status: 403; readonly reason: string }
  | { readonly kind: 'invalid'; readonly status: 500; readonly reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** IAM wildcard match: `*` any run of characters, `?` one character. */
function wildcard(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(value);
}

function statementMatches(statement: Record<string, unknown>, methodArn: string): boolean {
  const actions = list(statement.Action).filter((a): a is string => typeof a === 'string');
  const resources = list(statement.Resource).filter((r): r is string => typeof r === 'string');
  return actions.some((a) => wildcard(a.toLowerCase(), 'execute-api:invoke')) && resources.some((r) => wildcard(r, methodArn));
}

/**
 * Evaluates an authorizer result (`{ principalId, policyDocument, context }`) against the
 * `$connect` method ARN: an explicit Deny wins, then an Allow admits, otherwise deny (403).
 * A result without `principalId` or a policy, or a context value that is not a string, number
 * or boolean, is an authorizer configuration error (500), as in API Gateway.
 */
export function evaluateAuthorizerResult(result: unknown, methodArn: string, integrationLatency: number): AuthorizerVerdict {
  if (!isRecord(result) || typeof result.principalId !== 'string' || !isRecord(result.policyDocument)) {
    return { kind: 'invalid', status: 500, reason: 'the authorizer must return { principalId, policyDocument }' };
  }
  const statements = list(result.policyDocument.Statement).filter(isRecord);
  const matching = statements.filter((s) => statementMatches(s, methodArn));
  if (matching.some((s) => s.Effect === 'Deny')) return { kind: 'deny', status: 403, reason: 'explicit Deny' };
  if (!matching.some((s) => s.Effect === 'Allow')) return { kind: 'deny', status: 403, reason: `no Allow statement for ${methodArn}` };
  const context = result.context ?? {};
  if (!isRecord(context)) return { kind: 'invalid', status: 500, reason: 'context must be an object' };
  const authorizer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    if (value === null) {
      authorizer[key] = null;
    } else if (['string', 'number', 'boolean'].includes(typeof value)) {
      // API Gateway hands context values to integrations as strings.
      authorizer[key] = String(value);
    } else {
      return { kind: 'invalid', status: 500, reason: `context.${key} must be a string, number or boolean` };
    }
  }
  return { kind: 'allow', authorizer: { ...authorizer, principalId: result.principalId, integrationLatency } };
}
