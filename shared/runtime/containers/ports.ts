/**
 * The ports some areas share — layer: runtime (container).
 *
 * Each is its own memoised builder over a base, so a function's bundle holds the adapter (and
 * its SDK) only when one of its areas reaches it: the key ring (and Secrets Manager for the app
 * secret), the attachments bucket (S3), and the channels' stores, queue and senders.
 */
import { makeKeyRing } from '../../adapters/crypto/key-ring.js';
import { makeChannelRepository } from '../../adapters/dynamodb/channel-repository.js';
import { makeS3FileStorage } from '../../adapters/s3/presigned-uploads.js';
import { loadAppSecretFromSecretsManager } from '../../adapters/secrets/app-secret.js';
import { makeSecretsManagerCredentialStore, makeTableCredentialStore } from '../../adapters/secrets/credential-store.js';
import { makePlatformSecrets } from '../../adapters/secrets/platform-secrets.js';
import { makeSqsClient, makeSqsJobQueue, makeSqsVisibilityChanger, type VisibilityChanger } from '../../adapters/sqs/job-queue.js';
import { makeMetaSender } from '../../adapters/channels/meta/sender.js';
import { makeSendGridSender } from '../../adapters/channels/sendgrid/sender.js';
import { makeTwilioSender } from '../../adapters/channels/twilio/sender.js';
import type { ChannelSender, CredentialStore, PlatformSecrets, Provider } from '../../ports/channels.js';
import type { ChannelRepository } from '../../ports/channel-store.js';
import type { FileStorage } from '../../ports/file-storage.js';
import type { JobQueue } from '../../ports/job-queue.js';
import type { KeyRing } from '../../ports/key-ring.js';
import { perBase } from './base.js';

/** Signing and encryption keys derived from the app secret (fetched once, on first use). */
export const keyRing = /* @__PURE__ */ perBase((b): KeyRing => {
  const appSecret = b.config.appSecret;
  return makeKeyRing(async () =>
    'value' in appSecret ? Buffer.from(appSecret.value, 'base64url') : loadAppSecretFromSecretsManager({ region: b.config.region, secretArn: appSecret.secretArn }),
  );
});

/** The attachments bucket (presigned uploads and downloads). */
export const fileStorage = /* @__PURE__ */ perBase((b): FileStorage => makeS3FileStorage({
  region: b.config.region, bucketName: b.config.bucketName, ...(b.config.localEndpoints.s3 ? { endpoint: b.config.localEndpoints.s3 } : {}),
}));

/** The channels' routes, identities and receipts in the table. */
export const channelRepository = /* @__PURE__ */ perBase((b): ChannelRepository => makeChannelRepository(b.table));

/** Inbox credentials: Secrets Manager in the cloud, or encrypted in the table. */
export const credentialStore = /* @__PURE__ */ perBase((b): CredentialStore => b.config.channels.credentialsStore === 'secrets-manager'
  ? makeSecretsManagerCredentialStore({ region: b.config.region, prefix: b.config.channels.secretsPrefix })
  : makeTableCredentialStore(b.table, keyRing(b)));

/** The platform's own provider secrets (Meta app secret, SendGrid key). */
export const platformSecrets = /* @__PURE__ */ perBase((b): PlatformSecrets => makePlatformSecrets({
  region: b.config.region, meta: b.config.channels.meta, sendgrid: b.config.channels.sendgrid,
}));

const sqsClient = /* @__PURE__ */ perBase((b) => makeSqsClient({
  region: b.config.region, local: b.local, ...(b.config.localEndpoints.sqs ? { endpoint: b.config.localEndpoints.sqs } : {}),
}));

/** The AI, outbound and knowledge queues. */
export const jobQueue = /* @__PURE__ */ perBase((b): JobQueue => makeSqsJobQueue(sqsClient(b), {
  region: b.config.region, local: b.local, aiQueueUrl: b.config.queueUrls.aiJobs, outboundQueueUrl: b.config.queueUrls.outbound,
  knowledgeQueueUrl: b.config.queueUrls.knowledge,
}));

/** Delays a received queue message (the outbound sender's backoff). */
export const visibility = /* @__PURE__ */ perBase((b): VisibilityChanger => makeSqsVisibilityChanger(sqsClient(b)));

/** The providers' senders. */
export const channelSenders = /* @__PURE__ */ perBase((b): Readonly<Record<Provider, ChannelSender>> => ({
  twilio: makeTwilioSender({ baseUrl: b.config.channels.twilioApiUrl, publicUrl: b.config.channels.publicUrl }),
  meta: makeMetaSender({ graphUrl: b.config.channels.metaGraphUrl }),
  sendgrid: makeSendGridSender({ baseUrl: b.config.channels.sendgridApiUrl, secrets: platformSecrets(b) }),
}));
