/**
 * Meta webhook bindings — layer: runtime. Owned by the META helper; assembled by
 * `functions/webhooks.ts` through `webhookBindings()`.
 *
 * One URL for the platform's Meta app (Messenger, Instagram and WhatsApp Cloud):
 * - `GET /webhooks/meta` — the subscribe handshake: `hub.mode=subscribe` and our verify token →
 *   200 `text/plain` echo of `hub.challenge` (only `^[0-9A-Za-z_-]{1,128}$`), else 403.
 * - `POST /webhooks/meta` — primary course:
 *    1. Verify `X-Hub-Signature-256` (HMAC-SHA256 of the raw bytes with the app secret) before
 *       anything else: missing → 401, wrong → 403; nothing is written.
 *    2. Parse the JSON within its limits (1 MB, depth 32) and the envelope (≤ 1,000 entries): 400.
 *    3. One service call: `receiveMetaWebhook` resolves the tenant per entry, stores messages
 *       once, applies receipts and watermarks; unknown pages / accounts / numbers are dropped.
 *    4. Answer 200 `EVENT_RECEIVED`. A queue failure propagates: the router answers 500 and Meta
 *       redelivers, which the dedupe keys make safe.
 */
import { parseBoundedJson } from '../../contracts/safe-json.js';
import { answerSubscribeHandshake } from '../../adapters/channels/meta/handshake.js';
import { parseMetaWebhook, type MetaBatch } from '../../adapters/channels/meta/parse.js';
import { metaSignatureHeader, verifyMetaSignature } from '../../adapters/channels/meta/signature.js';
import { channelInbound } from '../containers/channels.js';
import { platformSecrets } from '../containers/ports.js';
import { defaultWebhookMaxBytes, textResponse, WebhookRefusedError, type HttpRequest, type WebhookBinding, type WebhookResponse } from './webhook-router.js';

/** What the Meta bindings stand on (the container in the function; fakes in unit tests). */
export interface MetaBindingDeps {
  /** The platform's Meta app secret and webhook verify token. */
  metaSecrets(): Promise<{ readonly appSecret: string; readonly verifyToken: string }>;
  receiveMetaWebhook(batches: readonly MetaBatch[]): Promise<unknown>;
}

/**
 * Creates the Meta bindings over their dependencies.
 *
 * @example
 * webhookRouter(makeMetaBindings({ metaSecrets: () => secrets.meta(), receiveMetaWebhook }));
 */
export function makeMetaBindings(deps: () => MetaBindingDeps): WebhookBinding[] {
  return [
    {
      routeKey: 'GET /webhooks/meta',
      async handle(request: HttpRequest): Promise<WebhookResponse> {
        const { verifyToken } = await deps().metaSecrets();
        const answer = answerSubscribeHandshake(request.query, verifyToken);
        return textResponse(answer.status, answer.body);
      },
    },
    {
      routeKey: 'POST /webhooks/meta',
      maxBodyBytes: defaultWebhookMaxBytes,
      async handle(request: HttpRequest): Promise<WebhookResponse> {
        const { appSecret } = await deps().metaSecrets();
        const signature = request.headers[metaSignatureHeader];
        if (!signature) throw new WebhookRefusedError(401, 'missing X-Hub-Signature-256');
        if (!verifyMetaSignature(request.body, signature, appSecret)) throw new WebhookRefusedError(403, 'invalid X-Hub-Signature-256');
        const json = parseBoundedJson(request.body.toString('utf8'), defaultWebhookMaxBytes);
        if (!json.ok) throw new WebhookRefusedError(400, json.message);
        const parsed = parseMetaWebhook(json.value);
        if (!parsed.ok) throw new WebhookRefusedError(400, parsed.message);
        if (parsed.batches.length > 0) await deps().receiveMetaWebhook(parsed.batches);
        return textResponse(200, 'EVENT_RECEIVED');
      },
    },
  ];
}

/** The Meta webhook routes, over the channels container's services. */
export const metaBindings: WebhookBinding[] = makeMetaBindings(() => {
  const secrets = platformSecrets();
  return { metaSecrets: () => secrets.meta(), receiveMetaWebhook: channelInbound().receiveMetaWebhook };
});
