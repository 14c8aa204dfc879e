/**
 * The API's own documentation routes — layer: contracts.
 */
import * as z from 'zod/mini';
import { defineRoute } from './route.js';

/** The OpenAPI 3.1 document of the agents' API, generated from the route contracts. */
export const GetOpenApi = defineRoute({
  method: 'GET', path: '/api/v1/openapi.json', summary: 'The OpenAPI document of this API', tag: 'Meta', auth: 'public',
  response: { status: 200, description: 'OpenAPI 3.1 JSON', schema: z.record(z.string(), z.unknown()) },
});

/** A readable page rendering the OpenAPI document. */
export const GetApiDocs = defineRoute({
  method: 'GET', path: '/api/v1/docs', summary: 'Human-readable API reference (HTML)', tag: 'Meta', auth: 'public',
  response: { status: 200, description: 'An HTML page' },
});
