/**
 * API Gateway Management API — layer: infra (local composition root).
 *
 * Serves `/@connections/{connectionId}` on the gateway's port, so the real
 * `@aws-sdk/client-apigatewaymanagementapi` client works unchanged against the laptop:
 * POST sends the raw body to the socket, GET describes the connection (`connectedAt`,
 * `identity`, `lastActiveAt`, as the SDK reads them), DELETE closes it (its
 * `$disconnect` follows). An unknown or closed connection answers 410 with
 * `x-amzn-errortype: GoneException`, which the SDK raises as `GoneException`. The id arrives
 * URL-encoded (API Gateway ids contain `+`, `/` and `=`).
 */
import { WebSocket } from 'ws';
import { jsonResponse, type HttpResponse } from './http-event.js';
import type { LiveConnection } from './websocket-gateway.js';

/** Path prefix of the Management API. */
export const managementPrefix = '/@connections/';

/** API Gateway's limit for one PostToConnection payload. */
export const maxPostBytes = 128 * 1024;

function error(statusCode: number, type: string, message: string | null): HttpResponse {
  const response = jsonResponse(statusCode, { message });
  return { ...response, headers: [...response.headers, ['x-amzn-errortype', type]] };
}

const noContent = (statusCode: number): HttpResponse => ({ statusCode, headers: [], body: Buffer.alloc(0) });

/** True for valid UTF-8, which is sent as a text frame (anything else as a binary frame). */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers one Management API request (`pathname` starts with {@link managementPrefix}).
 *
 * @example
 * handleManagementRequest('POST', '/@connections/L0SM9cOFvHcCIhw%3D', body, connections);
 */
export function handleManagementRequest(
  method: string,
  pathname: string,
  body: Buffer,
  connections: ReadonlyMap<string, LiveConnection>,
): HttpResponse {
  const encoded = pathname.slice(managementPrefix.length);
  // Connection ids are base64 and may contain `/`, which the SDK sends encoded (%2F); a raw `/`
  // in the path is an extra segment, i.e. a route the Management API does not have.
  if (!encoded || encoded.includes('/')) return error(404, 'NotFoundException', 'Not Found');
  let connectionId: string;
  try {
    connectionId = decodeURIComponent(encoded);
  } catch {
    return error(400, 'BadRequestException', 'Invalid connectionId');
  }
  if (!['POST', 'GET', 'DELETE'].includes(method)) return error(404, 'NotFoundException', 'Not Found');

  const connection = connections.get(connectionId);
  if (!connection || connection.socket.readyState !== WebSocket.OPEN) return error(410, 'GoneException', null);

  if (method === 'GET') {
    // The wire names are camel-cased (the SDK maps them to ConnectedAt, Identity.SourceIp, ...).
    return jsonResponse(200, {
      connectedAt: new Date(connection.facts.connectedAt).toISOString(),
      identity: { sourceIp: connection.facts.sourceIp, userAgent: connection.facts.userAgent },
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
    });
  }
  if (method === 'DELETE') {
    connection.socket.close(1000, 'Connection deleted');
    return noContent(204);
  }
  if (body.length > maxPostBytes) return error(413, 'PayloadTooLargeException', `Payload exceeds ${maxPostBytes} bytes`);
  connection.socket.send(body, { binary: !isUtf8(body) });
  connection.lastActiveAt = Date.now();
  return noContent(200);
}
