/**
 * An Inbound Parse email as a channel message — layer: adapters (SendGrid; pure, no I/O).
 *
 * Turns a {@link ParsedInboundEmail} of a verified inbox into the pipeline's
 * {@link InboundChannelMessage}:
 *  - the contact is the `From` mailbox (the SMTP envelope sender when `From` is unusable);
 *  - the dedupe key is the email's `Message-ID` (SECURITY.md §2: kept 4 days, SendGrid retries a
 *    5xx for 3), a hash of the raw headers for the rare email without one;
 *  - threading headers (Message-ID, In-Reply-To, References) and the subject go with it, and the
 *    original HTML is kept beside the text (up to {@link maxInlineHtmlBytes}; a larger original is
 *    stored as a file, see {@link planAttachments});
 *  - the body is the visible reply: quoted history and signature trimmed, HTML converted.
 * Attachments are planned here (tenant-first object keys derived from the dedupe key, so a
 * redelivery overwrites the same objects) within type, size and count limits; files refused are
 * listed at the end of the body so the agent knows they existed.
 */
import { createHash } from 'node:crypto';
import type { InboundAttachment, InboundChannelMessage } from '../../../ports/channels.js';
import { isoDate, parseMailbox, parseThreadHeaders } from './email-headers.js';
import { InboundParseError } from './errors.js';
import type { ParsedInboundEmail } from './inbound-parse.js';
import { emailBody, maxEmailBodyChars } from './reply-text.js';

/** How long the email's dedupe key is kept: SendGrid retries for 3 days (SECURITY.md §2). */
export const inboundEmailDedupeTtlSeconds = 4 * 24 * 60 * 60;
/** The largest original HTML kept on the message itself; a larger one is stored as a file. */
export const maxInlineHtmlBytes = 100 * 1024;
/** The largest attachment stored. */
export const maxEmailAttachmentBytes = 10 * 1024 * 1024;
/** The most attachments stored from one email. */
export const maxEmailAttachments = 10;
/** The types stored (others are listed in the body, not stored). */
export const allowedEmailAttachmentTypes = [
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/heic',
  'application/pdf', 'text/plain', 'text/csv', 'text/calendar',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
] as const;

/** A file to store before the message is handed to the pipeline. */
export interface PlannedObject {
  readonly objectKey: string;
  readonly contentType: string;
  readonly bytes: Buffer;
  readonly attachment: InboundAttachment;
}

/** A file that was not kept, and why. */
export interface SkippedAttachment {
  readonly fileName: string;
  readonly reason: 'type not allowed' | 'too large' | 'too many attachments';
}

/** A file name safe in an object key and a download header: no paths, no control characters. */
export function safeEmailFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\w.\- ]+/g, '_').replace(/\s+/g, ' ').trim().slice(0, 100);
  return cleaned.replace(/^\.+/, '') || 'file';
}

/** The threading and identity facts of an email, read once. */
export interface EmailIdentity {
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  readonly sentAt?: string;
  readonly from: { readonly address: string; readonly name?: string };
  readonly dedupeKey: string;
  readonly providerMessageId: string;
}

/**
 * Reads sender, threading headers and the dedupe key.
 *
 * @throws {InboundParseError} there is no usable sender address (nobody to answer).
 */
export function emailIdentity(email: ParsedInboundEmail): EmailIdentity {
  const thread = parseThreadHeaders(email.headers);
  const from = parseMailbox(email.from) ?? parseMailbox(email.envelope?.from ?? undefined);
  if (!from) throw new InboundParseError('the email has no valid sender address');
  const providerMessageId = thread.messageId ?? `<${createHash('sha256').update(email.headers).digest('hex').slice(0, 40)}@headers.switchboard>`;
  const sentAt = isoDate(thread.date);
  return {
    ...(thread.messageId ? { messageId: thread.messageId } : {}),
    ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
    references: thread.references,
    ...(sentAt ? { sentAt } : {}),
    from,
    dedupeKey: `sendgrid#${providerMessageId}`,
    providerMessageId,
  };
}

function objectKeyFor(accountId: string, dedupeKey: string, slot: string, fileName: string): { id: string; objectKey: string } {
  // Derived from the email's dedupe key: a redelivered email rewrites the same objects.
  const id = createHash('sha256').update(`${dedupeKey}\n${slot}`).digest('hex').slice(0, 32);
  return { id, objectKey: `accounts/${accountId}/attachments/${id}/${fileName}` };
}

/**
 * Which files to store (tenant-first keys) and which to leave out: attachments within the
 * limits, plus the original HTML when it is too large to keep on the message.
 */
export function planAttachments(email: ParsedInboundEmail, accountId: string, dedupeKey: string): { store: PlannedObject[]; skipped: SkippedAttachment[] } {
  const store: PlannedObject[] = [];
  const skipped: SkippedAttachment[] = [];
  for (const file of email.attachments) {
    const fileName = safeEmailFileName(file.fileName);
    if (!(allowedEmailAttachmentTypes as readonly string[]).includes(file.contentType)) {
      skipped.push({ fileName, reason: 'type not allowed' });
    } else if (file.truncated || file.bytes.length > maxEmailAttachmentBytes) {
      skipped.push({ fileName, reason: 'too large' });
    } else if (store.length >= maxEmailAttachments) {
      skipped.push({ fileName, reason: 'too many attachments' });
    } else {
      const { objectKey } = objectKeyFor(accountId, dedupeKey, file.field, fileName);
      store.push({ objectKey, contentType: file.contentType, bytes: file.bytes, attachment: { fileName, contentType: file.contentType, size: file.bytes.length, objectKey } });
    }
  }
  if (email.html !== undefined && Buffer.byteLength(email.html, 'utf8') > maxInlineHtmlBytes) {
    const bytes = Buffer.from(email.html, 'utf8');
    const fileName = 'original-message.html';
    const { objectKey } = objectKeyFor(accountId, dedupeKey, 'html', fileName);
    store.push({ objectKey, contentType: 'text/html', bytes, attachment: { fileName, contentType: 'text/html', size: bytes.length, objectKey } });
  }
  return { store, skipped };
}

/**
 * The pipeline's message for a verified email.
 *
 * @example
 * const identity = emailIdentity(parsed);
 * const { store, skipped } = planAttachments(parsed, accountId, identity.dedupeKey);
 * await Promise.all(store.map((o) => storage.putObject(o)));
 * await receiveChannelMessage(toInboundChannelMessage(parsed, identity, { accountId, inboxId }, store, skipped));
 */
export function toInboundChannelMessage(
  email: ParsedInboundEmail,
  identity: EmailIdentity,
  route: { readonly accountId: string; readonly inboxId: string },
  stored: readonly PlannedObject[],
  skipped: readonly SkippedAttachment[],
): InboundChannelMessage {
  let body = emailBody({ ...(email.text !== undefined ? { text: email.text } : {}), ...(email.html !== undefined ? { html: email.html } : {}) });
  if (body === '') body = stored.length > 0 ? '' : (email.subject ?? '').trim();
  if (skipped.length > 0) {
    const notes = skipped.map((s) => `[Attachment not kept: ${s.fileName} (${s.reason})]`).join('\n');
    body = body === '' ? notes : `${body.slice(0, maxEmailBodyChars - notes.length - 2)}\n\n${notes}`;
  }
  const subject = (email.subject ?? '').replace(/[\r\n]+/g, ' ').trim().slice(0, 998);
  const htmlInline = email.html !== undefined && Buffer.byteLength(email.html, 'utf8') <= maxInlineHtmlBytes ? email.html : undefined;
  return {
    accountId: route.accountId,
    inboxId: route.inboxId,
    channel: 'email',
    externalContactId: identity.from.address,
    ...(identity.from.name ? { contactName: identity.from.name } : {}),
    contactEmail: identity.from.address,
    providerMessageId: identity.providerMessageId,
    dedupeKey: identity.dedupeKey,
    dedupeTtlSeconds: inboundEmailDedupeTtlSeconds,
    body,
    ...(stored.length > 0 ? { attachments: stored.map((s) => s.attachment) } : {}),
    email: {
      messageId: identity.providerMessageId,
      ...(identity.inReplyTo ? { inReplyTo: identity.inReplyTo } : {}),
      ...(identity.references.length > 0 ? { references: identity.references } : {}),
      ...(subject ? { subject } : {}),
      ...(htmlInline !== undefined ? { html: htmlInline } : {}),
    },
    ...(identity.sentAt ? { sentAt: identity.sentAt } : {}),
  };
}
