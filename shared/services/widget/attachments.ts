/**
 * Visitor attachments — layer: services.
 *
 * Primary course of an upload:
 *  1. Check the declared type (images, PDF, plain text) and size (≤ 10 MB) before anything else.
 *  2. Record the attachment under the visitor's account, inbox and contact, with a tenant-first
 *     object key and a sanitised file name.
 *  3. Presign one PUT of exactly that type and length (5 minutes) and return it.
 * A message then references attachment ids; {@link makeResolveVisitorAttachments} accepts only
 * the visitor's own (anything else is "not found", whoever owns it).
 */
import type { Attachment } from '../../domain/entities.js';
import type { FileStorage } from '../../ports/file-storage.js';
import type { AttachmentRepository } from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import { AttachmentNotFoundError, AttachmentTooLargeError, AttachmentTypeNotAllowedError } from './errors.js';

/** The largest file a visitor may send. */
export const maxAttachmentBytes = 10 * 1024 * 1024;
/** The types a visitor may send. */
export const allowedAttachmentTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
/** How long an upload URL stays valid. */
export const uploadUrlLifetimeSeconds = 300;
/** The most attachments one message may carry. */
export const maxAttachmentsPerMessage = 5;

/** Checks a declared upload against the limits; throws the error the visitor should see. */
export function checkAttachmentLimits(contentType: string, size: number): void {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!(allowedAttachmentTypes as readonly string[]).includes(type)) throw new AttachmentTypeNotAllowedError(type || 'unknown');
  if (size > maxAttachmentBytes) throw new AttachmentTooLargeError(maxAttachmentBytes);
}

/** A file name safe in an object key and a download header: no paths, no control characters. */
export function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\w.\- ]+/g, '_').replace(/\s+/g, ' ').trim().slice(0, 100);
  return cleaned.replace(/^\.+/, '') || 'file';
}

/** Dependencies of {@link makeCreateAttachmentUpload}. */
export interface CreateAttachmentUploadDeps {
  readonly attachments: AttachmentRepository;
  readonly storage: FileStorage;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** Input: the visitor (from the authenticator) and the file it declares. */
export interface CreateAttachmentUploadInput {
  readonly accountId: string;
  readonly inboxId: string;
  readonly contactId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/** Creates the use case behind `POST /widget/v1/attachments`. */
export function makeCreateAttachmentUpload(deps: CreateAttachmentUploadDeps) {
  return async function createAttachmentUpload(input: CreateAttachmentUploadInput) {
    checkAttachmentLimits(input.contentType, input.size);
    const contentType = input.contentType.split(';')[0]!.trim().toLowerCase();
    const id = deps.ids.next();
    const fileName = safeFileName(input.fileName);
    const attachment: Attachment = {
      accountId: input.accountId, id, inboxId: input.inboxId, contactId: input.contactId,
      fileName, contentType, size: input.size,
      objectKey: `accounts/${input.accountId}/attachments/${id}/${fileName}`,
      createdAt: deps.clock.nowIso(),
    };
    await deps.attachments.create(attachment);
    const upload = await deps.storage.presignUpload({ objectKey: attachment.objectKey, contentType, size: input.size, expiresInSeconds: uploadUrlLifetimeSeconds });
    const expiresAt = new Date(deps.clock.nowMs() + uploadUrlLifetimeSeconds * 1000).toISOString();
    return { attachmentId: id, uploadUrl: upload.url, uploadHeaders: upload.headers, expiresAt };
  };
}

/** Creates the check that a message's attachment ids are the visitor's own uploads. */
export function makeResolveVisitorAttachments(deps: { readonly attachments: AttachmentRepository }) {
  return async function resolveVisitorAttachments(visitor: { accountId: string; inboxId: string; contactId: string }, attachmentIds: readonly string[]): Promise<Attachment[]> {
    const found: Attachment[] = [];
    for (const id of new Set(attachmentIds)) {
      const attachment = await deps.attachments.get(visitor.accountId, id);
      if (!attachment || attachment.contactId !== visitor.contactId || attachment.inboxId !== visitor.inboxId) throw new AttachmentNotFoundError();
      found.push(attachment);
    }
    return found;
  };
}

/** How long a download URL stays valid. */
export const downloadUrlLifetimeSeconds = 3600;

/**
 * Creates the helper that gives stored message attachments short-lived download URLs, for the
 * views that show them (the agents' conversation view, the widget).
 *
 * @example
 * const withUrls = await signAttachmentUrls(message.attachments ?? []);
 */
export function makeSignAttachmentUrls(deps: { readonly storage: FileStorage }) {
  return async function signAttachmentUrls<T extends { fileName: string; contentType: string; objectKey?: string }>(attachments: readonly T[]): Promise<(Omit<T, 'objectKey'> & { url?: string })[]> {
    return Promise.all(attachments.map(async ({ objectKey, ...rest }) => {
      if (!objectKey) return rest;
      const url = await deps.storage.presignDownload({ objectKey, fileName: rest.fileName, contentType: rest.contentType, expiresInSeconds: downloadUrlLifetimeSeconds });
      return { ...rest, url };
    }));
  };
}
