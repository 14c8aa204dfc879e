/**
 * Realtime publisher over the API Gateway Management API — layer: adapters.
 *
 * The same client works in AWS (the WebSocket stage's callback URL) and on the laptop (the
 * local gateway serves `/@connections/{id}` with the same status codes). A 410 GoneException
 * means the client went away without a clean `$disconnect`.
 */
import {
  ApiGatewayManagementApiClient, DeleteConnectionCommand, GoneException, PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { RealtimePublisher, SendResult } from '../../ports/realtime.js';
import { awsClientOptions, type AwsClientSettings } from '../aws-client-options.js';

/** Builds a {@link RealtimePublisher} for the WebSocket API at `endpoint`. */
export function makeManagementPublisher(settings: AwsClientSettings & { endpoint: string }): RealtimePublisher {
  const client = new ApiGatewayManagementApiClient(awsClientOptions(settings, settings.endpoint));
  const encoder = new TextEncoder();
  return {
    async send(connectionId: string, frame: unknown): Promise<SendResult> {
      try {
        await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: encoder.encode(JSON.stringify(frame)) }));
        return 'sent';
      } catch (error) {
        if (error instanceof GoneException) return 'gone';
        throw error;
      }
    },
    async disconnect(connectionId: string): Promise<void> {
      try {
        await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      } catch (error) {
        if (!(error instanceof GoneException)) throw error;
      }
    },
  };
}
