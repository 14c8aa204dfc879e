/**
 * Realtime errors — layer: services.
 */

/** A WebSocket `$connect` was refused; `reason` is for logs, never sent to the client. */
export class ConnectRefusedError extends Error {
  override readonly name = 'ConnectRefusedError';
  constructor(readonly reason: string) {
    super(`connect refused: ${reason}`);
  }
}

/** A ticket was requested for an Origin that is not on the allowlist. */
export class OriginNotAllowedError extends Error {
  override readonly name = 'OriginNotAllowedError';
  constructor(readonly origin: string) {
    super(`origin ${origin} is not allowed to open a realtime connection`);
  }
}
