/**
 * Widget errors — layer: services. Mapped to HTTP in shared/runtime/http/error-table.ts.
 */

/** The visitor token or the verified-user proof is missing, unknown, expired or forged (401). */
export class VisitorUnauthorizedError extends Error {
  override readonly name = 'VisitorUnauthorizedError';
  constructor(message = 'Start a chat session first: the visitor token is missing, invalid or expired.') {
    super(message);
  }
}

/** The widget token names no web inbox (404; says nothing about other tenants). */
export class WidgetNotFoundError extends Error {
  override readonly name = 'WidgetNotFoundError';
  constructor() {
    super('No chat widget is configured for this token.');
  }
}

/** The declared upload is larger than the limit (413). */
export class AttachmentTooLargeError extends Error {
  override readonly name = 'AttachmentTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`Files can be at most ${Math.floor(maxBytes / (1024 * 1024))} MB.`);
  }
}

/** The declared upload's type is not accepted (400). */
export class AttachmentTypeNotAllowedError extends Error {
  override readonly name = 'AttachmentTypeNotAllowedError';
  constructor(readonly contentType: string) {
    super(`Files of type ${contentType} cannot be sent; use an image (PNG, JPEG, GIF, WebP), a PDF or a text file.`);
  }
}

/** A message referenced an attachment the visitor did not upload (400; never reveals others'). */
export class AttachmentNotFoundError extends Error {
  override readonly name = 'AttachmentNotFoundError';
  constructor() {
    super('attachmentIds: an attachment was not found; upload it first.');
  }
}

/** The inbox is not in the caller's account (404; the same answer as "does not exist"). */
export class InboxNotFoundError extends Error {
  override readonly name = 'InboxNotFoundError';
  constructor() {
    super('Inbox not found');
  }
}

/** The inbox exists in the caller's account but is not a web inbox, so it has no widget (400). */
export class NotAWebInboxError extends Error {
  override readonly name = 'NotAWebInboxError';
  constructor() {
    super('This inbox is not a web chat inbox; only web inboxes have a chat widget.');
  }
}

/** Widget settings that break a rule (bad time zone, a range ending before it starts, …) (400). */
export class WidgetSettingsInvalidError extends Error {
  override readonly name = 'WidgetSettingsInvalidError';
}
