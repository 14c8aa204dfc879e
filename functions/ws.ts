/**
 * ws — the WebSocket API's `$connect`, `$disconnect` and `$default` routes.
 *
 * `$connect` records the connection for the caller the authorizer admitted; `$default` handles
 * subscribe / unsubscribe / ping frames (answers go back through the Management API);
 * `$disconnect` forgets the connection and its subscriptions.
 */
import middy from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { connections } from '../shared/runtime/containers/realtime.js';
import { correlation } from '../shared/runtime/middleware/correlation.js';
import { decodeCaller } from '../shared/runtime/websocket-context.js';

/** The parts of an API Gateway WebSocket route event this function reads. */
interface WebSocketRouteEvent {
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: {
    readonly routeKey: string;
    readonly connectionId: string;
    readonly connectedAt: number;
    readonly authorizer?: unknown;
  };
}

async function route(event: WebSocketRouteEvent): Promise<APIGatewayProxyResultV2> {
  const { routeKey, connectionId, connectedAt, authorizer } = event.requestContext;
  const { accountId, principal } = decodeCaller(authorizer);
  const services = connections();
  switch (routeKey) {
    case '$connect':
      await services.openConnection({ accountId, connectionId, principal });
      return { statusCode: 200 };
    case '$disconnect':
      await services.closeConnection({ accountId, connectionId });
      return { statusCode: 200 };
    default: {
      const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
      await services.handleClientFrame({ accountId, connectionId, principal, connectedAtMs: connectedAt }, raw);
      return { statusCode: 200 };
    }
  }
}

const handler = middy(route).use(correlation());
export { handler };
