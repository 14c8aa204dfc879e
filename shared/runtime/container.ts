/**
 * The full container — layer: runtime (the composition root of the Lambda side).
 *
 * Every area of `containers/` over one base: what the tests, the benches and the laptop seed
 * use when they need every service at once. Functions do not import it: each function's
 * runtime module calls only the area containers it needs (`containers/realtime.ts`,
 * `auth.ts`, `conversations.ts`, `widget.ts`, `channels.ts`), so esbuild leaves the other
 * areas, their adapters and their SDKs out of its bundle.
 */
import type { Repositories } from '../adapters/dynamodb/index.js';
import type { VisibilityChanger } from '../adapters/sqs/job-queue.js';
import type { ChannelSender, CredentialStore, PlatformSecrets, Provider } from '../ports/channels.js';
import type { ChannelRepository } from '../ports/channel-store.js';
import type { FileStorage } from '../ports/file-storage.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { KeyRing } from '../ports/key-ring.js';
import type { RealtimePublisher } from '../ports/realtime.js';
import type { Clock, Ids } from '../ports/system.js';
import { aiAdmin, aiCosts, problemRecorder, type AiAdminServices, type AiCostServices } from './containers/ai-admin.js';
import { aiResponder, type AiResponderServices } from './containers/ai.js';
import { aiTurnQueue } from './containers/ai-queue.js';
import { handoffActions, type HandoffServices } from './containers/handoff.js';
import { auth, type AuthServices } from './containers/auth.js';
import { buildBase, processBase, realtimePublisher, type Base } from './containers/base.js';
import { channelInbound, channelSend, channelSetup, type ChannelInboundServices, type ChannelSendServices, type ChannelSetupServices } from './containers/channels.js';
import { conversations, type ConversationServices } from './containers/conversations.js';
import { channelRepository, channelSenders, credentialStore, fileStorage, jobQueue, keyRing, platformSecrets, visibility } from './containers/ports.js';
import { decodeStreamRecord, realtime, type RealtimeServices } from './containers/realtime.js';
import { repositories } from './containers/repositories.js';
import { widget, widgetAdmin, type WidgetAdminServices, type WidgetServices } from './containers/widget.js';
import { knowledgeSources, type KnowledgeSourceServices } from './containers/knowledge.js';
import type { Config } from './config.js';

/** The use cases functions call, every area's together. */
export interface Services extends RealtimeServices, WidgetServices, WidgetAdminServices, ConversationServices,
  ChannelInboundServices, ChannelSendServices, ChannelSetupServices, AuthServices,
  // AI costs, budgets, notifications, problems (H5)
  AiCostServices, AiAdminServices, ProblemRecorderServices,
  // AI turn, hand-off, widget job queueing (H4)
  AiResponderServices, HandoffServices, AiTurnQueueServices,
  // Knowledge sources and the agents' test search (H3)
  KnowledgeSourceServices {}

/** H4: queueing the AI turn of a widget message. */
type AiTurnQueueServices = ReturnType<typeof aiTurnQueue>;

/** H5: recording questions the bot could not answer (the caller passes the question's embedding). */
type ProblemRecorderServices = ReturnType<typeof problemRecorder>;

/** Everything the areas build, in one object. */
export interface Container {
  readonly config: Config;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly repositories: Repositories;
  readonly publisher: RealtimePublisher;
  /** Signing and encryption keys derived from the app secret (fetched once, on first use). */
  readonly keys: KeyRing;
  readonly services: Services;
  readonly decodeStreamRecord: typeof decodeStreamRecord;
  // --- CHANNELS (CORE): ports the webhook bindings and the outbound sender use directly ---
  readonly channels: ChannelRepository;
  readonly credentials: CredentialStore;
  readonly platformSecrets: PlatformSecrets;
  readonly fileStorage: FileStorage;
  readonly jobs: JobQueue;
  readonly senders: Readonly<Record<Provider, ChannelSender>>;
  /** Delays a received queue message (the outbound sender's backoff). */
  readonly visibility: VisibilityChanger;
}

function containerOver(b: Base): Container {
  const services: Services = {
    ...realtime(b),
    ...widget(b),
    ...widgetAdmin(b),
    ...conversations(b),
    ...channelInbound(b),
    ...channelSend(b),
    ...channelSetup(b),
    ...auth(b),
    // AI costs, budgets, notifications, problems (H5)
    ...aiCosts(b),
    ...aiAdmin(b),
    ...problemRecorder(b),
    // AI turn, hand-off, widget job queueing (H4)
    ...aiResponder(b),
    ...handoffActions(b),
    ...aiTurnQueue(b),
    // Knowledge sources and the agents' test search (H3)
    ...knowledgeSources(b),
  };
  return {
    config: b.config,
    clock: b.clock,
    ids: b.ids,
    get repositories() {
      return repositories(b);
    },
    get publisher() {
      return realtimePublisher(b);
    },
    keys: keyRing(b),
    services,
    decodeStreamRecord,
    get channels() {
      return channelRepository(b);
    },
    get credentials() {
      return credentialStore(b);
    },
    get platformSecrets() {
      return platformSecrets(b);
    },
    get fileStorage() {
      return fileStorage(b);
    },
    get jobs() {
      return jobQueue(b);
    },
    get senders() {
      return channelSenders(b);
    },
    get visibility() {
      return visibility(b);
    },
  };
}

/** Builds a container over a given configuration (tests and the laptop cloud pass their own). */
export function buildContainer(cfg: Config): Container {
  return containerOver(buildBase(cfg));
}

let instance: Container | undefined;

/** Every area over the process's base (the one the functions' area containers use), built on first use. */
export function container(): Container {
  instance ??= containerOver(processBase());
  return instance;
}
