/**
 * SendGrid sender — layer: adapters (SendGrid v3 Mail Send over `fetch`).
 *
 * One `POST {baseUrl}/v3/mail/send` per reply, with the platform's API key (Bearer):
 * `personalizations[0].to` the contact, `from` the inbox's mailbox, `subject` (`Re: …` when it
 * answers a thread), `content` text/plain and text/html, `headers` carrying our own `Message-ID`
 * (so the customer's answer threads back through In-Reply-To / References) and `In-Reply-To` /
 * `References` of the thread, and `custom_args` `{ accountId, messageId }`, which SendGrid copies
 * into every Event Webhook event of this mail. SendGrid answers 202 with `X-Message-Id`, the
 * prefix of the `sg_message_id` its events carry. Other answers go through the shared
 * {@link classifySendResponse}: network errors, 408, 429 and 5xx are retried, other 4xx fail
 * with SendGrid's own message.
 */
import type { ChannelSender, OutboundChannelMessage, PlatformSecrets, SendOutcome } from '../../../ports/channels.js';
import { classifySendError, classifySendResponse, sendTimeoutMs } from '../classify.js';

/** Dependencies of {@link makeSendGridSender}. */
export interface SendGridSenderOptions {
  /** `https://api.sendgrid.com` in production; the fake provider in tests. */
  readonly baseUrl: string;
  readonly secrets: Pick<PlatformSecrets, 'sendgrid'>;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** Longest reference list sent (mail servers cap header lines; the newest ids matter). */
const maxReferences = 20;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The reply's subject: `Re: <subject>` when it answers a thread (once, never `Re: Re:`). */
export function replySubject(subject: string, answersThread: boolean): string {
  const clean = subject.replace(/[\r\n]+/g, ' ').trim();
  if (!answersThread) return clean || '(no subject)';
  if (/^re\s*:/i.test(clean)) return clean;
  return clean ? `Re: ${clean}` : 'Re:';
}

/** A header value safe from injection: no line breaks. */
function headerValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * The v3 mail send request body for one outbound message.
 *
 * @example
 * mailSendBody({ …message, email: { subject: 'Order 42', inReplyTo: '<a@x>', references: ['<a@x>'], messageId: '<m@x>' } });
 * // { personalizations: [{ to: [{ email }] }], subject: 'Re: Order 42', headers: { 'Message-ID': '<m@x>', … }, … }
 */
export function mailSendBody(message: OutboundChannelMessage): Record<string, unknown> {
  const email = message.email;
  const references = [...(email?.references ?? [])];
  if (email?.inReplyTo && !references.includes(email.inReplyTo)) references.push(email.inReplyTo);
  const links = message.mediaUrls ?? [];
  const text = links.length > 0 ? `${message.body}\n\nAttachments:\n${links.join('\n')}` : message.body;
  const html = `<div style="white-space:pre-wrap">${escapeHtml(message.body)}</div>${
    links.length > 0 ? `<p>Attachments:</p><ul>${links.map((url) => `<li><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></li>`).join('')}</ul>` : ''
  }`;
  const headers: Record<string, string> = {};
  if (email?.messageId) headers['Message-ID'] = headerValue(email.messageId);
  if (email?.inReplyTo) headers['In-Reply-To'] = headerValue(email.inReplyTo);
  if (references.length > 0) headers.References = headerValue(references.slice(-maxReferences).join(' '));
  return {
    personalizations: [{ to: [{ email: message.to }] }],
    from: { email: message.from },
    subject: replySubject(email?.subject ?? '', Boolean(email?.inReplyTo)),
    content: [
      { type: 'text/plain', value: text },
      { type: 'text/html', value: html },
    ],
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    custom_args: { accountId: message.accountId, messageId: message.messageId },
  };
}

/** SendGrid's own error message from an error body (`{ errors: [{ message, field }] }`). */
function reasonFrom(text: string): string {
  try {
    const body = JSON.parse(text) as { errors?: { message?: unknown; field?: unknown }[] };
    const first = body.errors?.[0];
    if (first && typeof first.message === 'string') {
      return `${typeof first.field === 'string' && first.field ? `${first.field}: ` : ''}${first.message}`.slice(0, 500);
    }
  } catch {
    // Not JSON: the text itself is the reason.
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/**
 * Creates the SendGrid {@link ChannelSender}.
 *
 * @example
 * const sender = makeSendGridSender({ baseUrl: 'https://api.sendgrid.com', secrets: platformSecrets });
 * await sender.send(message, credentials); // { kind: 'sent', providerMessageId: 'W8sS9BR6…' }
 */
export function makeSendGridSender(options: SendGridSenderOptions): ChannelSender {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v3/mail/send`;
  return {
    provider: 'sendgrid',
    async send(message): Promise<SendOutcome> {
      const { apiKey } = await options.secrets.sendgrid();
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(mailSendBody(message)),
          signal: AbortSignal.timeout(options.timeoutMs ?? sendTimeoutMs),
        });
      } catch (error) {
        return classifySendError(error);
      }
      const text = await response.text().catch(() => '');
      if (response.status >= 200 && response.status < 300) {
        const id = response.headers.get('x-message-id');
        // A 2xx without an id still means SendGrid accepted the mail: never send it twice; the
        // receipt then matches by our messageId custom arg.
        return { kind: 'sent', providerMessageId: id && id.trim() !== '' ? id.trim() : `sendgrid:${message.messageId}` };
      }
      return classifySendResponse(response.status, response.headers, reasonFrom(text));
    },
  };
}
