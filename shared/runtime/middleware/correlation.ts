/**
 * Correlation middleware — layer: runtime.
 *
 * Adds the Lambda request id to every log line of the invocation as `correlationId`, and logs
 * an uncaught error once, with that id and without the stack reaching any client. Errors
 * marked `expected` (an authorizer's refusal) are outcomes, not failures, and are not logged.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '../logger.js';

/** middy middleware: correlation id on logs, one log line per uncaught error. */
export function correlation(): MiddlewareObj<unknown, unknown, Error, Context> {
  return {
    before: (request) => {
      logger().resetKeys();
      logger().appendKeys({ correlationId: request.context.awsRequestId });
    },
    onError: (request) => {
      const error = request.error;
      if ((error as { expected?: unknown } | null)?.expected === true) return;
      logger().error('invocation failed', { errorName: error?.name, errorMessage: error?.message });
    },
  };
}
