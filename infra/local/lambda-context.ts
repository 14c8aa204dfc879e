/**
 * Lambda invocation — layer: infra (local composition root).
 *
 * Calls a handler the way the Lambda Node.js runtime does: `handler(event, context)` with a
 * context carrying the function's name, ARN, memory, a fresh request id and the remaining time,
 * awaiting the result. Past the function's timeout the invocation fails as Lambda reports it
 * ("Task timed out after N seconds"); the handler's promise is left to settle on its own, since
 * code in this process cannot be frozen the way Lambda freezes a sandbox.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { InvocationTimeoutError } from './errors.js';
import type { LocalFunction } from './functions.js';

/** The Lambda context without the callback-era `done`/`fail`/`succeed` (absent from modern runtimes). */
export type LambdaContext = Omit<Context, 'done' | 'fail' | 'succeed'>;

/** The account id of every local ARN (the one fauxqs and DynamoDB Local use). */
export const localAccountId = '000000000000';

/** Builds the context of one invocation. */
export function lambdaContext(fn: LocalFunction, region: string, deadline: number): LambdaContext {
  const requestId = randomUUID();
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${localAccountId}:function:${fn.name}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${today}/[$LATEST]local`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/**
 * Invokes `fn` with `event`; resolves with the handler's result, rejects with its error, a
 * {@link HandlerLoadError} when the module cannot be imported, or an
 * {@link InvocationTimeoutError} past the function's timeout.
 */
export async function invoke(fn: LocalFunction, event: unknown, region: string): Promise<unknown> {
  const handler = await fn.load();
  const timeoutMs = fn.timeoutSeconds * 1000;
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeoutError(`${fn.name}: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => handler(event, lambdaContext(fn, region, deadline))), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
