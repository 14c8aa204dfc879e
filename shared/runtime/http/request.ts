/**
 * The HTTP request as handlers see it — layer: runtime.
 *
 * Built from an API Gateway HTTP API (payload 2.0) event, the same in AWS and on the laptop.
 * Header names are lower-case; the body is decoded from base64 when API Gateway encoded it.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A request, decoded once. */
export interface HttpRequest {
  readonly method: string;
  readonly routeKey: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, string>>;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** The raw body bytes (empty when there is none). */
  readonly body: Buffer;
}

function parseCookies(list: readonly string[] | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const entry of list ?? []) {
    for (const part of entry.split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      const name = part.slice(0, eq).trim();
      if (!(name in cookies)) cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return cookies;
}

/** Decodes an API Gateway v2 event into a {@link HttpRequest}. */
export function requestFromEvent(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const cookieList = event.cookies ?? (headers.cookie ? [headers.cookie] : undefined);
  return {
    method: event.requestContext.http.method,
    routeKey: event.routeKey,
    path: event.rawPath,
    headers,
    cookies: parseCookies(cookieList),
    query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
    params: Object.fromEntries(Object.entries(event.pathParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
    sourceIp: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent ?? '',
    body: event.body === undefined ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'),
  };
}
