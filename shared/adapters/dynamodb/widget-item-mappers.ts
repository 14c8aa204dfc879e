/**
 * Item mappers of the widget's entities — layer: adapters (DynamoDB).
 *
 * Visitor sessions (AP-50), attachments (AP-51) and the widget settings map stored on a web
 * inbox (AP-2). Like item-mappers.ts: entity → item adds keys, `entity` and `ttl`; item →
 * entity copies only the entity's own attributes.
 */
import type { Attachment, ServiceHoursRange, VisitorSession, Weekday, WidgetSettings } from '../../domain/entities.js';
import { MalformedItemError } from './errors.js';
import { num, optStr, optional, str, type Item } from './item-fields.js';
import { attachmentKey, entityNames, ttlFromIso, visitorSessionKey } from './keys.js';

/** The item of a visitor session (AP-50); `ttl` lets DynamoDB remove it after expiry. */
export function visitorSessionToItem(session: VisitorSession): Item {
  return {
    ...visitorSessionKey(session.accountId, session.tokenHash),
    entity: entityNames.visitorSession,
    ttl: ttlFromIso(session.expiresAt),
    ...session,
  };
}

/** The visitor session of an item. */
export function visitorSessionFromItem(item: Item): VisitorSession {
  const e = entityNames.visitorSession;
  return {
    accountId: str(item, e, 'accountId'),
    tokenHash: str(item, e, 'tokenHash'),
    inboxId: str(item, e, 'inboxId'),
    contactId: str(item, e, 'contactId'),
    ...optional('verifiedUserId', optStr(item, e, 'verifiedUserId')),
    createdAt: str(item, e, 'createdAt'),
    expiresAt: str(item, e, 'expiresAt'),
  };
}

/** The item of an attachment (AP-51). */
export function attachmentToItem(attachment: Attachment): Item {
  return { ...attachmentKey(attachment.accountId, attachment.id), entity: entityNames.attachment, ...attachment };
}

/** The attachment of an item. */
export function attachmentFromItem(item: Item): Attachment {
  const e = entityNames.attachment;
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    inboxId: str(item, e, 'inboxId'),
    contactId: str(item, e, 'contactId'),
    fileName: str(item, e, 'fileName'),
    contentType: str(item, e, 'contentType'),
    size: num(item, e, 'size'),
    objectKey: str(item, e, 'objectKey'),
    createdAt: str(item, e, 'createdAt'),
  };
}

function rangeFromItem(value: unknown, entity: string): ServiceHoursRange {
  if (typeof value !== 'object' || value === null) throw new MalformedItemError(entity, 'widgetSettings.serviceHours');
  const range = value as Item;
  const day = num(range, entity, 'day');
  if (!Number.isInteger(day) || day < 0 || day > 6) throw new MalformedItemError(entity, 'widgetSettings.serviceHours.day');
  return { day: day as Weekday, start: str(range, entity, 'start'), end: str(range, entity, 'end') };
}

/** The widget settings map of an inbox item, or undefined when the inbox has none. */
export function widgetSettingsFromItem(item: Item, entity: string): WidgetSettings | undefined {
  const value = item.widgetSettings;
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedItemError(entity, 'widgetSettings');
  const settings = value as Item;
  const hours = settings.serviceHours as Item | undefined;
  const domains = settings.allowedDomains;
  if (domains !== undefined && (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string'))) {
    throw new MalformedItemError(entity, 'widgetSettings.allowedDomains');
  }
  const weekly = hours?.weekly;
  if (hours !== undefined && !Array.isArray(weekly)) throw new MalformedItemError(entity, 'widgetSettings.serviceHours.weekly');
  return {
    ...optional('greeting', optStr(settings, entity, 'greeting')),
    ...optional('offlineMessage', optStr(settings, entity, 'offlineMessage')),
    ...optional('replyTime', optStr(settings, entity, 'replyTime')),
    ...(hours ? { serviceHours: { timeZone: str(hours, entity, 'timeZone'), weekly: (weekly as unknown[]).map((r) => rangeFromItem(r, entity)) } } : {}),
    ...(domains ? { allowedDomains: domains as string[] } : {}),
  };
}
