/**
 * API Gateway HTTP API (payload 2.0) event factories for handler tests.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** An HTTP API event for a route key, with optional JSON body, headers and path parameters. */
export function httpEvent(routeKey: string, options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string>; query?: Record<string, string>; cookies?: string[] } = {}): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ') as [string, string];
  const rawPath = path.replace(/\{(\w+)\}/g, (_m, name: string) => options.params?.[name] ?? name);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.cookies ? { cookies: options.cookies } : {}),
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.params ? { pathParameters: options.params } : {}),
    requestContext: {
      accountId: '000000000000', apiId: 'local', domainName: '127.0.0.1', domainPrefix: '127', requestId: 'req-1', routeKey, stage: '$default',
      time: '23/Nov/2026:10:00:00 +0000', timeEpoch: 0,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

/** A minimal Lambda context. */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false, functionName: 'test', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
    memoryLimitInMB: '512', awsRequestId: 'corr-123', logGroupName: '/aws/lambda/test', logStreamName: 'x', getRemainingTimeInMillis: () => 10_000,
    done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
}
