/**
 * SendGrid webhook bindings — layer: runtime. Owned by the SENDGRID helper; assembled by
 * `functions/webhooks.ts` through `webhookBindings()`.
 *
 * `POST /webhooks/sendgrid/{inboxId}/{secret}` — Inbound Parse (multipart, at most 10 MB):
 *  1. Resolve the inbox's account from its routing item and compare the secret path segment
 *     with the inbox's inbound secret in constant time; unknown inbox or wrong secret → 404,
 *     nothing read further, nothing written (Inbound Parse has no signature: the secret URL is
 *     its authentication, SECURITY.md §1).
 *  2. Parse the multipart body (400 / 413 / 415 when it cannot be read).
 *  3. Store the attachments within limits in S3 (tenant-first keys derived from the Message-ID,
 *     so a redelivery rewrites the same objects and writes no new ones).
 *  4. One service call: `receiveChannelMessage` (threading, dedupe by Message-ID, AI job).
 *  5. 200. A failure after the message was stored (queue down) is a 5xx: SendGrid retries 5xx
 *     for 3 days and the dedupe claim makes the retry store nothing twice.
 *
 * `POST /webhooks/sendgrid/events` — the Event Webhook (JSON, at most 1 MB):
 *  1. Verify the ECDSA signature over `timestamp + raw body` with the platform's public key
 *     (403 when missing, bad, or no key is configured).
 *  2. Parse the events (400 when the body is not a JSON array); keep ours (custom args).
 *  3. `applyDeliveryReceipt` for each, once per `sg_event_id` in the batch; statuses only move
 *     forward, so SendGrid's redeliveries change nothing. 200.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { verifyEventSignature, eventSignatureHeader, eventTimestampHeader, parseEventBatch, type SendGridReceipt } from '../../adapters/channels/sendgrid/event-webhook.js';
import { InboundParseError } from '../../adapters/channels/sendgrid/errors.js';
import { emailIdentity, planAttachments, toInboundChannelMessage } from '../../adapters/channels/sendgrid/inbound-email.js';
import { parseInboundParse } from '../../adapters/channels/sendgrid/inbound-parse.js';
import type { CredentialStore, DeliveryReceipt, InboundChannelMessage, PlatformSecrets } from '../../ports/channels.js';
import type { InboxRoute } from '../../ports/channel-store.js';
import type { FileStorage } from '../../ports/file-storage.js';
import { channelInbound } from '../containers/channels.js';
import { channelRepository, credentialStore, fileStorage, platformSecrets } from '../containers/ports.js';
import { WebhookRefusedError } from './errors.js';
import { defaultWebhookMaxBytes, emailWebhookMaxBytes, textResponse, type WebhookBinding } from './webhook-router.js';

/** What the SendGrid bindings use (the container's in production, in-memory ports in unit tests). */
export interface SendgridWebhookDeps {
  readonly findInboxRoute: (inboxId: string) => Promise<InboxRoute | undefined>;
  readonly credentials: Pick<CredentialStore, 'get'>;
  readonly platformSecrets: Pick<PlatformSecrets, 'sendgrid'>;
  readonly storage: Pick<FileStorage, 'putObject'>;
  readonly receiveChannelMessage: (message: InboundChannelMessage) => Promise<unknown>;
  readonly applyDeliveryReceipt: (receipt: DeliveryReceipt) => Promise<'applied' | 'duplicate' | 'unknown'>;
}

/** Inbox ids are ULIDs / our ids; anything else is not an inbox (and not worth a read). */
const idPattern = /^[0-9A-Za-z_-]{1,64}$/;
/** Receipts applied at once (bounded: a batch can hold thousands of events). */
const receiptConcurrency = 8;

function sameSecret(given: string, expected: string): boolean {
  // Hash both sides so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Creates the SendGrid webhook bindings over `deps` (resolved per request, so cold starts build
 * nothing the route does not use).
 */
export function makeSendgridBindings(deps: () => SendgridWebhookDeps): WebhookBinding[] {
  return [
    {
      routeKey: 'POST /webhooks/sendgrid/events',
      maxBodyBytes: defaultWebhookMaxBytes,
      async handle(request) {
        const d = deps();
        const { eventWebhookPublicKey } = await d.platformSecrets.sendgrid();
        const valid = eventWebhookPublicKey !== '' && verifyEventSignature({
          publicKeyBase64: eventWebhookPublicKey,
          signature: request.headers[eventSignatureHeader],
          timestamp: request.headers[eventTimestampHeader],
          rawBody: request.body,
        });
        if (!valid) throw new WebhookRefusedError(403, 'invalid event webhook signature');
        const receipts = parseEventBatch(request.body.toString('utf8'));
        if (!receipts) throw new WebhookRefusedError(400, 'expected a JSON array of events');
        const seen = new Set<string>();
        const unique = receipts.filter((r: SendGridReceipt) => (seen.has(r.dedupeKey) ? false : (seen.add(r.dedupeKey), true)));
        await inParallel(unique, receiptConcurrency, (receipt) => d.applyDeliveryReceipt(receipt));
        return textResponse(200);
      },
    },
    {
      routeKey: 'POST /webhooks/sendgrid/{inboxId}/{secret}',
      maxBodyBytes: emailWebhookMaxBytes,
      async handle(request) {
        const d = deps();
        const inboxId = request.params.inboxId ?? '';
        const secret = request.params.secret ?? '';
        // 1. Authenticate by the secret path segment; the same 404 for every way of failing.
        const route = idPattern.test(inboxId) && secret.length > 0 && secret.length <= 256 ? await d.findInboxRoute(inboxId) : undefined;
        const credentials = route && route.inboxId === inboxId ? await d.credentials.get(route.accountId, inboxId) : undefined;
        if (!route || credentials?.provider !== 'sendgrid' || !sameSecret(secret, credentials.inboundSecret)) {
          throw new WebhookRefusedError(404, 'not found');
        }
        // 2. Parse.
        let message: InboundChannelMessage;
        let stored: ReturnType<typeof planAttachments>['store'];
        try {
          const email = await parseInboundParse(request.body, request.headers['content-type']);
          const identity = emailIdentity(email);
          const plan = planAttachments(email, route.accountId, identity.dedupeKey);
          stored = plan.store;
          message = toInboundChannelMessage(email, identity, { accountId: route.accountId, inboxId }, plan.store, plan.skipped);
        } catch (error) {
          if (error instanceof InboundParseError) throw new WebhookRefusedError(error.status, error.message);
          throw error;
        }
        // 3. Files first: the message must never reference an object that is not there.
        await inParallel(stored, 4, (object) => d.storage.putObject({ objectKey: object.objectKey, contentType: object.contentType, body: object.bytes }));
        // 4. One service call.
        await d.receiveChannelMessage(message);
        return textResponse(200);
      },
    },
  ];
}

function containerDeps(): SendgridWebhookDeps {
  const services = channelInbound();
  return {
    findInboxRoute: (inboxId) => channelRepository().findInboxRoute(inboxId),
    credentials: credentialStore(),
    platformSecrets: platformSecrets(),
    storage: fileStorage(),
    receiveChannelMessage: services.receiveChannelMessage,
    applyDeliveryReceipt: services.applyDeliveryReceipt,
  };
}

/** The SendGrid webhook routes. */
export const sendgridBindings: WebhookBinding[] = makeSendgridBindings(containerDeps);
