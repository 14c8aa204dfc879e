/**
 * The local gateway closes stale WebSocket connections as API Gateway does — after the idle
 * timeout (no frame either way) and after the maximum connection duration — and runs
 * `$disconnect`, so the real `ws` function deletes the Connection item and its subscriptions.
 * The gateway here uses small timeouts; its defaults are API Gateway's (10 minutes, 2 hours).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { functions as manifestFunctions } from '../../../infra/manifest.js';
import { repositoryRoot } from '../../../infra/local/cloud.js';
import { functionFromEntry, inlineFunction } from '../../../infra/local/functions.js';
import { startGateway, type Gateway } from '../../../infra/local/gateway.js';
import { defaultIdleTimeoutMs, defaultMaxConnectionMs } from '../../../infra/local/websocket-gateway.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { buildContainer, type Container } from '../../../shared/runtime/container.js';
import { anAccount, anAgent, newId } from '../data/builders.js';
import { eventually, region } from './support.js';

// Long enough that a loaded CI machine subscribes and checks before the socket goes idle.
const idleTimeoutMs = 2_500;

let gateway: Gateway;
let app: Container;
let origin: string;
const opened: WebSocket[] = [];

beforeAll(async () => {
  // The manifest's real authorizer and `ws` function, on a gateway of this file with small timeouts.
  const mounted = manifestFunctions
    .filter((spec) => spec.trigger.kind === 'websocket' || spec.trigger.kind === 'websocket-authorizer')
    .map((spec) => functionFromEntry(spec, repositoryRoot));
  gateway = await startGateway({
    port: 0, functions: mounted, region: region(), rootDir: repositoryRoot, log: () => undefined,
    webSocketIdleTimeoutMs: idleTimeoutMs, webSocketMaxConnectionMs: 60_000,
  });
  // The handlers (loaded in this worker on first use) answer pings through this gateway's Management API.
  process.env.SWITCHBOARD_WS_ENDPOINT = gateway.url;
  app = buildContainer(loadConfig(process.env));
  origin = app.config.allowedOrigins[0]!;
});
afterAll(async () => {
  for (const socket of opened) socket.terminate();
  await gateway.stop();
});

/** An agent of a new tenant, connected with a fresh ticket; `closed` resolves with the close code. */
async function anAgentSocket() {
  const accountId = newId();
  await app.repositories.accounts.create(anAccount(accountId));
  const agent = anAgent(accountId);
  await app.repositories.agents.create(agent);
  const { ticket } = await app.services.issueConnectTicket({ accountId, principal: { kind: 'agent', agentId: agent.id }, origin });
  const socket = new WebSocket(`${gateway.webSocketUrl}?ticket=${ticket}`, { headers: { Origin: origin } });
  opened.push(socket);
  const frames: any[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const [connection] = await eventually(async () => {
    const found = await app.repositories.connections.listByAgent(accountId, agent.id);
    return found.length > 0 ? found : undefined;
  }, 5_000, 'the Connection item');
  return { accountId, agent, socket, frames, closed, connectionId: connection!.connectionId };
}

describe('local gateway: stale WebSocket connections', () => {
  it("defaults to API Gateway's limits: 10 minutes idle, 2 hours in total", () => {
    expect(defaultIdleTimeoutMs).toBe(600_000);
    expect(defaultMaxConnectionMs).toBe(7_200_000);
  });

  it('closes an idle connection with 1001 and runs $disconnect, which deletes the Connection item and its subscriptions', async () => {
    // Prepare
    const { accountId, agent, socket, frames, closed, connectionId } = await anAgentSocket();
    // The agent's own topic, not `account`: the shared laptop cloud's fan-out pushes this agent's
    // presence to `account` subscribers through its own gateway, which does not know this
    // connection (410), and so deletes the subscription before the idle timeout is reached.
    const topic = `agent:${agent.id}`;
    socket.send(JSON.stringify({ action: 'subscribe', topics: [topic], id: 's1' }));
    await eventually(() => frames.find((f) => f.type === 'subscribed'), 5_000, 'subscribed');
    expect(await app.repositories.subscriptions.listSubscribers(accountId, topic)).toContain(connectionId);

    // Act: say nothing for longer than the idle timeout.
    const code = await closed;

    // Assess
    expect(code).toBe(1001);
    await expect.poll(() => app.repositories.connections.get(accountId, connectionId), { timeout: 5_000 }).toBeUndefined();
    expect(await app.repositories.connections.listByAgent(accountId, agent.id)).toEqual([]);
    expect(await app.repositories.subscriptions.listSubscribers(accountId, topic)).not.toContain(connectionId);
  });

  it('keeps a connection open while the client sends its ping heartbeat', async () => {
    // Prepare
    const { accountId, socket, frames, connectionId } = await anAgentSocket();

    // Act: ping every quarter of the idle timeout, for three idle timeouts.
    for (let i = 0; i < 12; i += 1) {
      socket.send(JSON.stringify({ action: 'ping', id: `hb${i}` }));
      await new Promise((resolve) => setTimeout(resolve, idleTimeoutMs / 4));
    }

    // Assess
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(frames.filter((f) => f.type === 'pong').length).toBeGreaterThan(0);
    expect(await app.repositories.connections.get(accountId, connectionId)).toBeDefined();
  });

  it('closes a connection at the maximum duration even when it is active, and runs $disconnect', async () => {
    // Prepare
    const disconnects: string[] = [];
    const echo = inlineFunction({ name: 'ws', trigger: { kind: 'websocket', routes: ['$connect', '$disconnect', '$default'] } }, (event: any) => {
      if (event.requestContext.eventType === 'DISCONNECT') disconnects.push(event.requestContext.connectionId);
      return { statusCode: 200 };
    });
    const short = await startGateway({
      port: 0, functions: [echo], region: region(), rootDir: repositoryRoot, log: () => undefined,
      webSocketIdleTimeoutMs: 60_000, webSocketMaxConnectionMs: 600,
    });
    try {
      const socket = new WebSocket(short.webSocketUrl);
      const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      const heartbeat = setInterval(() => socket.send('{"action":"ping"}'), 100);

      // Act
      const code = await closed;
      clearInterval(heartbeat);

      // Assess
      expect(code).toBe(1001);
      await eventually(() => disconnects[0], 5_000, '$disconnect');
      expect(short.connectionCount()).toBe(0);
    } finally {
      await short.stop();
    }
  });
});
