/**
 * ws-authorizer — the WebSocket API's `$connect` REQUEST authorizer.
 *
 * Admits a connection that presents a valid single-use ticket (`?ticket=`) from the Origin the
 * ticket was issued for, and hands the caller to every route of the connection as context.
 * Any refusal is a plain 401 ("Unauthorized"); the reason goes to the log only.
 */
import middy from '@middy/core';
import type { APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult } from 'aws-lambda';
import { connectTickets } from '../shared/runtime/containers/realtime.js';
import { AuthorizerRefusal, ConnectRefusedError } from '../shared/runtime/errors.js';
import { logger } from '../shared/runtime/logger.js';
import { correlation } from '../shared/runtime/middleware/correlation.js';
import { encodeCaller } from '../shared/runtime/websocket-context.js';

async function authorize(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const headers = event.headers ?? {};
  const origin = headers.Origin ?? headers.origin;
  try {
    const caller = await connectTickets().authorizeConnect({ ticket: event.queryStringParameters?.ticket, origin });
    return {
      principalId: caller.principal.kind === 'agent' ? caller.principal.agentId : caller.principal.contactId,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
      },
      context: encodeCaller(caller),
    };
  } catch (error) {
    if (error instanceof ConnectRefusedError) {
      logger().info('websocket connect refused', { reason: error.reason });
      throw new AuthorizerRefusal();
    }
    throw error;
  }
}

const handler = middy(authorize).use(correlation());
export { handler };
