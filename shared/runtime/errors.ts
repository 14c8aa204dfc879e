/**
 * Errors functions may meet — layer: runtime.
 *
 * Functions depend on the runtime only; this module re-exports the service errors they turn
 * into responses, so no function reaches past the runtime into services.
 */
export { ConnectRefusedError, OriginNotAllowedError } from '../services/realtime/errors.js';
export { ConfigurationError } from './config.js';

/**
 * The refusal a Lambda authorizer throws: API Gateway answers 401 when an authorizer fails
 * with exactly the message "Unauthorized". It is an expected outcome, so it is not logged as
 * an error.
 */
export class AuthorizerRefusal extends Error {
  override readonly name = 'AuthorizerRefusal';
  readonly expected = true;
  constructor() {
    super('Unauthorized');
  }
}
