/**
 * The WebSocket URL clients connect to — layer: runtime.
 *
 * In AWS the Management API endpoint is the WebSocket stage URL over https
 * (`https://<id>.execute-api.<region>.amazonaws.com/<stage>`), so the socket is the same URL over
 * wss. The laptop's gateway serves the Management API at its root and the socket at `/ws`.
 */
import type { Config } from '../config.js';

/** `wss://…/<stage>` in AWS, `ws://127.0.0.1:<port>/ws` on the laptop. */
export function realtimeUrl(cfg: Pick<Config, 'wsManagementEndpoint' | 'localEndpoints'>): string {
  const base = cfg.wsManagementEndpoint.replace(/\/+$/, '').replace(/^http/, 'ws');
  return cfg.localEndpoints.dynamodb !== undefined ? `${base}/ws` : base;
}
