/**
 * SDK errors → the adapter's typed errors — layer: adapters.
 */
import { ModelRequestError, ModelUnavailableError } from './errors.js';

/** Bedrock exceptions after which the same request may succeed. */
const retryableNames: ReadonlySet<string> = new Set([
  'ThrottlingException', 'ServiceQuotaExceededException', 'ServiceUnavailableException', 'InternalServerException',
  'ModelNotReadyException', 'ModelTimeoutException', 'ModelStreamErrorException', 'ModelErrorException',
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError',
]);

/** Node network error codes (no response at all). */
const networkCodes: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * The typed error for a failed Bedrock call (`what` names the call in the message). Errors that
 * are not from the SDK or the network (a bug) are returned unchanged.
 */
export function toModelError(error: unknown, what: string): Error {
  if (error instanceof ModelUnavailableError || error instanceof ModelRequestError) return error;
  if (!(error instanceof Error)) return new ModelUnavailableError(`${what} failed: ${String(error)}`, 'Unknown', { cause: error });
  const sdk = error as SdkErrorShape;
  const name = sdk.name ?? 'Error';
  const status = sdk.$metadata?.httpStatusCode;
  const message = `${what} failed: ${name}: ${sdk.message ?? ''}`.trim();
  if (retryableNames.has(name) || (sdk.code !== undefined && networkCodes.has(sdk.code)) || status === 429 || (status !== undefined && status >= 500) || sdk.$fault === 'server') {
    return new ModelUnavailableError(message, sdk.code !== undefined && networkCodes.has(sdk.code) ? sdk.code : name, { cause: error });
  }
  // Bedrock's modelled exceptions (…Exception) that are not retryable: validation, access, not found.
  if (sdk.$fault === 'client' || (status !== undefined && status >= 400) || /Exception$/.test(name)) return new ModelRequestError(message, name, { cause: error });
  return error;
}
