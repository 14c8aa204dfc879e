/**
 * Meta Graph API sender — layer: adapters (real `fetch` to the configured Graph base URL).
 *
 * - Messenger: `POST /{page-id}/messages` `{ recipient: { id: PSID }, messaging_type: 'RESPONSE',
 *   message: { text } | { attachment: { type, payload: { url } } } }`;
 * - Instagram: `POST /{ig-user-id}/messages` `{ recipient: { id: IGSID }, message: … }`;
 * - WhatsApp Cloud: `POST /{phone-number-id}/messages` `{ messaging_product: 'whatsapp', to,
 *   type: 'text' | 'template' | 'image' | … }`.
 * The inbox's access token goes in `Authorization: Bearer`. A message with files becomes one
 * request per file, then one for the text (Messenger and Instagram cannot combine them); the
 * outcome is the first request that does not succeed, else the last provider id. A retry after a
 * partly sent message sends its earlier parts again (the residual window of a multi-part send).
 *
 * Graph answers some throttling and transient failures with HTTP 400 and an error code
 * (`{ error: { code, is_transient } }`), so those codes are retried even though the status alone
 * would say "permanent" (SECURITY.md §3).
 */
import type { ChannelSender, InboxCredentials, OutboundChannelMessage, SendOutcome } from '../../../ports/channels.js';
import { classifySendError, classifySendResponse, sendTimeoutMs } from '../classify.js';

/** Longest text each channel accepts in one message (characters). */
export const metaTextLimits = { messenger: 2000, instagram: 1000, whatsapp_cloud: 4096 } as const;

/** Options of {@link makeMetaSender}. */
export interface MetaSenderOptions {
  /** Graph API base URL with its version, e.g. `https://graph.facebook.com/v21.0`. */
  readonly graphUrl: string;
  readonly fetch?: typeof fetch;
  /** Per request; default {@link sendTimeoutMs} (10 s). */
  readonly timeoutMs?: number;
}

/** One Graph API call. */
export interface GraphRequest {
  /** `/{id}/messages`. */
  readonly path: string;
  readonly body: Record<string, unknown>;
}

type MetaSendChannel = keyof typeof metaTextLimits;

function isMetaChannel(channel: OutboundChannelMessage['channel']): channel is MetaSendChannel {
  return channel === 'messenger' || channel === 'instagram' || channel === 'whatsapp_cloud';
}

/** The kind of file a URL points at, from its path's extension (presigned URLs keep the object key's). */
export function mediaKindOf(url: string): 'image' | 'video' | 'audio' | 'file' {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not an absolute URL: read the extension from the text as given.
  }
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (['jpg', 'jpeg', 'png', 'gif', 'webp'].includes(extension)) return 'image';
  if (['mp4', 'mov', '3gp', 'm4v'].includes(extension)) return 'video';
  if (['mp3', 'ogg', 'opus', 'wav', 'm4a', 'aac', 'amr'].includes(extension)) return 'audio';
  return 'file';
}

function messagingRequests(message: OutboundChannelMessage, channel: 'messenger' | 'instagram'): GraphRequest[] {
  const path = `/${encodeURIComponent(message.from)}/messages`;
  const envelope = { recipient: { id: message.to }, ...(channel === 'messenger' ? { messaging_type: 'RESPONSE' } : {}) };
  const requests: GraphRequest[] = (message.mediaUrls ?? []).map((url) => ({
    path,
    body: { ...envelope, message: { attachment: { type: mediaKindOf(url), payload: { url, is_reusable: false } } } },
  }));
  if (message.body.trim().length > 0 || requests.length === 0) requests.push({ path, body: { ...envelope, message: { text: message.body } } });
  return requests;
}

function whatsAppRequests(message: OutboundChannelMessage): GraphRequest[] {
  const path = `/${encodeURIComponent(message.from)}/messages`;
  const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to };
  if (message.template) {
    const { name, language, parameters } = message.template;
    const components = parameters && parameters.length > 0 ? [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] : undefined;
    return [{ path, body: { ...envelope, type: 'template', template: { name, language: { code: language }, ...(components ? { components } : {}) } } }];
  }
  const requests: GraphRequest[] = (message.mediaUrls ?? []).map((url) => {
    const kind = mediaKindOf(url);
    const type = kind === 'file' ? 'document' : kind;
    return { path, body: { ...envelope, type, [type]: { link: url } } };
  });
  if (message.body.trim().length > 0 || requests.length === 0) requests.push({ path, body: { ...envelope, type: 'text', text: { preview_url: false, body: message.body } } });
  return requests;
}

/**
 * The Graph API calls that deliver `message` (pure; exported for tests and the docs).
 *
 * @example
 * graphRequestsFor({ channel: 'messenger', from: '1234', to: '5678', body: 'Hi', … });
 * // [{ path: '/1234/messages', body: { recipient: { id: '5678' }, messaging_type: 'RESPONSE', message: { text: 'Hi' } } }]
 */
export function graphRequestsFor(message: OutboundChannelMessage): GraphRequest[] {
  if (message.channel === 'whatsapp_cloud') return whatsAppRequests(message);
  if (message.channel === 'messenger' || message.channel === 'instagram') return messagingRequests(message, message.channel);
  return [];
}

/**
 * Graph error codes that mean "throttled or briefly unavailable, try again" whatever the HTTP
 * status: 1 and 2 (temporary), 4, 17, 32, 613 (app, user, page and call rate limits), 80007
 * (Messenger/Instagram rate limit), 130429 (WhatsApp throughput), 131056 (WhatsApp pair rate
 * limit: one message per ~6 s to the same user), 131000, 131016 and 133004 (WhatsApp service errors).
 */
export const retryableGraphCodes: ReadonlySet<number> = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131016, 131056, 133004]);

interface GraphError {
  readonly message?: string;
  readonly code?: number;
  readonly error_subcode?: number;
  readonly is_transient?: boolean;
  readonly error_data?: { readonly details?: string };
}

function graphErrorOf(body: unknown): GraphError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as GraphError) : undefined;
}

function reasonOf(status: number, error: GraphError | undefined): string {
  if (!error) return `Graph API answered HTTP ${status}`;
  const details = error.error_data?.details;
  const text = [typeof error.message === 'string' ? error.message : undefined, typeof details === 'string' && details !== error.message ? details : undefined]
    .filter(Boolean)
    .join(': ');
  const code = typeof error.code === 'number' ? ` (code ${error.code}${typeof error.error_subcode === 'number' ? `/${error.error_subcode}` : ''})` : '';
  return `${text || `Graph API answered HTTP ${status}`}${code}`.slice(0, 500);
}

/**
 * Classifies a Graph API answer: 2xx → `sent` with the provider id (`message_id`, or
 * `messages[0].id` for WhatsApp); a retryable Graph code or a transient error → `retry`; anything
 * else through the shared status classification (408/429/5xx retry, other 4xx fail).
 */
export function classifyGraphResponse(status: number, headers: Headers, body: unknown): SendOutcome {
  if (status >= 200 && status < 300) {
    const record = (typeof body === 'object' && body !== null ? body : {}) as { message_id?: unknown; messages?: { id?: unknown }[] };
    const id = typeof record.message_id === 'string' ? record.message_id : typeof record.messages?.[0]?.id === 'string' ? record.messages[0].id : undefined;
    // Graph always names the message it accepted; without an id the send still happened, so it is not retried.
    return { kind: 'sent', providerMessageId: (id as string | undefined) ?? 'unknown' };
  }
  const error = graphErrorOf(body);
  const reason = reasonOf(status, error);
  if (error && ((typeof error.code === 'number' && retryableGraphCodes.has(error.code)) || error.is_transient === true)) {
    const shared = classifySendResponse(status, headers, reason);
    if (shared.kind === 'retry') return shared;
    return { kind: 'retry', reason, ...(error.code === 131056 ? { retryAfterSeconds: 6 } : {}) };
  }
  return classifySendResponse(status, headers, reason);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the Meta sender (Messenger, Instagram, WhatsApp Cloud).
 *
 * @example
 * const sender = makeMetaSender({ graphUrl: config.providers.metaGraphUrl });
 * await sender.send(message, { provider: 'meta', accessToken });
 */
export function makeMetaSender(options: MetaSenderOptions): ChannelSender {
  const base = options.graphUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? sendTimeoutMs;

  async function call(request: GraphRequest, accessToken: string): Promise<SendOutcome> {
    let response: Response;
    try {
      response = await doFetch(`${base}${request.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return classifySendError(error);
    }
    return classifyGraphResponse(response.status, response.headers, await readJson(response));
  }

  return {
    provider: 'meta',
    async send(message: OutboundChannelMessage, credentials: InboxCredentials): Promise<SendOutcome> {
      if (!isMetaChannel(message.channel)) return { kind: 'failed', reason: `the Meta sender does not serve ${message.channel}` };
      if (credentials.provider !== 'meta' || credentials.accessToken.length === 0) return { kind: 'failed', reason: 'the inbox has no Meta access token' };
      const requests = graphRequestsFor(message);
      let outcome: SendOutcome = { kind: 'failed', reason: 'nothing to send' };
      for (const request of requests) {
        outcome = await call(request, credentials.accessToken);
        if (outcome.kind !== 'sent') return outcome;
      }
      return outcome;
    },
  };
}
