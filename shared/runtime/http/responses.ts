/**
 * HTTP responses — layer: runtime.
 *
 * Every JSON response carries `no-store` and `nosniff`; handlers return data, or a
 * {@link Reply} when they need a status, headers or cookies of their own.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const baseHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** A response with explicit status, headers or cookies. */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly options: {
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly cookies?: readonly string[];
      /** Sends a string body as is with this type (an HTML page) instead of JSON. */
      readonly contentType?: string;
    } = {},
  ) {}
}

/** Wraps data in a {@link Reply} with options. */
export function reply(body: unknown, options: Reply['options']): Reply {
  return new Reply(body, options);
}

/** A non-JSON response (the API's documentation page): the string body is sent as is. */
export function rawResponse(status: number, body: string, contentType: string, extra: Reply['options'] = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...extra.headers },
    body,
  };
}

/** Serializes a JSON response (no body for 204). */
export function jsonResponse(status: number, body: unknown, extra: Reply['options'] = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { ...baseHeaders, ...extra.headers },
    ...(extra.cookies?.length ? { cookies: [...extra.cookies] } : {}),
    ...(status === 204 || body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}
