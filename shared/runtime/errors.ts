/**
 * Errors functions may meet — layer: runtime.
 *
 * Functions depend on the runtime only; this module re-exports the service errors they turn
 * into responses, so no function reaches past the runtime into services.
 */
export { ConnectRefusedError, OriginNotAllowedError } from '../services/realtime/errors.js';
export { ConfigurationError } from './config.js';
