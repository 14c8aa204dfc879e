/**
 * The webhook router — layer: runtime.
 *
 * The `webhooks` function's own router (not the JSON `httpRouter`): providers post form, JSON or
 * multipart bodies that must be verified over the exact bytes they signed. It maps an API
 * Gateway HTTP API event to the {@link WebhookBinding} of its route key, decodes the raw body
 * (base64 when `isBase64Encoded`), refuses it with 413 above the binding's size cap before anyone
 * parses it, and turns the binding's answer into a provider-shaped response (TwiML, text, empty).
 * Unknown paths answer 404, a known path with another method 405, a {@link WebhookRefusedError}
 * its own 4xx, and anything unexpected a 500 with a correlation id and no detail (providers
 * retry a 5xx, which the inbound pipeline makes safe).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { requestFromEvent, type HttpRequest } from '../http/request.js';
import { logger } from '../logger.js';
import { WebhookRefusedError } from './errors.js';

export { WebhookRefusedError } from './errors.js';
export type { HttpRequest } from '../http/request.js';

/** The route keys of the webhooks function (API Gateway syntax). */
export type WebhookRouteKey = `${'GET' | 'POST'} /webhooks/${string}`;

/** What a webhook binding answers: the provider-shaped status, content type and body. */
export interface WebhookResponse {
  readonly status: number;
  /** Default `text/plain; charset=utf-8` when a body is given. */
  readonly contentType?: string;
  readonly body?: string;
}

/** One webhook route and its handler. */
export interface WebhookBinding {
  readonly routeKey: WebhookRouteKey;
  /** Largest raw body accepted, checked before parsing; default {@link defaultWebhookMaxBytes} (1 MB). */
  readonly maxBodyBytes?: number;
  /** Verifies the signature over `request.body` (raw bytes), parses, calls one service, answers. */
  handle(request: HttpRequest): Promise<WebhookResponse>;
}

/** JSON and form webhooks: 1 MB (SECURITY.md §7). */
export const defaultWebhookMaxBytes = 1024 * 1024;
/** Email (SendGrid Inbound Parse with attachments): 10 MB. */
export const emailWebhookMaxBytes = 10 * 1024 * 1024;

/** A plain-text answer. */
export function textResponse(status: number, body = ''): WebhookResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

/** A TwiML (XML) answer for Twilio. */
export function twimlResponse(xml: string): WebhookResponse {
  return { status: 200, contentType: 'text/xml; charset=utf-8', body: xml };
}

function toResult(response: WebhookResponse): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (response.body !== undefined) headers['content-type'] = response.contentType ?? 'text/plain; charset=utf-8';
  return { statusCode: response.status, headers, ...(response.body !== undefined ? { body: response.body } : {}) };
}

function pathPattern(routeKey: string): { method: string; regex: RegExp } {
  const [method = '', path = ''] = routeKey.split(' ');
  const source = path.split('/').map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { method, regex: new RegExp(`^${source}/?$`) };
}

function pathParams(routeKey: string, rawPath: string): Record<string, string> {
  const template = (routeKey.split(' ')[1] ?? '').split('/');
  const actual = rawPath.split('/');
  const params: Record<string, string> = {};
  template.forEach((segment, i) => {
    const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
    if (name && actual[i] !== undefined) params[name] = decodeURIComponent(actual[i]);
  });
  return params;
}

/** Which binding serves an event: by route key, else by method and path (the local gateway and `$default` routes). */
function resolve(bindings: readonly WebhookBinding[], event: APIGatewayProxyEventV2): { binding?: WebhookBinding; methodMismatch: boolean } {
  const byKey = bindings.find((b) => b.routeKey === event.routeKey);
  if (byKey) return { binding: byKey, methodMismatch: false };
  const method = event.requestContext?.http?.method ?? '';
  const rawPath = event.rawPath ?? '';
  let methodMismatch = false;
  for (const binding of bindings) {
    const pattern = pathPattern(binding.routeKey);
    if (!pattern.regex.test(rawPath)) continue;
    if (pattern.method === method) return { binding, methodMismatch: false };
    methodMismatch = true;
  }
  return { methodMismatch };
}

/**
 * Creates the Lambda handler of the webhooks function.
 *
 * @example
 * export const handler = webhookRouter([...twilioBindings, ...metaBindings, ...sendgridBindings]);
 */
export function webhookRouter(bindings: readonly WebhookBinding[]) {
  return async function handle(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
    try {
      const { binding, methodMismatch } = resolve(bindings, event);
      if (!binding) return toResult(methodMismatch ? textResponse(405, 'method not allowed') : textResponse(404, 'not found'));
      const max = binding.maxBodyBytes ?? defaultWebhookMaxBytes;
      // Cheap check first: the encoded length bounds the decoded length from above (base64 is 4/3).
      const encodedLength = event.body?.length ?? 0;
      if (encodedLength > (event.isBase64Encoded ? Math.ceil((max * 4) / 3) + 4 : max * 4)) return toResult(textResponse(413, `body exceeds ${max} bytes`));
      const decoded = requestFromEvent(event);
      if (decoded.body.length > max) return toResult(textResponse(413, `body exceeds ${max} bytes`));
      const request: HttpRequest = Object.keys(decoded.params).length > 0 ? decoded : { ...decoded, routeKey: binding.routeKey, params: pathParams(binding.routeKey, decoded.path) };
      return toResult(await binding.handle(request));
    } catch (error) {
      if (error instanceof WebhookRefusedError) return toResult(textResponse(error.status, error.message));
      const correlationId = context?.awsRequestId ?? 'unknown';
      logger().error('webhook failed', { routeKey: event.routeKey, correlationId, errorName: (error as Error)?.name, errorMessage: (error as Error)?.message });
      return toResult({ status: 500, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side.', correlationId } }) });
    }
  };
}
