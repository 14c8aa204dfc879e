/**
 * The HTTP router — layer: runtime.
 *
 * Dispatches an API Gateway HTTP API event to the handler bound to its route contract, after
 * the checks every route shares, in this order: body size (413) and content type (415), the
 * caller (401/403, via the injected authenticator), then body, path parameters and query against
 * their zod schemas (400 naming the first problem). Errors become `{ error: { code, message } }` through
 * the one error table; anything unexpected is a 500 with a correlation id and no detail.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod/mini';
import { parseBoundedJson } from '../../contracts/safe-json.js';
import { routeKey, type Parsed, type RouteAuth, type RouteContract, type Schema } from '../../contracts/http/route.js';
import { logger } from '../logger.js';
import { httpErrorFor } from './error-table.js';
import { HttpError, badRequest } from './http-error.js';
import { requestFromEvent, type HttpRequest } from './request.js';
import { Reply, jsonResponse, rawResponse } from './responses.js';

/** What a bound handler receives. */
export interface RouteInput<C extends RouteContract, Caller> {
  readonly params: C extends RouteContract<infer P, Schema | undefined, Schema | undefined, Schema | undefined> ? Parsed<P> : never;
  readonly query: C extends RouteContract<Schema | undefined, infer Q, Schema | undefined, Schema | undefined> ? Parsed<Q> : never;
  readonly body: C extends RouteContract<Schema | undefined, Schema | undefined, infer B, Schema | undefined> ? Parsed<B> : never;
  readonly request: HttpRequest;
  readonly caller: Caller;
}

/** A contract with its handler. */
export interface RouteBinding<Caller> {
  readonly contract: RouteContract;
  readonly handle: (input: RouteInput<RouteContract, Caller>) => Promise<unknown>;
}

/** Binds a handler to a contract, typing its input from the contract's schemas. */
export function bind<C extends RouteContract, Caller>(
  contract: C,
  handle: (input: RouteInput<C, Caller>) => Promise<unknown>,
): RouteBinding<Caller> {
  return { contract, handle: handle as RouteBinding<Caller>['handle'] };
}

/** Resolves who is calling, or throws an HttpError (401/403). */
export type Authenticator<Caller> = (request: HttpRequest, auth: RouteAuth) => Promise<Caller>;

/** Default largest JSON body. */
export const defaultMaxBodyBytes = 64 * 1024;

function validate<S extends Schema>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<S>;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${where}.${issue.path.join('.')}` : where;
  throw badRequest('invalid_request', `${path}: ${issue?.message ?? 'is invalid'}`);
}

/** The cheap checks on a body, before anyone is authenticated: size (413) and type (415). */
function checkBodyEnvelope(contract: RouteContract, request: HttpRequest): void {
  if (!contract.body) return;
  const max = contract.maxBodyBytes ?? defaultMaxBodyBytes;
  if (request.body.length > max) throw new HttpError(413, 'payload_too_large', `body exceeds ${max} bytes`);
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
}

/** Parses and validates a body that passed {@link checkBodyEnvelope}. */
function parseBody(contract: RouteContract, request: HttpRequest): unknown {
  if (!contract.body) return undefined;
  const json = parseBoundedJson(request.body.toString('utf8'), contract.maxBodyBytes ?? defaultMaxBodyBytes);
  if (!json.ok) throw badRequest('invalid_json', json.message);
  return validate(contract.body, json.value, 'body');
}

/**
 * Creates the Lambda handler of an HTTP function from its route bindings.
 *
 * @example
 * export const handler = httpRouter([bind(GetConversation, async ({ params, caller }) => …)], { authenticate });
 */
export function httpRouter<Caller>(bindings: readonly RouteBinding<Caller>[], options: { authenticate: Authenticator<Caller> }) {
  const byKey = new Map(bindings.map((b) => [routeKey(b.contract), b]));
  return async function handle(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
    const binding = byKey.get(event.routeKey as ReturnType<typeof routeKey>);
    try {
      if (!binding) throw new HttpError(404, 'not_found', `no route ${event.routeKey}`);
      const { contract } = binding;
      const request = requestFromEvent(event);
      checkBodyEnvelope(contract, request);
      const caller = await options.authenticate(request, contract.auth);
      const body = parseBody(contract, request);
      const params = contract.params ? validate(contract.params, request.params, 'path') : undefined;
      const query = contract.query ? validate(contract.query, request.query, 'query') : undefined;
      const result = await binding.handle({ params, query, body, request, caller } as RouteInput<RouteContract, Caller>);
      if (result instanceof Reply && result.options.contentType) {
        return rawResponse(result.options.status ?? contract.response.status, String(result.body), result.options.contentType, result.options);
      }
      if (result instanceof Reply) return jsonResponse(result.options.status ?? contract.response.status, result.body, result.options);
      return jsonResponse(contract.response.status, result);
    } catch (error) {
      const mapped = httpErrorFor(error);
      if (mapped) {
        if (mapped.status >= 500) logger().error('request failed', { routeKey: event.routeKey, code: mapped.code });
        return jsonResponse(mapped.status, { error: { code: mapped.code, message: mapped.message } }, { headers: mapped.headers });
      }
      const correlationId = context.awsRequestId;
      logger().error('unhandled error', { routeKey: event.routeKey, correlationId, errorName: (error as Error)?.name, errorMessage: (error as Error)?.message });
      return jsonResponse(500, { error: { code: 'internal', message: 'Something went wrong on our side. Quote the correlation id if you contact support.', correlationId } });
    }
  };
}
