/**
 * The base of the composition root — layer: runtime (container).
 *
 * What every function stands on: the configuration, the clock, ids and the DynamoDB table (its
 * repositories are in `repositories.ts`), built once per base, on first use; and
 * {@link realtimePublisher}, for the areas that push to WebSockets. The area containers next to
 * this file (`realtime.ts`, `auth.ts`, `conversations.ts`, `widget.ts`, `channels.ts`) build
 * their services over a base, so a function's bundle holds only the areas it imports (each
 * Lambda is one ESM file: esbuild drops what no import reaches, and only that).
 */
import { createDocumentClient } from '../../adapters/dynamodb/client.js';
import type { TableContext } from '../../adapters/dynamodb/table-context.js';
import { makeManagementPublisher } from '../../adapters/apigw/management-publisher.js';
import { systemClock } from '../../adapters/system/clock.js';
import { makeIds } from '../../adapters/system/ids.js';
import type { RealtimePublisher } from '../../ports/realtime.js';
import type { Clock, Ids } from '../../ports/system.js';
import { config, type Config } from '../config.js';

/** The configuration and the ports every area shares. */
export interface Base {
  readonly config: Config;
  readonly clock: Clock;
  readonly ids: Ids;
  /** Whether the adapters talk to the laptop cloud (local endpoints). */
  readonly local: boolean;
  /** The table's document client and name (built on first use). */
  readonly table: TableContext;
}

/** A value built on its first read. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/** A use case built on its first call, so a function pays only for the use cases it runs. */
export function deferred<A extends unknown[], R>(build: () => (...args: A) => R): (...args: A) => R {
  const get = lazy(build);
  return (...args) => get()(...args);
}

/**
 * Memoises what an area builds over a base: one instance per base (the process's base by
 * default). Call it as `export const x = /* @__PURE__ *\/ perBase(...)` so that esbuild drops
 * the area, and every import only it reaches, from a function that never calls it.
 */
export function perBase<T>(build: (base: Base) => T): (base?: Base) => T {
  const built = new WeakMap<Base, T>();
  return (b = processBase()) => {
    let value = built.get(b);
    if (value === undefined) {
      value = build(b);
      built.set(b, value);
    }
    return value;
  };
}

/** Builds a base over a given configuration (tests and the laptop cloud pass their own). */
export function buildBase(cfg: Config): Base {
  const local = cfg.localEndpoints.dynamodb !== undefined;
  const ids = makeIds();
  const table = lazy((): TableContext => ({
    client: createDocumentClient({ region: cfg.region, ...(cfg.localEndpoints.dynamodb ? { endpoint: cfg.localEndpoints.dynamodb } : {}) }),
    tableName: cfg.tableName,
  }));
  return {
    config: cfg,
    clock: systemClock,
    ids,
    local,
    get table() {
      return table();
    },
  };
}

/** The API Gateway Management API publisher over a base (the process's by default). */
export const realtimePublisher = /* @__PURE__ */ perBase((b): RealtimePublisher => makeManagementPublisher({
  region: b.config.region, local: b.local, endpoint: b.config.wsManagementEndpoint,
}));

let instance: Base | undefined;

/** The process's base, built from the environment on first use. */
export function processBase(): Base {
  instance ??= buildBase(config());
  return instance;
}
