/**
 * HTTP route contracts — layer: contracts.
 *
 * Each route of an HTTP API is declared once, as data: method, path, who may call it, and the
 * zod schemas of its path parameters, query, body and response. The router validates requests
 * against it and the OpenAPI document is generated from it, so the docs cannot drift from the
 * code. A function's route keys in infra/manifest.ts must equal its contracts' keys (tested).
 */
import type { z } from 'zod/mini';

/** Who may call a route. */
export type RouteAuth = 'public' | 'agent' | 'admin' | 'visitor';

/** HTTP methods the APIs use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Any zod (mini or classic) schema. */
export type Schema = z.ZodMiniType;

/** One route, as data. */
export interface RouteContract<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends Schema | undefined = Schema | undefined,
> {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/api/v1/conversations/{conversationId}`. */
  readonly path: `/${string}`;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly auth: RouteAuth;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Largest accepted body in bytes (default 64 KB). */
  readonly maxBodyBytes?: number;
  readonly response: { readonly status: 200 | 201 | 202 | 204; readonly schema?: R; readonly description: string };
  /** Error statuses the route documents besides the common ones (400, 401, 404, 413, 415, 429, 500). */
  readonly errors?: readonly number[];
}

/** Declares a route contract (an identity function that keeps the literal types). */
export function defineRoute<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema | undefined>(
  contract: RouteContract<P, Q, B, R>,
): RouteContract<P, Q, B, R> {
  return contract;
}

/** The route key API Gateway and the manifest use: `POST /api/v1/things/{id}`. */
export function routeKey(contract: Pick<RouteContract, 'method' | 'path'>): `${HttpMethod} /${string}` {
  return `${contract.method} ${contract.path}`;
}

/** The parsed input type of an optional schema. */
export type Parsed<S> = S extends Schema ? z.infer<S> : undefined;
