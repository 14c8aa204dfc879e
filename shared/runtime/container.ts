/**
 * The container — layer: runtime (the composition root of the Lambda side).
 *
 * The only module that joins services and adapters. It picks adapters from the configuration
 * (local endpoints on the laptop, regional AWS endpoints in the cloud) and builds each client,
 * repository and service once per cold start, on first use, so a function only pays for what
 * it touches.
 */
import { makeManagementPublisher } from '../adapters/apigw/management-publisher.js';
import { decodeStreamRecord } from '../adapters/dynamodb-stream/decode-change.js';
import { createDocumentClient, makeDynamoRepositories, type Repositories } from '../adapters/dynamodb/index.js';
import { systemClock } from '../adapters/system/clock.js';
import { makeIds } from '../adapters/system/ids.js';
import type { RealtimePublisher } from '../ports/realtime.js';
import type { Clock, Ids } from '../ports/system.js';
import { makeAuthorizeConnect } from '../services/realtime/authorize-connect.js';
import { makeAuthorizeTopic } from '../services/realtime/authorize-topic.js';
import { makeFanOutChange } from '../services/realtime/fan-out-change.js';
import { makeHandleClientFrame } from '../services/realtime/handle-client-frame.js';
import { makeIssueConnectTicket } from '../services/realtime/issue-connect-ticket.js';
import { makeCloseConnection, makeOpenConnection } from '../services/realtime/open-connection.js';
import { config, type Config } from './config.js';

/** The use cases functions call. */
export interface Services {
  readonly issueConnectTicket: ReturnType<typeof makeIssueConnectTicket>;
  readonly authorizeConnect: ReturnType<typeof makeAuthorizeConnect>;
  readonly openConnection: ReturnType<typeof makeOpenConnection>;
  readonly closeConnection: ReturnType<typeof makeCloseConnection>;
  readonly handleClientFrame: ReturnType<typeof makeHandleClientFrame>;
  readonly fanOutChange: ReturnType<typeof makeFanOutChange>;
}

/** Everything a function can get from the container. */
export interface Container {
  readonly config: Config;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly repositories: Repositories;
  readonly publisher: RealtimePublisher;
  readonly services: Services;
  readonly decodeStreamRecord: typeof decodeStreamRecord;
}

function lazy<T>(build: () => T): () => T {
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
function deferred<A extends unknown[], R>(build: () => (...args: A) => R): (...args: A) => R {
  const get = lazy(build);
  return (...args) => get()(...args);
}

/** Builds a container over a given configuration (tests and the laptop cloud pass their own). */
export function buildContainer(cfg: Config): Container {
  const local = cfg.localEndpoints.dynamodb !== undefined;
  const clock = systemClock;
  const ids = makeIds();
  const repositories = lazy(() =>
    makeDynamoRepositories(
      createDocumentClient({ region: cfg.region, ...(cfg.localEndpoints.dynamodb ? { endpoint: cfg.localEndpoints.dynamodb } : {}) }),
      cfg.tableName,
    ),
  );
  const publisher = lazy(() => makeManagementPublisher({ region: cfg.region, local, endpoint: cfg.wsManagementEndpoint }));
  const authorizeTopic = lazy(() => makeAuthorizeTopic(repositories()));

  const services: Services = {
    issueConnectTicket: deferred(() => makeIssueConnectTicket({ tickets: repositories().tickets, clock, ids, allowedOrigins: cfg.allowedOrigins })),
    authorizeConnect: deferred(() => makeAuthorizeConnect({ tickets: repositories().tickets, clock })),
    openConnection: deferred(() => makeOpenConnection({ ...repositories(), clock })),
    closeConnection: deferred(() => makeCloseConnection(repositories())),
    handleClientFrame: deferred(() => makeHandleClientFrame({ subscriptions: repositories().subscriptions, publisher: publisher(), clock, authorizeTopic: authorizeTopic() })),
    fanOutChange: deferred(() => makeFanOutChange({ ...repositories(), publisher: publisher() })),
  };

  return {
    config: cfg,
    clock,
    ids,
    get repositories() {
      return repositories();
    },
    get publisher() {
      return publisher();
    },
    services,
    decodeStreamRecord,
  };
}

let instance: Container | undefined;

/** The process's container, built from the environment on first use. */
export function container(): Container {
  instance ??= buildContainer(config());
  return instance;
}
