/**
 * Connection lifetime — layer: services.
 *
 * API Gateway closes every WebSocket connection after 2 hours; items describing a connection
 * expire (DynamoDB TTL) a little after that, so a `$disconnect` that never arrived cannot leave
 * garbage behind for long.
 */

/** Seconds after `$connect` at which a connection's items expire: 2 h + 15 min of slack. */
export const connectionItemLifetimeSeconds = 2 * 3600 + 15 * 60;

/** The TTL (epoch seconds) for items of a connection opened at `connectedAtMs`. */
export function connectionExpiry(connectedAtMs: number): number {
  return Math.floor(connectedAtMs / 1000) + connectionItemLifetimeSeconds;
}
