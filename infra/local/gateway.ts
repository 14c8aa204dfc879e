/**
 * The local API Gateway — layer: infra (local composition root).
 *
 * One Node HTTP server on 127.0.0.1 that plays both API Gateway APIs for the real handlers:
 * - the HTTP API: every `http` route of the given functions, as payload format 2.0 events
 *   (10 MB body cap → 413; unknown route → 404 `{"message":"Not Found"}`; a handler that throws
 *   or returns a malformed result → 500 `{"message":"Internal Server Error"}` and a log line);
 * - the WebSocket API at `/ws` (see websocket-gateway.ts) and its Management API at
 *   `/@connections/{id}` (see management-api.ts);
 * - and, for the laptop only, `GET /health` and static files under configured prefixes.
 *
 * The functions are passed in, so tests mount fixtures next to (or instead of) the manifest's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { apiGatewayId } from './aws-ids.js';
import { PrerequisiteError } from './errors.js';
import type { LocalFunction } from './functions.js';
import type { HealthReport } from './health.js';
import { httpEvent, httpResponse, jsonResponse, type HttpResponse } from './http-event.js';
import { compileRoutes, matchRoute } from './http-routes.js';
import { invoke } from './lambda-context.js';
import { errorMessage, type Log } from './log.js';
import { handleManagementRequest, managementPrefix } from './management-api.js';
import { serveStatic, type StaticRoots } from './static-files.js';
import { createWebSocketApi } from './websocket-gateway.js';

/** API Gateway's payload limit for HTTP APIs. */
export const maxBodyBytes = 10 * 1024 * 1024;

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  /** 0: a random free port. */
  readonly port: number;
  readonly functions: readonly LocalFunction[];
  readonly region: string;
  readonly log: Log;
  /** Repository root, for relative static directories. */
  readonly rootDir: string;
  readonly staticRoots?: StaticRoots;
  /** The report `GET /health` returns; without it, the gateway reports itself only. */
  readonly health?: () => Promise<HealthReport>;
  /** Default `local`: the WebSocket stage in events and method ARNs. The HTTP API uses `$default`. */
  readonly webSocketStage?: string;
  /** WebSocket idle timeout; default API Gateway's 10 minutes (see websocket-gateway.ts). */
  readonly webSocketIdleTimeoutMs?: number;
  /** WebSocket maximum connection duration; default API Gateway's 2 hours. */
  readonly webSocketMaxConnectionMs?: number;
}

/** A running gateway. */
export interface Gateway {
  readonly port: number;
  /** `http://127.0.0.1:<port>`: the HTTP API and the Management API endpoint. */
  readonly url: string;
  /** `ws://127.0.0.1:<port>/ws`. */
  readonly webSocketUrl: string;
  /** Number of open WebSocket connections. */
  connectionCount(): number;
  health(): { ok: boolean; detail: string };
  /** Closes WebSocket connections (their `$disconnect` runs), then the server. */
  stop(): Promise<void>;
}

type BodyResult = { readonly kind: 'ok'; readonly body: Buffer } | { readonly kind: 'too-large' };

function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      resolve({ kind: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve({ kind: 'ok', body: Buffer.concat(chunks) }));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: HttpResponse, requestId: string, method: string): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of reply.headers) {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  headers['apigw-requestid'] = requestId;
  headers['content-length'] = String(reply.body.length);
  response.writeHead(reply.statusCode, headers);
  response.end(method === 'HEAD' ? undefined : reply.body);
}

/**
 * Starts the gateway on 127.0.0.1.
 *
 * @example
 * const gateway = await startGateway({ port: 0, functions, region: 'eu-west-1', rootDir, log });
 * await fetch(`${gateway.url}/health`);
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { functions, region, log, rootDir } = options;
  const routes = compileRoutes(functions);
  const identity = { apiId: 'localhttp0', stage: '$default' };
  const webSocket = createWebSocketApi({
    functions,
    region,
    apiId: 'localws000',
    stage: options.webSocketStage ?? 'local',
    log,
    ...(options.webSocketIdleTimeoutMs !== undefined ? { idleTimeoutMs: options.webSocketIdleTimeoutMs } : {}),
    ...(options.webSocketMaxConnectionMs !== undefined ? { maxConnectionMs: options.webSocketMaxConnectionMs } : {}),
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = apiGatewayId();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://local');

    if (url.pathname === '/health' && method === 'GET') {
      const report = options.health ? await options.health() : { status: 'ok' as const, parts: [{ name: 'gateway', ...self() }] };
      return send(response, jsonResponse(report.status === 'ok' ? 200 : 503, report), requestId, method);
    }
    if (url.pathname.startsWith(managementPrefix)) {
      const read = await readBody(request, maxBodyBytes);
      if (read.kind === 'too-large') return send(response, jsonResponse(413, { message: 'Request Entity Too Large' }), requestId, method);
      return send(response, handleManagementRequest(method, url.pathname, read.body, webSocket.connections), requestId, method);
    }
    if (options.staticRoots && await serveStatic(options.staticRoots, rootDir, request, response)) return;

    const match = matchRoute(routes, method, url.pathname);
    if (!match) {
      request.resume();
      return send(response, jsonResponse(404, { message: 'Not Found' }), requestId, method);
    }
    const read = await readBody(request, maxBodyBytes);
    if (read.kind === 'too-large') {
      response.setHeader('connection', 'close');
      return send(response, jsonResponse(413, { message: 'Request Entity Too Large' }), requestId, method);
    }
    const event = httpEvent({ request, body: read.body, match, requestId, now: Date.now() }, identity);
    let reply: HttpResponse;
    try {
      reply = httpResponse(await invoke(match.route.fn, event, region));
    } catch (error) {
      log(`${match.route.routeKey} → 500: ${match.route.fn.name} failed: ${errorMessage(error)}`);
      reply = jsonResponse(500, { message: 'Internal Server Error' });
    }
    send(response, reply, requestId, method);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`${request.method} ${request.url} failed: ${errorMessage(error)}`);
      if (!response.headersSent) send(response, jsonResponse(500, { message: 'Internal Server Error' }), 'none', request.method ?? 'GET');
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => webSocket.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE'
        ? new PrerequisiteError(`Port ${options.port} (the local API gateway) is already in use. Fix: stop the process using it (see "ss -ltnp 'sport = :${options.port}'") or choose another port.`)
        : error);
    });
    server.listen({ port: options.port, host: '127.0.0.1' }, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://127.0.0.1:${port}`;

  function self() {
    return server.listening
      ? { ok: true, detail: `${url}: ${routes.length} HTTP routes, WebSocket at /ws (${webSocket.connections.size} open)` }
      : { ok: false, detail: 'not listening' };
  }

  let stopping: Promise<void> | undefined;
  return {
    port,
    url,
    webSocketUrl: `ws://127.0.0.1:${port}/ws`,
    connectionCount: () => webSocket.connections.size,
    health: self,
    stop() {
      stopping ??= (async () => {
        await webSocket.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })();
      return stopping;
    },
  };
}
