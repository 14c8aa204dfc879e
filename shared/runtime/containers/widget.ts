/**
 * The widget area — layer: runtime (container).
 *
 * Visitor sessions, the widget's public configuration and attachments (widget-api), and the
 * admins' widget set-up (agent-api), as two builders over a base.
 */
import { makeCreateAttachmentUpload, makeResolveVisitorAttachments, makeSignAttachmentUrls } from '../../services/widget/attachments.js';
import { makeAuthenticateVisitor } from '../../services/widget/authenticate-visitor.js';
import { makeGetWidgetConfig } from '../../services/widget/get-widget-config.js';
import { makeStartVisitorSession } from '../../services/widget/start-visitor-session.js';
import { makeGetWidgetSetup, makeRotateWidgetSecret, makeUpdateWidgetSettings } from '../../services/widget/widget-admin.js';
import { deferred, perBase } from './base.js';
import { fileStorage } from './ports.js';
import { repositories } from './repositories.js';

/** The widget's visitor-facing use cases. */
export interface WidgetServices {
  readonly startVisitorSession: ReturnType<typeof makeStartVisitorSession>;
  readonly authenticateVisitor: ReturnType<typeof makeAuthenticateVisitor>;
  readonly getWidgetConfig: ReturnType<typeof makeGetWidgetConfig>;
  readonly createAttachmentUpload: ReturnType<typeof makeCreateAttachmentUpload>;
  readonly resolveVisitorAttachments: ReturnType<typeof makeResolveVisitorAttachments>;
  /** Presigned download URLs for message attachments (replaces `objectKey` with `url`). */
  readonly signAttachmentUrls: ReturnType<typeof makeSignAttachmentUrls>;
}

/** Admins: a web inbox's embed snippet, widget secret and settings; change them; rotate the secret. */
export interface WidgetAdminServices {
  readonly getWidgetSetup: ReturnType<typeof makeGetWidgetSetup>;
  readonly updateWidgetSettings: ReturnType<typeof makeUpdateWidgetSettings>;
  readonly rotateWidgetSecret: ReturnType<typeof makeRotateWidgetSecret>;
}

/** The widget's visitor-facing services over a base (the process's by default). */
export const widget = /* @__PURE__ */ perBase((b): WidgetServices => ({
  startVisitorSession: deferred(() => makeStartVisitorSession({ ...repositories(b), clock: b.clock, ids: b.ids })),
  authenticateVisitor: deferred(() => makeAuthenticateVisitor({ ...repositories(b), clock: b.clock, ids: b.ids })),
  getWidgetConfig: deferred(() => makeGetWidgetConfig({ ...repositories(b), clock: b.clock })),
  createAttachmentUpload: deferred(() => makeCreateAttachmentUpload({ attachments: repositories(b).attachments, clock: b.clock, ids: b.ids, storage: fileStorage(b) })),
  resolveVisitorAttachments: deferred(() => makeResolveVisitorAttachments(repositories(b))),
  signAttachmentUrls: makeSignAttachmentUrls({ get storage() { return fileStorage(b); } }),
}));

/** The admins' widget set-up over a base (the process's by default). */
export const widgetAdmin = /* @__PURE__ */ perBase((b): WidgetAdminServices => ({
  getWidgetSetup: deferred(() => makeGetWidgetSetup({ inboxes: repositories(b).inboxes, ids: b.ids })),
  updateWidgetSettings: deferred(() => makeUpdateWidgetSettings({ inboxes: repositories(b).inboxes, ids: b.ids })),
  rotateWidgetSecret: deferred(() => makeRotateWidgetSecret({ inboxes: repositories(b).inboxes, ids: b.ids })),
}));
