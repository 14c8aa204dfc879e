/**
 * Local functions — layer: infra (local composition root).
 *
 * A {@link LocalFunction} is one Lambda function as the laptop runs it: its name, trigger and
 * limits from the manifest, and a loader that imports the entry module on first use and keeps
 * it (a warm container). A module that fails to import is remembered with its error, so the
 * rest of the cloud keeps running and `GET /health` names the broken function.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionSpec, Trigger } from '../manifest.js';
import { HandlerLoadError } from './errors.js';
import type { LambdaContext } from './lambda-context.js';

/** A Lambda handler: `handler(event, context)`, returning a value or a promise. */
export type LambdaHandler = (event: unknown, context: LambdaContext) => unknown;

/** The load state of a function's module. */
export type LoadState =
  | { readonly state: 'not-loaded' }
  | { readonly state: 'loaded' }
  | { readonly state: 'failed'; readonly error: string };

/** One function as the laptop cloud invokes it. */
export interface LocalFunction {
  readonly name: string;
  readonly trigger: Trigger;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Where the handler comes from (an entry path, or `inline` for handlers given as values). */
  readonly source: string;
  /** The handler, imported once; rejects with {@link HandlerLoadError} if the module is broken. */
  load(): Promise<LambdaHandler>;
  status(): LoadState;
}

/** What {@link inlineFunction} needs besides the handler. */
export interface InlineFunctionSpec {
  readonly name: string;
  readonly trigger: Trigger;
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

/**
 * A function whose handler is imported from `entry` (relative to `rootDir`) on first use.
 * Works for the manifest's functions and for test fixtures with any entry path.
 */
export function functionFromEntry(
  spec: Pick<FunctionSpec, 'name' | 'trigger' | 'timeoutSeconds' | 'memoryMb'> & { readonly entry: string },
  rootDir: string,
): LocalFunction {
  let loading: Promise<LambdaHandler> | undefined;
  let state: LoadState = { state: 'not-loaded' };
  return {
    name: spec.name,
    trigger: spec.trigger,
    timeoutSeconds: spec.timeoutSeconds,
    memoryMb: spec.memoryMb,
    source: spec.entry,
    load() {
      loading ??= (async () => {
        try {
          const module = (await import(pathToFileURL(resolve(rootDir, spec.entry)).href)) as { handler?: unknown };
          if (typeof module.handler !== 'function') {
            throw new HandlerLoadError(`${spec.entry} does not export a function named "handler"`);
          }
          state = { state: 'loaded' };
          return module.handler as LambdaHandler;
        } catch (error) {
          const failure = error instanceof HandlerLoadError
            ? error
            : new HandlerLoadError(`cannot import ${spec.entry}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          state = { state: 'failed', error: failure.message };
          throw failure;
        }
      })();
      return loading;
    },
    status: () => state,
  };
}

/** A function whose handler is given as a value (tests mount fixtures this way). */
export function inlineFunction(spec: InlineFunctionSpec, handler: LambdaHandler): LocalFunction {
  return {
    name: spec.name,
    trigger: spec.trigger,
    timeoutSeconds: spec.timeoutSeconds ?? 30,
    memoryMb: spec.memoryMb ?? 512,
    source: 'inline',
    load: () => Promise.resolve(handler),
    status: () => ({ state: 'loaded' }),
  };
}
