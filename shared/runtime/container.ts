/**
 * The container — layer: runtime (the composition root of the Lambda side).
 *
 * The only module that joins services and adapters. It picks adapters from the configuration
 * (local endpoints on the laptop, regional AWS endpoints in the cloud) and builds each client,
 * repository and service once per cold start, on first use, so a function only pays for what
 * it touches.
 */
import { makeKeyRing } from '../adapters/crypto/key-ring.js';
import { loadAppSecretFromSecretsManager } from '../adapters/secrets/app-secret.js';
import type { KeyRing } from '../ports/key-ring.js';
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
// --- WIDGET services (visitor sessions, widget config, attachments) ---
import { makeS3FileStorage } from '../adapters/s3/presigned-uploads.js';
import { makeCreateAttachmentUpload, makeResolveVisitorAttachments, makeSignAttachmentUrls } from '../services/widget/attachments.js';
import { makeAuthenticateVisitor } from '../services/widget/authenticate-visitor.js';
import { makeGetWidgetConfig } from '../services/widget/get-widget-config.js';
import { makeStartVisitorSession } from '../services/widget/start-visitor-session.js';
import { makeGetWidgetSetup, makeRotateWidgetSecret, makeUpdateWidgetSettings } from '../services/widget/widget-admin.js';
// --- CONVERSATIONS services (conversation core, teams, snooze wake-up) ---
import {
  makeAssignConversation, makeChangeConversationStatus, makeCountConversations, makeCreateTeam, makeGetContact, makeGetConversation,
  makeListContactConversations, makeListConversations, makeListInboxes, makeListMessages, makeListTeams, makeListVisitorConversations,
  makeMarkConversationRead, makeReceiveCustomerMessage, makeReplyToConversation, makeSetPriority, makeWakeSnoozedConversations,
} from '../services/conversations/index.js';
// --- CHANNELS (CORE): inbound pipeline, receipts, outbound sends, inbox set-up ---
import { makeChannelRepository } from '../adapters/dynamodb/channel-repository.js';
import { makeSecretsManagerCredentialStore, makeTableCredentialStore } from '../adapters/secrets/credential-store.js';
import { makePlatformSecrets } from '../adapters/secrets/platform-secrets.js';
import { makeSqsClient, makeSqsJobQueue, makeSqsVisibilityChanger, type VisibilityChanger } from '../adapters/sqs/job-queue.js';
import { makeMetaSender } from '../adapters/channels/meta/sender.js';
import { makeSendGridSender } from '../adapters/channels/sendgrid/sender.js';
import { makeTwilioSender } from '../adapters/channels/twilio/sender.js';
import type { ChannelSender, CredentialStore, InboxCredentials, PlatformSecrets, Provider } from '../ports/channels.js';
import type { ChannelRepository } from '../ports/channel-store.js';
import type { FileStorage } from '../ports/file-storage.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { Inbox } from '../domain/entities.js';
import { makeApplyDeliveryReceipt } from '../services/channels/apply-delivery-receipt.js';
import { makeInboxSetup } from '../services/channels/inbox-setup.js';
import { makeReceiveChannelMessage } from '../services/channels/receive-channel-message.js';
import { makeMarkPoisonJob, makeSendOutbound } from '../services/channels/send-outbound.js';
import { makeApplyWatermarkReceipt } from '../services/meta/apply-watermark-receipt.js';
import { makeReceiveMetaWebhook } from '../services/meta/receive-meta-webhook.js';
// --- AUTH services (agents' sign-in, sessions, MFA, team) ---
import { makeAuthenticateSession } from '../services/auth/authenticate-session.js';
import { makeArgon2PasswordHasher } from '../adapters/crypto/argon2-password-hasher.js';
import { makeOtplibTotp } from '../adapters/crypto/otplib-totp.js';
import type { AuthDeps } from '../services/auth/deps.js';
import { makeInvitations } from '../services/auth/invitations.js';
import { makeLogIn } from '../services/auth/log-in.js';
import { makeMfa } from '../services/auth/mfa.js';
import { makeRevokeAccess } from '../services/auth/revoke-access.js';
import { makeSignUp } from '../services/auth/sign-up.js';
import { makeTeam } from '../services/auth/team.js';

/** The use cases functions call. */
export interface Services {
  readonly issueConnectTicket: ReturnType<typeof makeIssueConnectTicket>;
  readonly authorizeConnect: ReturnType<typeof makeAuthorizeConnect>;
  readonly openConnection: ReturnType<typeof makeOpenConnection>;
  readonly closeConnection: ReturnType<typeof makeCloseConnection>;
  readonly handleClientFrame: ReturnType<typeof makeHandleClientFrame>;
  readonly fanOutChange: ReturnType<typeof makeFanOutChange>;
  // --- WIDGET services ---
  readonly startVisitorSession: ReturnType<typeof makeStartVisitorSession>;
  readonly authenticateVisitor: ReturnType<typeof makeAuthenticateVisitor>;
  readonly getWidgetConfig: ReturnType<typeof makeGetWidgetConfig>;
  readonly createAttachmentUpload: ReturnType<typeof makeCreateAttachmentUpload>;
  readonly resolveVisitorAttachments: ReturnType<typeof makeResolveVisitorAttachments>;
  /** Presigned download URLs for message attachments (replaces `objectKey` with `url`). */
  readonly signAttachmentUrls: ReturnType<typeof makeSignAttachmentUrls>;
  /** Admins: a web inbox's embed snippet, widget secret and settings; change them; rotate the secret. */
  readonly getWidgetSetup: ReturnType<typeof makeGetWidgetSetup>;
  readonly updateWidgetSettings: ReturnType<typeof makeUpdateWidgetSettings>;
  readonly rotateWidgetSecret: ReturnType<typeof makeRotateWidgetSecret>;
  // --- end WIDGET services ---
  // --- CONVERSATIONS services ---
  readonly receiveCustomerMessage: ReturnType<typeof makeReceiveCustomerMessage>;
  readonly listMessages: ReturnType<typeof makeListMessages>;
  readonly markConversationRead: ReturnType<typeof makeMarkConversationRead>;
  readonly listVisitorConversations: ReturnType<typeof makeListVisitorConversations>;
  readonly listConversations: ReturnType<typeof makeListConversations>;
  readonly countConversations: ReturnType<typeof makeCountConversations>;
  readonly getConversation: ReturnType<typeof makeGetConversation>;
  readonly replyToConversation: ReturnType<typeof makeReplyToConversation>;
  readonly assignConversation: ReturnType<typeof makeAssignConversation>;
  readonly changeConversationStatus: ReturnType<typeof makeChangeConversationStatus>;
  readonly setPriority: ReturnType<typeof makeSetPriority>;
  readonly getContact: ReturnType<typeof makeGetContact>;
  readonly listContactConversations: ReturnType<typeof makeListContactConversations>;
  readonly listInboxes: ReturnType<typeof makeListInboxes>;
  readonly createTeam: ReturnType<typeof makeCreateTeam>;
  readonly listTeams: ReturnType<typeof makeListTeams>;
  readonly wakeSnoozedConversations: ReturnType<typeof makeWakeSnoozedConversations>;
  // --- end CONVERSATIONS services ---
  // --- CHANNELS services (CORE) ---
  /** The inbound pipeline every webhook calls: contact, conversation, message once, AI job. */
  readonly receiveChannelMessage: ReturnType<typeof makeReceiveChannelMessage>;
  /** Delivery and read receipts: the status only moves forward. */
  readonly applyDeliveryReceipt: ReturnType<typeof makeApplyDeliveryReceipt>;
  /** `ROUTE#inbox#<id>` → the inbox and its credentials (Twilio and SendGrid webhooks); undefined when unknown. */
  readonly resolveWebhookInbox: (inboxId: string) => Promise<{ inbox: Inbox; credentials: InboxCredentials | undefined } | undefined>;
  /** Meta's `POST /webhooks/meta` batches (the META helper's service). */
  readonly receiveMetaWebhook: ReturnType<typeof makeReceiveMetaWebhook>;
  /** The outbound sender's use case, per job and attempt (receive count). */
  readonly sendOutbound: ReturnType<typeof makeSendOutbound>;
  readonly markPoisonJob: ReturnType<typeof makeMarkPoisonJob>;
  readonly createChannelInbox: ReturnType<typeof makeInboxSetup>['createChannelInbox'];
  readonly getInboxSetup: ReturnType<typeof makeInboxSetup>['getInboxSetup'];
  readonly sendTestMessage: ReturnType<typeof makeInboxSetup>['sendTestMessage'];
  readonly retryFailedMessage: ReturnType<typeof makeInboxSetup>['retryFailedMessage'];
  readonly getChannelState: ReturnType<typeof makeInboxSetup>['getChannelState'];
  // --- end CHANNELS services ---
  // --- AUTH services ---
  readonly authenticateSession: ReturnType<typeof makeAuthenticateSession>;
  readonly signUp: ReturnType<typeof makeSignUp>;
  readonly logIn: ReturnType<typeof makeLogIn>;
  readonly logOut: ReturnType<typeof makeRevokeAccess>['logOut'];
  readonly setUpMfa: ReturnType<typeof makeMfa>['setUp'];
  readonly enableMfa: ReturnType<typeof makeMfa>['enable'];
  readonly disableMfa: ReturnType<typeof makeMfa>['disable'];
  readonly verifyMfa: ReturnType<typeof makeMfa>['verify'];
  readonly inviteAgent: ReturnType<typeof makeInvitations>['invite'];
  readonly acceptInvitation: ReturnType<typeof makeInvitations>['accept'];
  readonly listAgents: ReturnType<typeof makeTeam>['listAgents'];
  /** Enabled agents with availability `online` and ≥ 1 open WebSocket (for auto-assignment). */
  readonly listAvailableAgents: ReturnType<typeof makeTeam>['listAvailableAgents'];
  readonly updateAgent: ReturnType<typeof makeTeam>['updateAgent'];
  readonly setAgentAvailability: ReturnType<typeof makeTeam>['setAvailability'];
  readonly getAccount: ReturnType<typeof makeTeam>['getAccount'];
  readonly updateAccount: ReturnType<typeof makeTeam>['updateAccount'];
  // --- end AUTH services ---
}

/** Everything a function can get from the container. */
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
  const appSecret = cfg.appSecret;
  const keys = makeKeyRing(async () =>
    'value' in appSecret ? Buffer.from(appSecret.value, 'base64url') : loadAppSecretFromSecretsManager({ region: cfg.region, secretArn: appSecret.secretArn }),
  );
  const authorizeTopic = lazy(() => makeAuthorizeTopic(repositories()));
  // WIDGET: the attachments bucket (presigned uploads and downloads).
  const fileStorage = lazy(() => makeS3FileStorage({ region: cfg.region, bucketName: cfg.bucketName, ...(cfg.localEndpoints.s3 ? { endpoint: cfg.localEndpoints.s3 } : {}) }));
  // --- AUTH dependencies (one instance each: the log-in keeps its dummy hash across calls) ---
  const authDeps = lazy((): AuthDeps => ({
    ...repositories(), publisher: publisher(), hasher: makeArgon2PasswordHasher(), totp: makeOtplibTotp(), keys, clock, ids,
  }));
  // --- CHANNELS dependencies (CORE) ---
  const tableContext = lazy(() => ({
    client: createDocumentClient({ region: cfg.region, ...(cfg.localEndpoints.dynamodb ? { endpoint: cfg.localEndpoints.dynamodb } : {}) }),
    tableName: cfg.tableName,
  }));
  const channels = lazy(() => makeChannelRepository(tableContext()));
  const credentials = lazy((): CredentialStore => cfg.channels.credentialsStore === 'secrets-manager'
    ? makeSecretsManagerCredentialStore({ region: cfg.region, prefix: cfg.channels.secretsPrefix })
    : makeTableCredentialStore(tableContext(), keys));
  const platformSecrets = lazy(() => makePlatformSecrets({ region: cfg.region, meta: cfg.channels.meta, sendgrid: cfg.channels.sendgrid }));
  const sqsClient = lazy(() => makeSqsClient({ region: cfg.region, local, ...(cfg.localEndpoints.sqs ? { endpoint: cfg.localEndpoints.sqs } : {}) }));
  const jobs = lazy(() => makeSqsJobQueue(sqsClient(), { region: cfg.region, local, aiQueueUrl: cfg.queueUrls.aiJobs, outboundQueueUrl: cfg.queueUrls.outbound }));
  const senders = lazy((): Record<Provider, ChannelSender> => ({
    twilio: makeTwilioSender({ baseUrl: cfg.channels.twilioApiUrl, publicUrl: cfg.channels.publicUrl }),
    meta: makeMetaSender({ graphUrl: cfg.channels.metaGraphUrl }),
    sendgrid: makeSendGridSender({ baseUrl: cfg.channels.sendgridApiUrl, secrets: platformSecrets() }),
  }));
  const channelDeps = lazy(() => ({
    ...repositories(), channels: channels(), jobs: jobs(), credentials: credentials(), senders: senders(), clock, ids,
  }));
  const inboxSetup = lazy(() => makeInboxSetup({ ...channelDeps(), publicUrl: cfg.channels.publicUrl }));
  const receiveChannelMessage = lazy(() => makeReceiveChannelMessage({ ...channelDeps(), receiveCustomerMessage: makeReceiveCustomerMessage({ ...repositories(), clock, ids }) }));
  const applyDeliveryReceipt = lazy(() => makeApplyDeliveryReceipt(channelDeps()));
  // --- end CHANNELS dependencies ---
  const logIn = lazy(() => makeLogIn(authDeps()));
  const mfa = lazy(() => makeMfa(authDeps()));
  const invitations = lazy(() => makeInvitations(authDeps()));
  const team = lazy(() => makeTeam(authDeps()));
  // --- end AUTH dependencies ---

  const services: Services = {
    issueConnectTicket: deferred(() => makeIssueConnectTicket({ tickets: repositories().tickets, clock, ids, allowedOrigins: cfg.allowedOrigins })),
    authorizeConnect: deferred(() => makeAuthorizeConnect({ tickets: repositories().tickets, clock })),
    openConnection: deferred(() => makeOpenConnection({ ...repositories(), clock })),
    closeConnection: deferred(() => makeCloseConnection(repositories())),
    handleClientFrame: deferred(() => makeHandleClientFrame({ subscriptions: repositories().subscriptions, publisher: publisher(), clock, authorizeTopic: authorizeTopic(), agents: repositories().agents })),
    fanOutChange: deferred(() => makeFanOutChange({ ...repositories(), publisher: publisher(), clock })),
    // --- WIDGET services ---
    startVisitorSession: deferred(() => makeStartVisitorSession({ ...repositories(), clock, ids })),
    authenticateVisitor: deferred(() => makeAuthenticateVisitor({ ...repositories(), clock, ids })),
    getWidgetConfig: deferred(() => makeGetWidgetConfig({ ...repositories(), clock })),
    createAttachmentUpload: deferred(() => makeCreateAttachmentUpload({ attachments: repositories().attachments, clock, ids, storage: fileStorage() })),
    resolveVisitorAttachments: deferred(() => makeResolveVisitorAttachments(repositories())),
    signAttachmentUrls: makeSignAttachmentUrls({ get storage() { return fileStorage(); } }),
    getWidgetSetup: deferred(() => makeGetWidgetSetup({ inboxes: repositories().inboxes, ids })),
    updateWidgetSettings: deferred(() => makeUpdateWidgetSettings({ inboxes: repositories().inboxes, ids })),
    rotateWidgetSecret: deferred(() => makeRotateWidgetSecret({ inboxes: repositories().inboxes, ids })),
    // --- end WIDGET services ---
    // --- CONVERSATIONS services ---
    receiveCustomerMessage: deferred(() => makeReceiveCustomerMessage({ ...repositories(), clock, ids })),
    listMessages: deferred(() => makeListMessages({ ...repositories(), keys })),
    markConversationRead: deferred(() => makeMarkConversationRead({ ...repositories(), clock })),
    listVisitorConversations: deferred(() => makeListVisitorConversations(repositories())),
    listConversations: deferred(() => makeListConversations({ ...repositories(), keys })),
    countConversations: deferred(() => makeCountConversations(repositories())),
    getConversation: deferred(() => makeGetConversation(repositories())),
    replyToConversation: deferred(() => makeReplyToConversation({
      ...repositories(), clock, ids,
      // CHANNELS (CORE): replies on channel inboxes go through the outbound queue.
      outbound: {
        channelOf: async (accountId, inboxId) => (await repositories().inboxes.get(accountId, inboxId))?.channel,
        enqueue: async (job) => {
          try {
            await jobs().enqueueOutbound({ kind: 'outbound-send', ...job });
          } catch (error) {
            await channels().markFailed(job, 'queue_unavailable', clock.nowIso());
            throw error;
          }
        },
      },
    })),
    assignConversation: deferred(() => makeAssignConversation({ ...repositories(), clock, ids })),
    changeConversationStatus: deferred(() => makeChangeConversationStatus({ ...repositories(), clock })),
    setPriority: deferred(() => makeSetPriority({ ...repositories(), clock })),
    getContact: deferred(() => makeGetContact(repositories())),
    listContactConversations: deferred(() => makeListContactConversations({ ...repositories(), keys })),
    listInboxes: deferred(() => makeListInboxes(repositories())),
    createTeam: deferred(() => makeCreateTeam({ ...repositories(), clock, ids })),
    listTeams: deferred(() => makeListTeams(repositories())),
    wakeSnoozedConversations: deferred(() => makeWakeSnoozedConversations({ ...repositories(), clock })),
    // --- end CONVERSATIONS services ---
    // --- CHANNELS services (CORE) ---
    receiveChannelMessage: deferred(() => receiveChannelMessage()),
    applyDeliveryReceipt: deferred(() => applyDeliveryReceipt()),
    resolveWebhookInbox: async (inboxId) => {
      const route = await channels().findInboxRoute(inboxId);
      if (!route) return undefined;
      const inbox = await repositories().inboxes.get(route.accountId, route.inboxId);
      if (!inbox) return undefined;
      return { inbox, credentials: await credentials().get(inbox.accountId, inbox.id) };
    },
    receiveMetaWebhook: deferred(() => makeReceiveMetaWebhook({
      channels: channels(),
      inboxes: repositories().inboxes,
      receiveChannelMessage: receiveChannelMessage(),
      applyDeliveryReceipt: applyDeliveryReceipt(),
      applyWatermarkReceipt: makeApplyWatermarkReceipt({ ...repositories(), channels: channels() }),
    })),
    sendOutbound: deferred(() => makeSendOutbound({
      ...channelDeps(), storage: fileStorage(), emailDomain: new URL(cfg.channels.publicUrl).hostname,
    })),
    markPoisonJob: deferred(() => makeMarkPoisonJob(channelDeps())),
    createChannelInbox: deferred(() => inboxSetup().createChannelInbox),
    getInboxSetup: deferred(() => inboxSetup().getInboxSetup),
    sendTestMessage: deferred(() => inboxSetup().sendTestMessage),
    retryFailedMessage: deferred(() => inboxSetup().retryFailedMessage),
    getChannelState: deferred(() => inboxSetup().getChannelState),
    // --- end CHANNELS services ---
    // --- AUTH services ---
    authenticateSession: deferred(() => makeAuthenticateSession({ sessions: repositories().sessions, agents: repositories().agents, clock })),
    signUp: deferred(() => makeSignUp(authDeps())),
    logIn: deferred(() => logIn()),
    logOut: deferred(() => makeRevokeAccess(authDeps()).logOut),
    setUpMfa: deferred(() => mfa().setUp),
    enableMfa: deferred(() => mfa().enable),
    disableMfa: deferred(() => mfa().disable),
    verifyMfa: deferred(() => mfa().verify),
    inviteAgent: deferred(() => invitations().invite),
    acceptInvitation: deferred(() => invitations().accept),
    listAgents: deferred(() => team().listAgents),
    listAvailableAgents: deferred(() => team().listAvailableAgents),
    updateAgent: deferred(() => team().updateAgent),
    setAgentAvailability: deferred(() => team().setAvailability),
    getAccount: deferred(() => team().getAccount),
    updateAccount: deferred(() => team().updateAccount),
    // --- end AUTH services ---
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
    keys,
    services,
    decodeStreamRecord,
    // --- CHANNELS (CORE) ---
    get channels() {
      return channels();
    },
    get credentials() {
      return credentials();
    },
    get platformSecrets() {
      return platformSecrets();
    },
    get fileStorage() {
      return fileStorage();
    },
    get jobs() {
      return jobs();
    },
    get senders() {
      return senders();
    },
    get visibility() {
      return makeSqsVisibilityChanger(sqsClient());
    },
  };
}

let instance: Container | undefined;

/** The process's container, built from the environment on first use. */
export function container(): Container {
  instance ??= buildContainer(config());
  return instance;
}
