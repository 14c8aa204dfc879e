/**
 * The local gateway's WebSocket API and Management API: the REQUEST authorizer decides on the
 * upgrade, its context reaches every route event of the connection, and the real
 * `@aws-sdk/client-apigatewaymanagementapi` client posts to, describes and deletes connections.
 */
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { repositoryRoot } from '../../../infra/local/cloud.js';
import { inlineFunction } from '../../../infra/local/functions.js';
import { startGateway, type Gateway } from '../../../infra/local/gateway.js';
import { dummyCredentials } from '../../../infra/local/local-clients.js';
import { eventually, region } from './support.js';

interface RouteEvent {
  requestContext: { routeKey: string; eventType: string; connectionId: string; authorizer?: Record<string, unknown>; disconnectStatusCode?: number };
  body?: string;
  headers?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
}

const authorizerEvents: any[] = [];
const routeEvents: RouteEvent[] = [];

function policy(effect: 'Allow' | 'Deny', resource: string) {
  return {
    principalId: 'agent-7',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    context: { accountId: 'acc-1', seats: 5, admin: true },
  };
}

const authorizer = inlineFunction({ name: 'ws-authorizer', trigger: { kind: 'websocket-authorizer', identitySource: 'ticket' } }, (event: any) => {
  authorizerEvents.push(event);
  switch (event.queryStringParameters?.ticket) {
    case 'allow': return policy('Allow', event.methodArn);
    case 'allow-other-route': return policy('Allow', event.methodArn.replace('$connect', '$default'));
    case 'deny': return policy('Deny', event.methodArn);
    case 'malformed': return { policyDocument: {} };
    default: throw new Error('Unauthorized');
  }
});

const ws = inlineFunction({ name: 'ws', trigger: { kind: 'websocket', routes: ['$connect', '$disconnect', '$default'] } }, (event: any) => {
  routeEvents.push(event);
  if (event.requestContext.eventType === 'CONNECT' && event.queryStringParameters?.refuse) return { statusCode: 400 };
  if (event.body === 'explode') throw new Error('handler bug');
  return { statusCode: 200 };
});

let gateway: Gateway;
let management: ApiGatewayManagementApiClient;
const opened: WebSocket[] = [];

beforeAll(async () => {
  gateway = await startGateway({ port: 0, functions: [authorizer, ws], region: region(), rootDir: repositoryRoot, log: () => undefined });
  management = new ApiGatewayManagementApiClient({ endpoint: gateway.url, region: region(), credentials: dummyCredentials });
});
afterAll(async () => {
  for (const socket of opened) socket.terminate();
  management.destroy();
  await gateway.stop();
});

/** Opens a socket; resolves with it and its received frames, or rejects with the refusal status. */
function connect(query: string): Promise<{ socket: WebSocket; frames: string[]; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${gateway.webSocketUrl}?${query}`, { headers: { Origin: 'http://127.0.0.1' } });
    const frames: string[] = [];
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.on('message', (data) => frames.push(String(data)));
    socket.on('unexpected-response', (_request, response) => reject(Object.assign(new Error(`refused ${response.statusCode}`), { status: response.statusCode })));
    socket.on('error', reject);
    socket.on('open', () => {
      opened.push(socket);
      resolve({ socket, frames, closed });
    });
  });
}

function refusal(query: string): Promise<number> {
  return connect(query).then(() => 0, (error: { status?: number }) => error.status ?? -1);
}

function eventsOf(connectionId: string, eventType: string): RouteEvent[] {
  return routeEvents.filter((e) => e.requestContext.connectionId === connectionId && e.requestContext.eventType === eventType);
}

async function connectionIdOf(): Promise<string> {
  return (await eventually(() => routeEvents.filter((e) => e.requestContext.eventType === 'CONNECT').at(-1), 5_000, '$connect')).requestContext.connectionId;
}

describe('local gateway: WebSocket API', () => {
  it('sends the $connect REQUEST authorizer event as API Gateway does and admits an Allow', async () => {
    // Act
    await connect('ticket=allow&lang=en');

    // Assess
    const event = authorizerEvents.at(-1);
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: expect.stringMatching(/^arn:aws:execute-api:[a-z0-9-]+:000000000000:[a-z0-9]+\/local\/\$connect$/),
      headers: { Origin: 'http://127.0.0.1', 'X-Forwarded-Proto': 'http' },
      multiValueHeaders: { Origin: ['http://127.0.0.1'] },
      queryStringParameters: { ticket: 'allow', lang: 'en' },
      multiValueQueryStringParameters: { ticket: ['allow'] },
      stageVariables: {},
      requestContext: { routeKey: '$connect', eventType: 'CONNECT', messageDirection: 'IN', stage: 'local', identity: { sourceIp: '127.0.0.1' } },
    });
    expect(event.requestContext.connectionId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it('passes the authorizer context and principalId to $connect, $default and $disconnect', async () => {
    // Prepare
    const { socket, closed } = await connect('ticket=allow');
    const connectionId = await connectionIdOf();

    // Act
    socket.send('{"action":"ping"}');
    await eventually(() => eventsOf(connectionId, 'MESSAGE')[0], 5_000, '$default');
    socket.close(1000, 'bye');
    await closed;
    const disconnect = await eventually(() => eventsOf(connectionId, 'DISCONNECT')[0], 5_000, '$disconnect');

    // Assess
    const expected = { accountId: 'acc-1', seats: '5', admin: 'true', principalId: 'agent-7' };
    expect(eventsOf(connectionId, 'CONNECT')[0]?.requestContext.authorizer).toMatchObject(expected);
    expect(eventsOf(connectionId, 'MESSAGE')[0]).toMatchObject({ body: '{"action":"ping"}', requestContext: { routeKey: '$default', authorizer: expected } });
    expect(disconnect.requestContext).toMatchObject({ routeKey: '$disconnect', disconnectStatusCode: 1000, authorizer: expected });
  });

  it('refuses the upgrade with 403 for a Deny or a policy that does not cover $connect, 401 when the authorizer throws, 500 for a malformed result', async () => {
    expect(await refusal('ticket=deny')).toBe(403);
    expect(await refusal('ticket=allow-other-route')).toBe(403);
    expect(await refusal('ticket=unknown')).toBe(401);
    expect(await refusal('ticket=malformed')).toBe(500);
  });

  it('refuses the upgrade when $connect answers a non-2xx status', async () => {
    const before = gateway.connectionCount();

    expect(await refusal('ticket=allow&refuse=1')).toBe(400);
    expect(gateway.connectionCount()).toBe(before);
  });

  it('answers API Gateway\'s error frame when $default fails', async () => {
    const { socket, frames } = await connect('ticket=allow');
    const connectionId = await connectionIdOf();

    socket.send('explode');

    const frame = JSON.parse(await eventually(() => frames[0], 5_000, 'error frame'));
    expect(frame).toMatchObject({ message: 'Internal server error', connectionId });
  });

  it('closes the connection with 1009 when a message is over 32 KB', async () => {
    const { socket, closed } = await connect('ticket=allow');

    socket.send('x'.repeat(32 * 1024 + 1));

    expect(await closed).toBe(1009);
  });
});

describe('local gateway: Management API with the real SDK client', () => {
  it('posts to a connection, describes it and deletes it (then $disconnect runs)', async () => {
    // Prepare
    const { frames, closed } = await connect('ticket=allow');
    const connectionId = await connectionIdOf();

    // Act
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode('{"type":"hello"}') }));
    const described = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));

    // Assess
    expect(await eventually(() => frames[0], 5_000, 'posted frame')).toBe('{"type":"hello"}');
    expect(described.ConnectedAt).toBeInstanceOf(Date);
    expect(described.LastActiveAt).toBeInstanceOf(Date);
    expect(described.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: '' });
    expect(await closed).toBe(1000);
    await eventually(() => eventsOf(connectionId, 'DISCONNECT')[0], 5_000, '$disconnect');
  });

  it('raises GoneException for an unknown or closed connection', async () => {
    // Prepare
    const { socket, closed } = await connect('ticket=allow');
    const connectionId = await connectionIdOf();
    socket.close();
    await closed;

    // Act
    const unknown = await management.send(new PostToConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=', Data: new Uint8Array([1]) })).catch((error: unknown) => error);
    const gone = await management.send(new GetConnectionCommand({ ConnectionId: connectionId })).catch((error: unknown) => error);

    // Assess
    expect(unknown).toBeInstanceOf(GoneException);
    expect(gone).toMatchObject({ name: 'GoneException', $metadata: { httpStatusCode: 410 } });
  });
});
