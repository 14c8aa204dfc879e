/**
 * HTTP API events — layer: infra (local composition root).
 *
 * Turns a local HTTP request into the API Gateway HTTP API payload format 2.0 event a Lambda
 * receives, and the handler's result back into an HTTP response, following API Gateway's rules:
 * header names lowercased and repeated headers joined by commas, the `cookie` header moved to
 * `cookies`, repeated query parameters joined by commas, non-text bodies base64-encoded with
 * `isBase64Encoded`, and a result without `statusCode` answered as 200 JSON.
 */
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clfTime, traceId } from './aws-ids.js';
import { MalformedResponseError } from './errors.js';
import { localAccountId } from './lambda-context.js';
import type { RouteMatch } from './http-routes.js';

/** Values every event of one gateway shares. */
export interface GatewayIdentity {
  readonly apiId: string;
  readonly stage: string;
}

/** Content types API Gateway passes as text; every other body arrives base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type.startsWith('text/')
    || type === 'application/json' || type.endsWith('+json')
    || type === 'application/xml' || type.endsWith('+xml')
    || type === 'application/javascript' || type === 'application/graphql';
}

/** The client's address without the IPv4-mapped IPv6 prefix. */
export function sourceIp(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

/** Lowercased headers with repeats joined by commas, plus the forwarding headers API Gateway adds. */
function eventHeaders(request: IncomingMessage, now: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (name === 'cookie' || !values) continue;
    headers[name] = values.join(',');
  }
  const ip = sourceIp(request);
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']},${ip}` : ip;
  headers['x-forwarded-port'] = String(request.socket.localPort ?? '');
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(now);
  return headers;
}

function cookies(request: IncomingMessage): string[] {
  return (request.headersDistinct.cookie ?? []).flatMap((line) => line.split(';')).map((c) => c.trim()).filter(Boolean);
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = parameters[name] === undefined ? value : `${parameters[name]},${value}`;
  }
  return parameters;
}

/** Everything {@link httpEvent} needs about one request. */
export interface HttpRequestFacts {
  readonly request: IncomingMessage;
  readonly body: Buffer;
  readonly match: RouteMatch;
  readonly requestId: string;
  readonly now: number;
}

/**
 * Builds the payload format 2.0 event of a matched request.
 *
 * @example
 * httpEvent({ request, body, match, requestId, now: Date.now() }, { apiId: 'localapi01', stage: '$default' });
 */
export function httpEvent(facts: HttpRequestFacts, identity: GatewayIdentity): APIGatewayProxyEventV2 {
  const { request, body, match, requestId, now } = facts;
  const rawUrl = request.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
  const headers = eventHeaders(request, now);
  const domainName = headers.host ?? '127.0.0.1';
  const cookieList = cookies(request);
  const query = queryParameters(rawQueryString);
  const text = isTextContentType(headers['content-type']);
  const hasPathParameters = Object.keys(match.pathParameters).length > 0;
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookieList.length > 0 ? { cookies: cookieList } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: localAccountId,
      apiId: identity.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: sourceIp(request),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: match.route.routeKey,
      stage: identity.stage,
      time: clfTime(now),
      timeEpoch: now,
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    ...(hasPathParameters ? { pathParameters: { ...match.pathParameters } } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

/** An HTTP response ready to write. */
export interface HttpResponse {
  readonly statusCode: number;
  /** Header name/value pairs; `set-cookie` may repeat. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** A JSON response such as API Gateway's own `{"message":"Not Found"}`. */
export function jsonResponse(statusCode: number, value: unknown): HttpResponse {
  return { statusCode, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(value)) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Maps a handler's result to a response as API Gateway does for payload format 2.0. A result
 * with `statusCode` is used as given (headers, `cookies` as `set-cookie`, body, base64 flag);
 * anything else is sent as a 200 `application/json` body (a string as is, other values as JSON).
 *
 * @throws MalformedResponseError for a structured result API Gateway would reject.
 */
export function httpResponse(result: unknown): HttpResponse {
  if (!isRecord(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(body) };
  }
  const { statusCode, headers = {}, cookies: setCookies = [], body, isBase64Encoded = false } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedResponseError(`statusCode must be an integer HTTP status, got ${JSON.stringify(statusCode)}`);
  }
  if (!isRecord(headers)) throw new MalformedResponseError('headers must be an object');
  if (!Array.isArray(setCookies) || !setCookies.every((c) => typeof c === 'string')) {
    throw new MalformedResponseError('cookies must be an array of strings');
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new MalformedResponseError('body must be a string (JSON.stringify objects)');
  }
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) throw new MalformedResponseError(`header ${name} must be a string, number or boolean`);
    pairs.push([name.toLowerCase(), String(value)]);
  }
  for (const cookie of setCookies as string[]) pairs.push(['set-cookie', cookie]);
  const text = body ?? '';
  return { statusCode, headers: pairs, body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8') };
}
