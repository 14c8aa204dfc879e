/**
 * Realtime publisher port — layer: ports. Sends frames to WebSocket connections (API Gateway
 * Management API in AWS and on the laptop, whose gateway serves the same endpoints).
 */

/** The outcome of sending to one connection. */
export type SendResult = 'sent' | 'gone';

export interface RealtimePublisher {
  /** Sends one JSON frame; `gone` when the connection no longer exists (HTTP 410). */
  send(connectionId: string, frame: unknown): Promise<SendResult>;
  /** Closes a connection; a connection that is already gone is not an error. */
  disconnect(connectionId: string): Promise<void>;
}
