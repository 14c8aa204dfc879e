/**
 * Twilio sender — layer: adapters (channels/twilio).
 *
 * Sends SMS, MMS and WhatsApp messages with the Programmable Messaging API:
 * `POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded `To`, `From`,
 * `Body`, `MediaUrl` (repeated), `StatusCallback`, with HTTP Basic auth `AccountSid:AuthToken` —
 * the tenant's own Twilio account, from the inbox's credentials. WhatsApp addresses carry the
 * `whatsapp:` prefix; a WhatsApp template is sent by its Content SID (`ContentSid`,
 * `ContentVariables`). Twilio answers 201 with the message resource (`sid`), or an error
 * `{ code, message, more_info, status }` that {@link classifySendResponse} sorts into retry or failed.
 */
import type { ChannelSender, InboxCredentials, OutboundChannelMessage, SendOutcome } from '../../../ports/channels.js';
import { classifySendError, classifySendResponse, sendTimeoutMs } from '../classify.js';
import { describeTwilioError } from './error-codes.js';
import { encodeTwilioForm } from './form.js';
import type { FormParameter } from './signature.js';

/** Dependencies of {@link makeTwilioSender}. */
export interface TwilioSenderDeps {
  /** `SWITCHBOARD_TWILIO_API_URL` (default `https://api.twilio.com`). */
  readonly baseUrl: string;
  /** Injected for tests; the global `fetch` otherwise. */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * `SWITCHBOARD_PUBLIC_URL`: each message's `StatusCallback` is
   * `{publicUrl}/webhooks/twilio/{inboxId}/status` (the inbox's status URL) unless the message
   * names its own `statusCallbackUrl`. Without either, Twilio sends no receipts.
   */
  readonly publicUrl?: string;
  /** Per-request timeout (default {@link sendTimeoutMs}, 10 s). */
  readonly timeoutMs?: number;
}

/** The HTTP request of one send, built without side effects. */
export interface TwilioMessageRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly params: readonly FormParameter[];
  readonly body: string;
}

/** A Twilio Content SID: how WhatsApp templates are named on Twilio. */
const contentSid = /^HX[0-9a-f]{32}$/i;
const messageSid = /^(SM|MM)[0-9a-fA-F]{32}$/;

/** `whatsapp:+1555…` for WhatsApp, the bare number otherwise (a prefix already present is kept). */
export function twilioAddress(channel: OutboundChannelMessage['channel'], address: string): string {
  if (channel !== 'whatsapp') return address;
  return address.startsWith('whatsapp:') ? address : `whatsapp:${address}`;
}

/**
 * Builds the Messages API request of one message, or the reason it cannot be sent (permanent:
 * retrying would not help).
 */
export function buildTwilioMessageRequest(
  baseUrl: string,
  message: OutboundChannelMessage,
  credentials: Extract<InboxCredentials, { provider: 'twilio' }>,
): TwilioMessageRequest | { readonly refused: string } {
  const params: FormParameter[] = [
    ['To', twilioAddress(message.channel, message.to)],
    ['From', twilioAddress(message.channel, message.from)],
  ];
  if (message.template) {
    if (message.channel !== 'whatsapp') return { refused: 'templates are only sent on WhatsApp' };
    if (!contentSid.test(message.template.name)) return { refused: `WhatsApp templates on Twilio are sent by Content SID (HX…), not "${message.template.name}"` };
    // Template names may be stored lower-case (Meta-style names); the SID's prefix is upper-case.
    params.push(['ContentSid', `HX${message.template.name.slice(2)}`]);
    const variables = Object.fromEntries((message.template.parameters ?? []).map((value, i) => [String(i + 1), value]));
    if (Object.keys(variables).length > 0) params.push(['ContentVariables', JSON.stringify(variables)]);
  } else if (message.body !== '') {
    params.push(['Body', message.body]);
  }
  for (const url of message.mediaUrls ?? []) params.push(['MediaUrl', url]);
  if (!message.template && message.body === '' && (message.mediaUrls ?? []).length === 0) return { refused: 'the message has no text and no media' };
  if (message.statusCallbackUrl) params.push(['StatusCallback', message.statusCallbackUrl]);
  const base = baseUrl.replace(/\/+$/, '');
  return {
    url: `${base}/2010-04-01/Accounts/${encodeURIComponent(credentials.accountSid)}/Messages.json`,
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`, 'utf8').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    params,
    body: encodeTwilioForm(params),
  };
}

/** The reason of a Twilio error answer, for agents: `Twilio 21211: The 'To' number … is not valid`. */
export function twilioErrorReason(status: number, text: string): string {
  let code: string | undefined;
  let detail: string | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      if (typeof record.code === 'number' || typeof record.code === 'string') code = String(record.code);
      if (typeof record.message === 'string') detail = record.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page): fall back to the HTTP status.
  }
  const reason = detail ? (code ? `Twilio ${code}: ${detail}` : `Twilio: ${detail}`) : code ? describeTwilioError(code) : `Twilio answered HTTP ${status}`;
  return reason.length > 500 ? `${reason.slice(0, 497)}...` : reason;
}

/**
 * Creates the Twilio {@link ChannelSender}.
 *
 * @example
 * const sender = makeTwilioSender({ baseUrl: 'https://api.twilio.com', publicUrl: 'https://switchboard.example' });
 * await sender.send(message, { provider: 'twilio', accountSid: 'AC…', authToken: '…' }); // { kind: 'sent', providerMessageId: 'SM…' }
 */
export function makeTwilioSender(deps: TwilioSenderDeps): ChannelSender {
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const timeoutMs = deps.timeoutMs ?? sendTimeoutMs;
  return {
    provider: 'twilio',
    async send(message: OutboundChannelMessage, credentials: InboxCredentials): Promise<SendOutcome> {
      if (credentials.provider !== 'twilio') return { kind: 'failed', reason: 'the inbox has no Twilio credentials' };
      const statusCallbackUrl = message.statusCallbackUrl
        ?? (deps.publicUrl ? `${deps.publicUrl.replace(/\/+$/, '')}/webhooks/twilio/${encodeURIComponent(message.inboxId)}/status` : undefined);
      const request = buildTwilioMessageRequest(deps.baseUrl, { ...message, ...(statusCallbackUrl ? { statusCallbackUrl } : {}) }, credentials);
      if ('refused' in request) return { kind: 'failed', reason: request.refused };
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
        text = await response.text();
      } catch (error) {
        return classifySendError(error);
      }
      if (response.ok) {
        let sid: unknown;
        try {
          sid = (JSON.parse(text) as Record<string, unknown> | null)?.sid;
        } catch {
          sid = undefined;
        }
        // Accepted but unreadable: retrying could send twice, so it is reported, not retried.
        if (typeof sid !== 'string' || !messageSid.test(sid)) return { kind: 'failed', reason: 'Twilio accepted the message but returned no message SID' };
        return { kind: 'sent', providerMessageId: sid };
      }
      return classifySendResponse(response.status, response.headers, twilioErrorReason(response.status, text));
    },
  };
}
