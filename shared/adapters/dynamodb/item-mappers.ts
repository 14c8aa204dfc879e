/**
 * Item mappers — layer: adapters (DynamoDB).
 *
 * Entity → item adds the keys (from keys.ts), `entity` and `ttl`; item → entity copies only the
 * entity's own attributes, so `pk`, `sk`, `gsi*`, `entity` and `ttl` never leak into the domain.
 * The stream decoder uses the `…FromItem` functions on unmarshalled stream images.
 */
import {
  accountDefaults, agentAvailabilities, agentRoles, authorTypes, channelTypes, conversationStatuses, handlers, messageStatuses, messageTypes, priorities,
  type Account, type Agent, type AgentMfa, type ConnectTicket, type Connection, type Contact, type ContactIdentity,
  type Conversation, type Inbox, type Message, type Principal, type Session,
} from '../../domain/entities.js';
import type { LastMessagePreview, MessageAttachment, Team } from '../../domain/entities.js';
import type { AiSettings } from '../../domain/ai-settings.js';
import { MalformedItemError } from './errors.js';
import { widgetSettingsFromItem } from './widget-item-mappers.js';
import { bool, map, num, oneOf, optStr, optional, str, type Item } from './item-fields.js';
import {
  accountKey, agentKey, connectionGsi1, connectionKey, contactKey, conversationGsi1, conversationGsi2, conversationKey,
  entityNames, identityGsi1, identityKey, inboxKey, messageKey, sessionGsi1, sessionKey, ticketKey, ttlFromIso,
} from './keys.js';
import { teamKey } from './keys.js';

/** The item of an account (AP-1). */
export function accountToItem(account: Account): Item {
  return { ...accountKey(account.id), entity: entityNames.account, ...account };
}

/** The account of an item. */
export function accountFromItem(item: Item): Account {
  const e = entityNames.account;
  return {
    id: str(item, e, 'id'),
    name: str(item, e, 'name'),
    mfaRequired: bool(item, e, 'mfaRequired'),
    // Items written before these settings existed read as the defaults.
    autoAssign: item.autoAssign === undefined ? accountDefaults.autoAssign : bool(item, e, 'autoAssign'),
    agentCapacity: item.agentCapacity === undefined ? accountDefaults.agentCapacity : num(item, e, 'agentCapacity'),
    // AI settings an admin changed (a map; absent: the defaults, shared/domain/ai-settings.ts).
    ...(item.ai !== undefined && item.ai !== null && typeof item.ai === 'object' ? { ai: item.ai as Partial<AiSettings> } : {}),
    createdAt: str(item, e, 'createdAt'),
  };
}

/** The item of an inbox (AP-2). */
export function inboxToItem(inbox: Inbox): Item {
  return { ...inboxKey(inbox.accountId, inbox.id), entity: entityNames.inbox, ...inbox };
}

/** The inbox of an item. */
export function inboxFromItem(item: Item): Inbox {
  const e = entityNames.inbox;
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    name: str(item, e, 'name'),
    channel: oneOf(item, e, 'channel', channelTypes),
    ...optional('channelAddress', optStr(item, e, 'channelAddress')),
    ...optional('widgetToken', optStr(item, e, 'widgetToken')),
    ...optional('widgetSecret', optStr(item, e, 'widgetSecret')),
    ...optional('widgetSettings', widgetSettingsFromItem(item, e)),
    // channels (CORE): plain attributes written by the inbox set-up
    ...optional('webhookUrl', optStr(item, e, 'webhookUrl')),
    ...optional('forwardingNumber', optStr(item, e, 'forwardingNumber')),
    ...optional('templates', Array.isArray(item.templates) ? (item.templates as Inbox['templates']) : undefined),
    createdAt: str(item, e, 'createdAt'),
  };
}

/** The item of a contact (AP-5). */
export function contactToItem(contact: Contact): Item {
  return { ...contactKey(contact.accountId, contact.id), entity: entityNames.contact, ...contact };
}

/** The contact of an item. */
export function contactFromItem(item: Item): Contact {
  const e = entityNames.contact;
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    ...optional('name', optStr(item, e, 'name')),
    ...optional('email', optStr(item, e, 'email')),
    ...optional('phone', optStr(item, e, 'phone')),
    createdAt: str(item, e, 'createdAt'),
    updatedAt: str(item, e, 'updatedAt'),
  };
}

/** The item of a contact identity (AP-6, with the AP-7 gsi1 keys). */
export function identityToItem(identity: ContactIdentity): Item {
  const { accountId, contactId, channel, externalId } = identity;
  return {
    ...identityKey(accountId, channel, externalId),
    ...identityGsi1(accountId, contactId, channel, externalId),
    entity: entityNames.contactIdentity,
    ...identity,
  };
}

/** The contact identity of an item. */
export function identityFromItem(item: Item): ContactIdentity {
  const e = entityNames.contactIdentity;
  return {
    accountId: str(item, e, 'accountId'),
    contactId: str(item, e, 'contactId'),
    channel: oneOf(item, e, 'channel', channelTypes),
    externalId: str(item, e, 'externalId'),
    createdAt: str(item, e, 'createdAt'),
  };
}

/** The item of a conversation (AP-8, with the AP-9 gsi1 and AP-10 gsi2 keys). */
export function conversationToItem(conversation: Conversation): Item {
  const { accountId, id, status, lastActivityAt, contactId, createdAt } = conversation;
  return {
    ...conversationKey(accountId, id),
    ...conversationGsi1(accountId, status, lastActivityAt, id),
    ...conversationGsi2(accountId, contactId, createdAt, id),
    entity: entityNames.conversation,
    ...conversation,
  };
}

/** The conversation of an item. */
export function conversationFromItem(item: Item): Conversation {
  const e = entityNames.conversation;
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    inboxId: str(item, e, 'inboxId'),
    contactId: str(item, e, 'contactId'),
    status: oneOf(item, e, 'status', conversationStatuses),
    handledBy: oneOf(item, e, 'handledBy', handlers),
    priority: oneOf(item, e, 'priority', priorities),
    ...optional('assigneeId', optStr(item, e, 'assigneeId')),
    ...optional('teamId', optStr(item, e, 'teamId')),
    lastActivityAt: str(item, e, 'lastActivityAt'),
    seq: num(item, e, 'seq'),
    unreadCount: num(item, e, 'unreadCount'),
    ...optional('snoozedUntil', optStr(item, e, 'snoozedUntil')),
    ...optional('contactName', optStr(item, e, 'contactName')),
    ...optional('contactEmail', optStr(item, e, 'contactEmail')),
    ...optional('lastMessage', lastMessageFromItem(item, e)),
    // AI agent (issue 4)
    ...optional('aiSummary', item.aiSummary !== null && typeof item.aiSummary === 'object' ? (item.aiSummary as Conversation['aiSummary']) : undefined),
    ...optional('aiAnsweredThrough', optStr(item, e, 'aiAnsweredThrough')),
    ...optional('aiCostNanoUsd', typeof item.aiCostNanoUsd === 'number' ? item.aiCostNanoUsd : undefined),
    createdAt: str(item, e, 'createdAt'),
  };
}

/** The optional last-message preview map of a conversation item. */
function lastMessageFromItem(item: Item, entity: string): LastMessagePreview | undefined {
  if (item.lastMessage === undefined) return undefined;
  const value = map(item, entity, 'lastMessage');
  return { body: str(value, entity, 'body'), authorType: oneOf(value, entity, 'authorType', authorTypes), createdAt: str(value, entity, 'createdAt') };
}

/** The optional attachment list of a message item. */
function attachmentsFromItem(item: Item, entity: string): MessageAttachment[] | undefined {
  const value = item.attachments;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new MalformedItemError(entity, 'attachments');
  return value.map((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) throw new MalformedItemError(entity, 'attachments');
    const a = raw as Item;
    return {
      id: str(a, entity, 'id'),
      fileName: str(a, entity, 'fileName'),
      contentType: str(a, entity, 'contentType'),
      size: num(a, entity, 'size'),
      ...optional('objectKey', optStr(a, entity, 'objectKey')),
      ...optional('url', optStr(a, entity, 'url')),
    };
  });
}

/** The item of a team (AP-42). */
export function teamToItem(team: Team): Item {
  return { ...teamKey(team.accountId, team.id), entity: entityNames.team, ...team };
}

/** The team of an item. */
export function teamFromItem(item: Item): Team {
  const e = entityNames.team;
  const agentIds = item.agentIds;
  if (!Array.isArray(agentIds) || agentIds.some((v) => typeof v !== 'string')) throw new MalformedItemError(e, 'agentIds');
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    name: str(item, e, 'name'),
    agentIds: agentIds as string[],
    createdAt: str(item, e, 'createdAt'),
  };
}

/** The item of a message (AP-11). */
export function messageToItem(message: Message): Item {
  return { ...messageKey(message.accountId, message.conversationId, message.id), entity: entityNames.message, ...message };
}

/** The message of an item. */
export function messageFromItem(item: Item): Message {
  const e = entityNames.message;
  return {
    accountId: str(item, e, 'accountId'),
    conversationId: str(item, e, 'conversationId'),
    inboxId: str(item, e, 'inboxId'),
    id: str(item, e, 'id'),
    seq: num(item, e, 'seq'),
    type: oneOf(item, e, 'type', messageTypes),
    status: oneOf(item, e, 'status', messageStatuses),
    authorType: oneOf(item, e, 'authorType', authorTypes),
    ...optional('authorId', optStr(item, e, 'authorId')),
    body: str(item, e, 'body'),
    ...optional('clientMessageId', optStr(item, e, 'clientMessageId')),
    ...optional('attachments', attachmentsFromItem(item, e)),
    ...optional('readAt', optStr(item, e, 'readAt')),
    // channels (CORE)
    ...optional('providerMessageId', optStr(item, e, 'providerMessageId')),
    ...optional('failureReason', optStr(item, e, 'failureReason')),
    ...optional('template', item.template !== null && typeof item.template === 'object' ? (item.template as Message['template']) : undefined),
    ...optional('email', item.email !== null && typeof item.email === 'object' ? (item.email as Message['email']) : undefined),
    // AI agent (issue 4): the answer's model, cost and trace.
    ...optional('ai', item.ai !== null && typeof item.ai === 'object' ? (item.ai as Message['ai']) : undefined),
    createdAt: str(item, e, 'createdAt'),
  };
}

/** The item of an agent (AP-14). */
export function agentToItem(agent: Agent): Item {
  return { ...agentKey(agent.accountId, agent.id), entity: entityNames.agent, ...agent };
}

/** The agent of an item. */
export function agentFromItem(item: Item): Agent {
  const e = entityNames.agent;
  return {
    accountId: str(item, e, 'accountId'),
    id: str(item, e, 'id'),
    email: str(item, e, 'email'),
    name: str(item, e, 'name'),
    role: oneOf(item, e, 'role', agentRoles),
    passwordHash: str(item, e, 'passwordHash'),
    disabled: bool(item, e, 'disabled'),
    ...optional('mfa', item.mfa === undefined ? undefined : agentMfaFromMap(map(item, e, 'mfa'), e)),
    ...optional('availability', item.availability === undefined ? undefined : oneOf(item, e, 'availability', agentAvailabilities)),
    createdAt: str(item, e, 'createdAt'),
  };
}

/** An agent's MFA state from its stored map attribute. */
function agentMfaFromMap(value: Item, entity: string): AgentMfa {
  const codes = value.recoveryCodeHashes;
  if (!Array.isArray(codes) || codes.some((c) => typeof c !== 'string')) throw new MalformedItemError(entity, 'mfa.recoveryCodeHashes');
  return {
    secretCiphertext: str(value, entity, 'secretCiphertext'),
    enabled: bool(value, entity, 'enabled'),
    ...optional('lastUsedStep', value.lastUsedStep === undefined ? undefined : num(value, entity, 'lastUsedStep')),
    recoveryCodeHashes: codes as string[],
  };
}

/** The item of a session (AP-17, with the AP-18 gsi1 keys); `ttl` is the absolute expiry. */
export function sessionToItem(session: Session): Item {
  return {
    ...sessionKey(session.accountId, session.tokenHash),
    ...sessionGsi1(session.accountId, session.agentId, session.createdAt),
    entity: entityNames.session,
    ttl: ttlFromIso(session.expiresAt),
    ...session,
  };
}

/** The session of an item. */
export function sessionFromItem(item: Item): Session {
  const e = entityNames.session;
  return {
    accountId: str(item, e, 'accountId'),
    tokenHash: str(item, e, 'tokenHash'),
    agentId: str(item, e, 'agentId'),
    createdAt: str(item, e, 'createdAt'),
    lastSeenAt: str(item, e, 'lastSeenAt'),
    expiresAt: str(item, e, 'expiresAt'),
    ...(item.mfaLimited === true ? { mfaLimited: true } : {}),
  };
}

/** The principal of a stored map attribute. */
function principalFromItem(item: Item, entity: string): Principal {
  const value = map(item, entity, 'principal');
  const kind = oneOf(value, entity, 'kind', ['agent', 'visitor'] as const);
  if (kind === 'agent') return { kind, agentId: str(value, entity, 'agentId') };
  return { kind, contactId: str(value, entity, 'contactId'), inboxId: str(value, entity, 'inboxId') };
}

/** The item of a connect ticket (AP-19); `ttl` lets DynamoDB remove unused tickets. */
export function ticketToItem(ticket: ConnectTicket): Item {
  return {
    ...ticketKey(ticket.accountId, ticket.tokenHash),
    entity: entityNames.connectTicket,
    ttl: ttlFromIso(ticket.expiresAt),
    ...ticket,
  };
}

/** The connect ticket of an item. */
export function ticketFromItem(item: Item): ConnectTicket {
  const e = entityNames.connectTicket;
  return {
    accountId: str(item, e, 'accountId'),
    tokenHash: str(item, e, 'tokenHash'),
    principal: principalFromItem(item, e),
    origin: str(item, e, 'origin'),
    expiresAt: str(item, e, 'expiresAt'),
  };
}

/** The item of a connection (AP-20; AP-21 gsi1 keys for agents only, so visitors stay out). */
export function connectionToItem(connection: Connection): Item {
  const { accountId, connectionId, principal, connectedAt } = connection;
  return {
    ...connectionKey(accountId, connectionId),
    ...(principal.kind === 'agent' ? connectionGsi1(accountId, principal.agentId, connectedAt, connectionId) : {}),
    entity: entityNames.connection,
    ttl: connection.expiresAtEpoch,
    ...connection,
  };
}

/** The connection of an item. */
export function connectionFromItem(item: Item): Connection {
  const e = entityNames.connection;
  const expiresAtEpoch = num(item, e, 'expiresAtEpoch');
  if (!Number.isInteger(expiresAtEpoch)) throw new MalformedItemError(e, 'expiresAtEpoch');
  return {
    accountId: str(item, e, 'accountId'),
    connectionId: str(item, e, 'connectionId'),
    principal: principalFromItem(item, e),
    connectedAt: str(item, e, 'connectedAt'),
    expiresAtEpoch,
  };
}
