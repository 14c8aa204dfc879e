/**
 * WebSocket API — layer: infra (local composition root).
 *
 * Plays API Gateway's WebSocket API at `/ws`: on upgrade it runs the manifest's
 * `websocket-authorizer` function (REQUEST authorizer; Allow admits, Deny → 403, a throw → 401,
 * a malformed result → 500, and no socket is opened), then `$connect` (a non-2xx result refuses
 * the upgrade with that status), then one `$default` invocation per text message (in order, one
 * at a time per connection) and `$disconnect` when the socket closes. The authorizer's context
 * travels with the connection as `requestContext.authorizer`.
 *
 * Limits as in AWS: a message over 32 KB closes the connection (1009); binary frames are not
 * supported (1003). A failing `$default` answers the client with API Gateway's error frame.
 * A connection with no frame in either direction for the idle timeout (10 minutes), or open for
 * the maximum duration (2 hours), is closed with 1001 and its `$disconnect` runs; client
 * messages, WebSocket ping frames and Management API posts count as activity. Both timeouts are
 * options, so tests can use small ones.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { apiGatewayId } from './aws-ids.js';
import type { LocalFunction } from './functions.js';
import { sourceIp } from './http-event.js';
import { invoke } from './lambda-context.js';
import { errorMessage, type Log } from './log.js';
import { sleep } from './timing.js';
import {
  authorizerEvent,
  connectEvent,
  connectMethodArn,
  disconnectEvent,
  evaluateAuthorizerResult,
  messageEvent,
  type ConnectionFacts,
} from './websocket-events.js';

/** API Gateway's WebSocket frame limit. */
export const maxFrameBytes = 32 * 1024;

/** API Gateway's idle connection timeout: 10 minutes without a frame in either direction. */
export const defaultIdleTimeoutMs = 10 * 60 * 1000;

/** API Gateway's maximum connection duration: 2 hours. */
export const defaultMaxConnectionMs = 2 * 60 * 60 * 1000;

/** How often the timeouts are checked: a tenth of the shorter one, between 10 ms and 1 s. */
function sweepInterval(idleTimeoutMs: number, maxConnectionMs: number): number {
  return Math.min(1_000, Math.max(10, Math.floor(Math.min(idleTimeoutMs, maxConnectionMs) / 10)));
}

/** One open connection. */
export interface LiveConnection {
  readonly facts: ConnectionFacts;
  readonly socket: WebSocket;
  lastActiveAt: number;
}

/** Options of {@link createWebSocketApi}. */
export interface WebSocketApiOptions {
  readonly functions: readonly LocalFunction[];
  readonly region: string;
  readonly apiId: string;
  readonly stage: string;
  readonly log: Log;
  /** Default {@link defaultIdleTimeoutMs} (API Gateway's). */
  readonly idleTimeoutMs?: number;
  /** Default {@link defaultMaxConnectionMs} (API Gateway's). */
  readonly maxConnectionMs?: number;
}

/** The WebSocket side of the gateway. */
export interface WebSocketApi {
  /** The gateway's `upgrade` listener. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly connections: ReadonlyMap<string, LiveConnection>;
  /** Closes every connection (1001), waits for their `$disconnect` invocations. */
  close(): Promise<void>;
}

const reasons: Readonly<Record<number, string>> = {
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error',
};

function refuse(socket: Duplex, status: number): void {
  const body = JSON.stringify({ message: reasons[status] ?? 'Forbidden' });
  socket.end(
    `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\ncontent-type: application/json\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function statusOf(result: unknown): number {
  if (typeof result === 'object' && result !== null && 'statusCode' in result && typeof result.statusCode === 'number') {
    return result.statusCode;
  }
  return 200;
}

function routeFunction(functions: readonly LocalFunction[], route: '$connect' | '$disconnect' | '$default'): LocalFunction | undefined {
  return functions.find((f) => f.trigger.kind === 'websocket' && f.trigger.routes.includes(route));
}

/** Creates the WebSocket API over the given functions. */
export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const { functions, region, apiId, stage, log } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
  const maxConnectionMs = options.maxConnectionMs ?? defaultMaxConnectionMs;
  const authorizerFn = functions.find((f) => f.trigger.kind === 'websocket-authorizer');
  const server = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  const connections = new Map<string, LiveConnection>();
  const pending = new Set<Promise<unknown>>();

  function track(work: Promise<unknown>): void {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  }

  async function runRoute(route: '$connect' | '$disconnect' | '$default', event: unknown): Promise<{ ran: boolean; result?: unknown; error?: unknown }> {
    const fn = routeFunction(functions, route);
    if (!fn) return { ran: false };
    try {
      return { ran: true, result: await invoke(fn, event, region) };
    } catch (error) {
      log(`${route} (${fn.name}) failed: ${errorMessage(error)}`);
      return { ran: true, error };
    }
  }

  function disconnect(facts: ConnectionFacts, code: number, reason: string): Promise<unknown> {
    const work = runRoute('$disconnect', disconnectEvent(facts, code, reason, Date.now()));
    track(work);
    return work;
  }

  function open(socket: WebSocket, facts: ConnectionFacts): void {
    const connection: LiveConnection = { facts, socket, lastActiveAt: Date.now() };
    connections.set(facts.connectionId, connection);
    // Messages of one connection are handled one at a time, in arrival order.
    let queue: Promise<unknown> = Promise.resolve();
    socket.on('message', (data, isBinary) => {
      connection.lastActiveAt = Date.now();
      if (isBinary) {
        socket.close(1003, 'Binary frames are not supported');
        return;
      }
      const body = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
      queue = queue.then(async () => {
        const event = messageEvent(facts, body, Date.now());
        const outcome = await runRoute('$default', event);
        if (socket.readyState !== WebSocket.OPEN) return;
        if (!outcome.ran || outcome.error !== undefined) {
          socket.send(JSON.stringify({
            message: outcome.ran ? 'Internal server error' : 'Forbidden',
            connectionId: facts.connectionId,
            requestId: event.requestContext.requestId,
          }));
        }
      });
      track(queue);
    });
    // A WebSocket ping control frame is activity too (ws answers it with a pong by itself).
    socket.on('ping', () => {
      connection.lastActiveAt = Date.now();
    });
    socket.on('error', (error) => log(`connection ${facts.connectionId}: ${error.message}`));
    socket.on('close', (code, reason) => {
      connections.delete(facts.connectionId);
      const text = reason.toString('utf8') || (code === 1005 ? 'Client-side close frame status not set' : `Closed with code ${code}`);
      queue = queue.then(() => disconnect(facts, code, text));
    });
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const pathname = new URL(request.url ?? '/', 'http://local').pathname;
    if (pathname !== '/ws') return refuse(socket, 404);
    const now = Date.now();
    const base: ConnectionFacts = {
      connectionId: apiGatewayId(),
      connectedAt: now,
      apiId,
      stage,
      region,
      domainName: request.headers.host ?? '127.0.0.1',
      sourceIp: sourceIp(request),
      userAgent: request.headers['user-agent'] ?? '',
    };
    let facts = base;
    if (authorizerFn) {
      const startedAt = performance.now();
      let result: unknown;
      try {
        result = await invoke(authorizerFn, authorizerEvent(base, request, now), region);
      } catch (error) {
        log(`authorizer (${authorizerFn.name}) refused a connection (401): ${errorMessage(error)}`);
        return refuse(socket, 401);
      }
      const verdict = evaluateAuthorizerResult(result, connectMethodArn(base), Math.round(performance.now() - startedAt));
      if (verdict.kind !== 'allow') {
        if (verdict.kind === 'invalid') log(`authorizer (${authorizerFn.name}) returned an invalid result: ${verdict.reason}`);
        return refuse(socket, verdict.status);
      }
      facts = { ...base, authorizer: verdict.authorizer };
    }
    const connected = await runRoute('$connect', connectEvent(facts, request, now));
    if (connected.error !== undefined) return refuse(socket, 500);
    const status = connected.ran ? statusOf(connected.result) : 200;
    if (status < 200 || status > 299) return refuse(socket, status);
    if (socket.destroyed) {
      // The client left while it was being authorized: the backend saw $connect, so it hears $disconnect.
      await disconnect(facts, 1006, 'Client left during the handshake');
      return;
    }
    const admitted = facts;
    server.handleUpgrade(request, socket, head, (ws) => open(ws, admitted));
  }

  // API Gateway's idle timeout and maximum duration: close (1001) and let `close` run $disconnect.
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const { facts, socket, lastActiveAt } of connections.values()) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      if (now - facts.connectedAt >= maxConnectionMs) {
        socket.close(1001, 'Going away: maximum connection duration reached');
      } else if (now - lastActiveAt >= idleTimeoutMs) {
        socket.close(1001, 'Going away: idle timeout');
      }
    }
  }, sweepInterval(idleTimeoutMs, maxConnectionMs));
  sweeper.unref();

  return {
    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      const work = upgrade(request, socket, head).catch((error: unknown) => {
        log(`upgrade failed: ${errorMessage(error)}`);
        if (!socket.destroyed) refuse(socket, 500);
      });
      track(work);
    },
    connections,
    async close() {
      clearInterval(sweeper);
      for (const { socket } of connections.values()) socket.close(1001, 'Going away');
      const deadline = Date.now() + 5_000;
      // Wait on a timer (not on settled promises) so the sockets' I/O keeps flowing meanwhile.
      while ((connections.size > 0 || pending.size > 0) && Date.now() < deadline) await sleep(20);
      for (const { socket } of connections.values()) socket.terminate();
      server.close();
    },
  };
}
