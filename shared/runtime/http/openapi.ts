/**
 * OpenAPI from the route contracts — layer: runtime.
 *
 * Builds an OpenAPI 3.1 document (JSON Schema 2020-12, as zod 4 emits it) from the same
 * contracts the router validates with, so `/api/v1/openapi.json` always describes the code.
 */
import * as z from 'zod/mini';
import { ErrorBody } from '../../contracts/http/error-body.js';
import type { RouteContract, Schema } from '../../contracts/http/route.js';

const commonErrors: Readonly<Record<number, string>> = {
  400: 'The request is invalid; the message names the first problem.',
  401: 'Not signed in, or the session expired.',
  404: 'Not found (also for anything belonging to another account).',
  413: 'The body is too large.',
  415: 'The body is not application/json.',
  429: 'Too many requests; see Retry-After.',
  500: 'Our fault; the body carries a correlation id.',
};

function jsonSchema(schema: Schema): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: Schema | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s,
  }));
}

function operation(contract: RouteContract) {
  const errorStatuses = [...new Set([400, 404, 500, ...(contract.auth === 'public' ? [] : [401]), ...(contract.body ? [413, 415] : []), ...(contract.errors ?? [])])].sort();
  const responses: Record<string, unknown> = {
    [contract.response.status]: {
      description: contract.response.description,
      ...(contract.response.schema ? { content: { 'application/json': { schema: jsonSchema(contract.response.schema) } } } : {}),
    },
  };
  for (const status of errorStatuses) {
    responses[status] = { description: commonErrors[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
  }
  return {
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    tags: [contract.tag],
    operationId: `${contract.method.toLowerCase()}${contract.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(contract.auth === 'public' ? { security: [] } : {}),
    parameters: [...parameters(contract.params, 'path'), ...parameters(contract.query, 'query')],
    ...(contract.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(contract.body) } } } } : {}),
    responses,
  };
}

/** The OpenAPI document for a set of contracts. */
export function buildOpenApi(contracts: readonly RouteContract[], info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contract of contracts) {
    (paths[contract.path] ??= {})[contract.method.toLowerCase()] = operation(contract);
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { ErrorBody: jsonSchema(ErrorBody) },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-sb_session' } },
    },
    security: [{ session: [] }],
  };
}
