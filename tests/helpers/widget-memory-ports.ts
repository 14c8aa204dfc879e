/**
 * In-memory ports for the widget's services — test helper. Keyed account first, like the table,
 * so another tenant's ids miss.
 */
import type { Account, Attachment, Contact, ContactIdentity, Inbox, VisitorSession } from '../../shared/domain/entities.js';
import type { FileStorage } from '../../shared/ports/file-storage.js';
import type {
  AccountRepository, AttachmentRepository, ContactRepository, InboxRepository, VisitorSessionRepository,
} from '../../shared/ports/repositories.js';

const key = (...parts: string[]) => parts.join('|');

/** Accounts, inboxes (with widget routes), contacts, visitor sessions and attachments. */
export function memoryWidgetStore(seed: { accounts?: Account[]; inboxes?: Inbox[] } = {}) {
  const accountItems = new Map((seed.accounts ?? []).map((a) => [a.id, a]));
  const inboxItems = new Map<string, Inbox>((seed.inboxes ?? []).map((i) => [key(i.accountId, i.id), i]));
  const contactItems = new Map<string, Contact>();
  const identityItems = new Map<string, ContactIdentity>();
  const sessionItems = new Map<string, VisitorSession>();
  const attachmentItems = new Map<string, Attachment>();
  const writes = { count: 0 };

  const accounts: AccountRepository = {
    async create(account) { writes.count++; accountItems.set(account.id, account); },
    async get(id) { return accountItems.get(id); },
  } as AccountRepository;
  const inboxes: InboxRepository = {
    async create(inbox) { writes.count++; inboxItems.set(key(inbox.accountId, inbox.id), inbox); },
    async get(accountId, id) { return inboxItems.get(key(accountId, id)); },
    async list(accountId) { return [...inboxItems.values()].filter((i) => i.accountId === accountId); },
    async findByWidgetToken(token) {
      const inbox = [...inboxItems.values()].find((i) => i.widgetToken === token);
      return inbox ? { accountId: inbox.accountId, inboxId: inbox.id } : undefined;
    },
    async ensureWidgetSecret(accountId, inboxId, candidate) {
      const inbox = inboxItems.get(key(accountId, inboxId));
      if (!inbox) return undefined;
      if (inbox.widgetSecret) return inbox.widgetSecret;
      writes.count++;
      inboxItems.set(key(accountId, inboxId), { ...inbox, widgetSecret: candidate });
      return candidate;
    },
    async setWidgetSettings(accountId, inboxId, settings) {
      const inbox = inboxItems.get(key(accountId, inboxId));
      if (!inbox || inbox.channel !== 'web') return undefined;
      writes.count++;
      const updated = { ...inbox, widgetSettings: settings };
      inboxItems.set(key(accountId, inboxId), updated);
      return updated;
    },
    async rotateWidgetSecret(accountId, inboxId, expected, next) {
      const inbox = inboxItems.get(key(accountId, inboxId));
      if (!inbox) return undefined;
      if (inbox.widgetSecret !== expected) return inbox.widgetSecret;
      writes.count++;
      inboxItems.set(key(accountId, inboxId), { ...inbox, widgetSecret: next });
      return next;
    },
  };
  const contacts: ContactRepository = {
    async create(contact) { writes.count++; contactItems.set(key(contact.accountId, contact.id), contact); },
    async get(accountId, id) { return contactItems.get(key(accountId, id)); },
    async linkIdentity(identity) {
      const k = key(identity.accountId, identity.channel, identity.externalId);
      const existing = identityItems.get(k);
      if (existing) return existing;
      writes.count++;
      identityItems.set(k, identity);
      return identity;
    },
    async findByIdentity(accountId, channel, externalId) { return identityItems.get(key(accountId, channel, externalId)); },
    async listIdentities(accountId, contactId) { return [...identityItems.values()].filter((i) => i.accountId === accountId && i.contactId === contactId); },
  } as ContactRepository;
  const visitorSessions: VisitorSessionRepository = {
    async create(session) { writes.count++; sessionItems.set(key(session.accountId, session.tokenHash), session); },
    async get(accountId, tokenHash) { return sessionItems.get(key(accountId, tokenHash)); },
  };
  const attachments: AttachmentRepository = {
    async create(attachment) { writes.count++; attachmentItems.set(key(attachment.accountId, attachment.id), attachment); },
    async get(accountId, id) { return attachmentItems.get(key(accountId, id)); },
  };
  return { accounts, inboxes, contacts, visitorSessions, attachments, writes, contactItems, identityItems };
}

/** A file storage that signs nothing and records what it was asked. */
export function recordingStorage(): FileStorage & { requests: unknown[] } {
  const requests: unknown[] = [];
  return {
    requests,
    async presignUpload(input) {
      requests.push(input);
      return { url: `https://uploads.test/${input.objectKey}?signed=1`, headers: { 'content-type': input.contentType } };
    },
    async presignDownload(input) {
      requests.push(input);
      return `https://downloads.test/${input.objectKey}?signed=1`;
    },
    async putObject(input) {
      requests.push({ objectKey: input.objectKey, contentType: input.contentType, size: input.body.byteLength });
    },
    async getObject(objectKey) {
      requests.push({ getObject: objectKey });
      return undefined;
    },
    async deleteObjects(prefix) {
      requests.push({ deleteObjects: prefix });
    },
  };
}
