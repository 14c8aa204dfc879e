/**
 * Raw webhook posts — test helper.
 *
 * Posts exactly the bytes a provider would to the local gateway (`SWITCHBOARD_WS_ENDPOINT`, the
 * gateway's base URL), with the headers the test computed (signatures are over these bytes).
 */

/** What came back. */
export interface WebhookReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Options of {@link postWebhook}. */
export interface PostWebhookOptions {
  /** A string or bytes, sent as is. */
  readonly body: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default `application/x-www-form-urlencoded`. */
  readonly contentType?: string;
  /** Default POST (Meta's handshake is a GET: pass `method: 'GET'` and no body). */
  readonly method?: 'GET' | 'POST';
}

/** The gateway's base URL. */
export function gatewayUrl(): string {
  const url = process.env.SWITCHBOARD_WS_ENDPOINT;
  if (!url) throw new Error('SWITCHBOARD_WS_ENDPOINT is not set: run this as an integration test');
  return url.replace(/\/+$/, '');
}

/**
 * Posts a raw body to a webhook path of the gateway.
 *
 * @example
 * const reply = await postWebhook(`/webhooks/twilio/${inboxId}`, { body: form, headers: { 'x-twilio-signature': signature } });
 */
export async function postWebhook(path: string, options: PostWebhookOptions): Promise<WebhookReply> {
  const method = options.method ?? 'POST';
  const response = await fetch(`${gatewayUrl()}${path}`, {
    method,
    headers: { ...(method === 'POST' ? { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' } : {}), ...options.headers },
    ...(method === 'POST' ? { body: options.body } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
