/**
 * Single-table keys — layer: adapters (DynamoDB). The one module that builds keys.
 *
 * Rules (DESIGN.md §3, SECURITY.md §4):
 * - Tenant first: every tenant-owned `pk` and every GSI pk starts with `ACC#<accountId>#` (or is
 *   exactly `ACC#<accountId>` for the account's own item collection), so an item of another
 *   tenant cannot be reached by key. The account id always comes from verified credentials.
 * - Global routing items (`ROUTE#<kind>#<value>`, sk `ROUTE`) are the only items whose pk does
 *   not start with the account id; they hold nothing but the account and the target id.
 *   Snooze wake-ups (`WAKE#<minute>`) and scheduler cursors (`SCHEDULER#<name>`) are global too,
 *   so the scheduler needs no Scan; they hold only ids and times.
 * - Values are `TAG#value` joined by `#`; ids are ULIDs, so ids sort by creation time.
 * - Id parts (account, entity ids, token hashes, connection ids) must be non-empty and free of
 *   `#`: an account id `a#CONTACT#x` would otherwise build a key inside tenant `a`.
 *
 * Access patterns (one integration test each, tests/integration/data/, named after the AP):
 *
 * | AP    | Entity          | Operation                         | Key condition / index                                              |
 * | ----- | --------------- | --------------------------------- | ------------------------------------------------------------------ |
 * | AP-1  | Account         | create, get                       | pk `ACC#<a>`, sk `ACCOUNT`                                         |
 * | AP-2  | Inbox           | create, get                       | pk `ACC#<a>`, sk `INBOX#<id>`                                      |
 * | AP-3  | Inbox           | list an account's inboxes         | pk `ACC#<a>`, sk begins_with `INBOX#`                              |
 * | AP-4  | Inbox (route)   | resolve a widget token            | pk `ROUTE#widget#<token>`, sk `ROUTE` → account, inbox             |
 * | AP-5  | Contact         | create, get                       | pk `ACC#<a>#CONTACT#<id>`, sk `PROFILE`                            |
 * | AP-6  | ContactIdentity | link (first wins), find           | pk `ACC#<a>#IDENTITY#<channel>#<externalId>`, sk `IDENTITY`        |
 * | AP-7  | ContactIdentity | list a contact's identities       | gsi1: `ACC#<a>#CONTACT#<id>`, gsi1sk begins_with `IDENTITY#`       |
 * | AP-8  | Conversation    | create, get, set status           | pk `ACC#<a>#CONV#<id>`, sk `META`                                  |
 * | AP-9  | Conversation    | list by status, newest activity   | gsi1: `ACC#<a>#CONVS#<status>`, gsi1sk `<lastActivityAt>#<id>` desc |
 * | AP-10 | Conversation    | list a contact's, newest first    | gsi2: `ACC#<a>#CONTACT#<contactId>#CONVS`, gsi2sk `<createdAt>#<id>` desc |
 * | AP-11 | Message         | append (seq from the META item)   | pk `ACC#<a>#CONV#<conversationId>`, sk `MSG#<id>` + the AP-8 item  |
 * | AP-12 | Message         | get                               | pk `ACC#<a>#CONV#<conversationId>`, sk `MSG#<id>`                  |
 * | AP-13 | Message         | list (after / before / newest)    | pk `ACC#<a>#CONV#<conversationId>`, sk between `MSG#…` bounds      |
 * | AP-14 | Agent           | create (claims email), get        | pk `ACC#<a>`, sk `AGENT#<id>` + route `ROUTE#agent-email#<email>`  |
 * | AP-15 | Agent           | list an account's agents          | pk `ACC#<a>`, sk begins_with `AGENT#`                              |
 * | AP-16 | Agent (route)   | find by sign-in email             | pk `ROUTE#agent-email#<lowercased email>`, sk `ROUTE` → agent      |
 * | AP-17 | Session         | create, get, touch, delete        | pk `ACC#<a>#SESSION#<tokenHash>`, sk `SESSION`                     |
 * | AP-18 | Session         | list an agent's sessions          | gsi1: `ACC#<a>#AGENT#<agentId>#SESSIONS`, gsi1sk `<createdAt>`     |
 * | AP-19 | ConnectTicket   | create, consume once              | pk `ACC#<a>#TICKET#<tokenHash>`, sk `TICKET`                       |
 * | AP-20 | Connection      | put, get, delete                  | pk `ACC#<a>#CONN#<connectionId>`, sk `CONN`                        |
 * | AP-21 | Connection      | list an agent's connections       | gsi1: `ACC#<a>#AGENT#<agentId>#CONNS`, gsi1sk `<connectedAt>#<id>` |
 * | AP-22 | Subscription    | (un)subscribe, list subscribers   | pk `ACC#<a>#TOPIC#<topic>`, sk begins_with `CONN#`               |
 * | AP-23 | Subscription    | list a connection's topics        | gsi1: `ACC#<a>#CONN#<connectionId>#SUBS`, gsi1sk begins_with `TOPIC#` |
 * | AP-30 | LoginThrottle   | count failures (ADD), get, clear  | pk `THROTTLE#login#<email\|ip>#<value>`, sk `THROTTLE` (global, ttl)  |
 * | AP-31 | MfaChallenge    | create, get, consume once         | pk `ACC#<a>#MFA#<tokenHash>`, sk `MFA`, ttl 5 min                  |
 * | AP-32 | Invitation      | create, consume once              | pk `ACC#<a>#INVITE#<tokenHash>`, sk `INVITE`, ttl 7 days           |
 * | AP-33 | Agent           | update; compare-and-swap its MFA  | the AP-14 item, condition exists (+ the expected MFA state)         |
 * | AP-34 | Account         | update settings                   | the AP-1 item, condition exists                                    |
 * | AP-40 | Conversation    | list/count by status + filters    | AP-9 gsi1 query + filter on assigneeId / inboxId / teamId          |
 * | AP-41 | Conversation    | update (assign, status, priority…) | the AP-8 item, `ADD seq 1`, condition exists (+ expected status)   |
 * | AP-42 | Team            | create, get, list                 | pk `ACC#<a>`, sk `TEAM#<id>` (list: begins_with `TEAM#`)           |
 * | AP-43 | ClientMessageId | claim once (retried sends)        | pk `ACC#<a>#CMID#<scope>#<clientMessageId>`, sk `CMID`, ttl 7 days |
 * | AP-44 | AssignmentState | round-robin pointer               | pk `ACC#<a>`, sk `ASSIGNMENT`                                      |
 * | AP-45 | WakeUp (global) | schedule, list due, remove        | pk `WAKE#<yyyy-mm-ddThh:mm>`, sk `<at>#<a>#<conversationId>`       |
 * | AP-46 | Scheduler cursor | get, move forward (global)       | pk `SCHEDULER#<name>` (`snooze`), sk `CURSOR`                      |
 * | AP-47 | Message         | mark read (once)                  | the AP-12 item, condition `status <> read`                         |
 * | AP-50 | VisitorSession  | create, get                       | pk `ACC#<a>#VISITOR#<tokenHash>`, sk `VISITOR`                     |
 * | AP-51 | Attachment      | create, get                       | pk `ACC#<a>#ATTACHMENT#<id>`, sk `ATTACHMENT`                      |
 * | AP-52 | Inbox           | set the widget secret once        | the AP-2 item, conditional on `attribute_not_exists(widgetSecret)` |
 * | AP-53 | Inbox           | rotate the widget secret          | the AP-2 item, conditional on `widgetSecret = :expected`           |
 * | AP-54 | Inbox           | replace the widget settings       | the AP-2 item, conditional on `attribute_exists(pk) AND channel = web` |
 * | AP-60 | Inbox (route)   | resolve a webhook's inbox id      | pk `ROUTE#inbox#<inboxId>`, sk `ROUTE` → account (global)          |
 * | AP-61 | Inbox (route)   | resolve a Meta page / IG / WA id  | pk `ROUTE#meta#<address>`, sk `ROUTE` → account, inbox (first wins) |
 * | AP-62 | EmailThread     | Message-ID → conversation         | pk `ACC#<a>#EMAIL#<inboxId>#<sha256(Message-ID)>`, sk `THREAD`, ttl 1 year |
 * | AP-63 | ProviderMessage | provider id → message (receipts)  | pk `PMSG#<provider>#<sha256(providerMessageId)>`, sk `PMSG` (global), ttl 30 days |
 * | AP-64 | Message         | send state: claim, sent, failed   | the AP-12 item, conditional on `deliveryState` / `status`          |
 * | AP-65 | Message         | agent's retry of a failed send    | the AP-12 item, condition `status = failed`                        |
 * | AP-66 | Message         | receipt moves the status forward  | the AP-12 item, condition `status IN (earlier statuses)`           |
 * | AP-67 | TokenBucket     | take a token (per provider/tenant) | pk `BUCKET#<key>`, sk `BUCKET` (global), conditional on the level read |
 * | AP-68 | InboxCredentials | put, get (laptop store, encrypted) | pk `ACC#<a>#CRED#<inboxId>`, sk `CRED`                            |
 * | AP-69 | ConversationClaim | claim a contact's next conversation | pk `ACC#<a>#NEXTCONV#<inboxId>#<contactId>#<previous id or FIRST>`, sk `CLAIM` (first wins), ttl 1 day |
 * | AP-70 | KnowledgeSource | create, get                       | pk `ACC#<a>`, sk `KSOURCE#<id>`                                    |
 * | AP-71 | KnowledgeSource | list an account's, newest first   | pk `ACC#<a>`, sk begins_with `KSOURCE#` (descending)               |
 * | AP-72 | KnowledgeSource | new version (update, re-index)    | the AP-70 item, conditional on `version = :expected`               |
 * | AP-73 | KnowledgeSource | indexing status, progress, ready  | the AP-70 item, conditional on `version = :job's version`          |
 * | AP-74 | KnowledgeSource | delete                            | the AP-70 item, conditional on `attribute_exists(pk)`              |
 * | AP-75 | AiCostEntry     | record an answer's cost once      | pk `ACC#<a>#AICOST#<messageId>`, sk `AICOST` (claim) + ADD on AP-8, AP-76, AP-77, AP-78 in one transaction |
 * | AP-76 | CostDay         | add (ADD), list a day range       | pk `ACC#<a>#COSTS`, sk `DAY#<yyyy-mm-dd>` (between `DAY#from` and `DAY#to`) |
 * | AP-77 | CostMonth       | add (ADD), get the month's spend  | pk `ACC#<a>#COSTS`, sk `MONTH#<yyyy-mm>`                          |
 * | AP-78 | ConversationCost | add (ADD), rank a month's        | pk `ACC#<a>#COSTS#<yyyy-mm>`, sk `CONV#<conversationId>` (query, sorted by cost) |
 * | AP-79 | CostMonth       | claim a budget alert once         | the AP-77 item, `ADD alertedPercents`, condition NOT contains(alertedPercents, :p) |
 * | AP-80 | Notification    | create, list newest first         | pk `ACC#<a>#NOTIFS`, sk `NOTIF#<id>` (desc)                        |
 * | AP-81 | Notification    | mark read once                    | the AP-80 item, condition exists AND attribute_not_exists(readAt) + AP-82 ADD -1 |
 * | AP-82 | NotificationCounter | unread count (ADD ±1)         | pk `ACC#<a>#NOTIFS`, sk `UNREAD`                                   |
 * | AP-83 | Problem         | create, get                       | pk `ACC#<a>#PROBLEM#<id>`, sk `PROBLEM`                            |
 * | AP-84 | Problem         | list by status                    | gsi1: `ACC#<a>#PROBLEMS#<status>`, gsi1sk `<createdAt>#<id>`       |
 * | AP-85 | ProblemContact  | count an affected contact once    | pk `ACC#<a>#PROBLEM#<id>`, sk `CONTACT#<contactId>` (claim) + AP-87 |
 * | AP-86 | ProblemContact  | list a problem's contacts         | pk `ACC#<a>#PROBLEM#<id>`, sk begins_with `CONTACT#`               |
 * | AP-87 | Problem         | update (occurrence, draft, status) | the AP-83 item, condition `version = :expected`                   |
 * | AP-90 | Conversation    | claim / give back the AI turn     | the AP-8 item, condition handledBy = bot AND aiAnsweredThrough < :through |
 * | AP-91 | Conversation    | change the handler (hand-off)     | the AP-8 item, condition handledBy IN (:from…)                     |
 *
 * Items carry `entity` (see {@link entityNames}); TTL'd items carry `ttl` in epoch seconds.
 * docs/ACCESS-PATTERNS.md repeats this table with the test names.
 */
import type { ChannelType, ConversationStatus } from '../../domain/entities.js';
import { InvalidKeyPartError } from './errors.js';

/** The value of the `entity` attribute of every item; the stream decoder dispatches on it. */
export const entityNames = {
  account: 'Account',
  inbox: 'Inbox',
  widgetRoute: 'WidgetRoute',
  contact: 'Contact',
  contactIdentity: 'ContactIdentity',
  conversation: 'Conversation',
  message: 'Message',
  agent: 'Agent',
  agentEmailRoute: 'AgentEmailRoute',
  session: 'Session',
  connectTicket: 'ConnectTicket',
  connection: 'Connection',
  subscription: 'Subscription',
  loginThrottle: 'LoginThrottle',
  mfaChallenge: 'MfaChallenge',
  invitation: 'Invitation',
  team: 'Team',
  clientMessageId: 'ClientMessageId',
  assignmentState: 'AssignmentState',
  wakeUp: 'WakeUp',
  wakeCursor: 'WakeCursor',
  visitorSession: 'VisitorSession',
  attachment: 'Attachment',
  // channels (CORE)
  inboxRoute: 'InboxRoute',
  metaRoute: 'MetaRoute',
  emailThread: 'EmailThread',
  providerMessage: 'ProviderMessage',
  tokenBucket: 'TokenBucket',
  inboxCredentials: 'InboxCredentials',
  conversationClaim: 'ConversationClaim',
  // knowledge (H3)
  knowledgeSource: 'KnowledgeSource',
  // AI costs, notifications, problems (H5)
  aiCostEntry: 'AiCostEntry',
  costDay: 'CostDay',
  costMonth: 'CostMonth',
  conversationCost: 'ConversationCost',
  notification: 'Notification',
  notificationCounter: 'NotificationCounter',
  problem: 'Problem',
  problemContact: 'ProblemContact',
} as const;

/** The primary key of an item. */
export interface TableKey {
  readonly pk: string;
  readonly sk: string;
}

/** GSI names, as in infra/manifest.ts. */
export const indexNames = { gsi1: 'gsi1', gsi2: 'gsi2' } as const;

/** Sort-key prefix of messages; all message sort keys are `MSG#` + a 26-character ULID. */
export const messagePrefix = 'MSG#';
/** Above every ULID character (Crockford base32 is 0-9 and A-Z), so `MSG#~` closes the range. */
const messageRangeEnd = `${messagePrefix}~`;

/**
 * Checks one id-like key part: non-empty and without `#`, so it cannot forge another tenant's
 * or another entity's key.
 */
function id(name: string, value: string): string {
  if (value.length === 0 || value.includes('#')) throw new InvalidKeyPartError(name);
  return value;
}

/** Checks a free-text last key part (external ids, emails, topics): non-empty. */
function text(name: string, value: string): string {
  if (value.length === 0) throw new InvalidKeyPartError(name);
  return value;
}

/** `ACC#<accountId>`: the tenant prefix of every tenant-owned key. */
function acc(accountId: string): string {
  return `ACC#${id('accountId', accountId)}`;
}

/** AP-1: the account item. */
export function accountKey(accountId: string): TableKey {
  return { pk: acc(accountId), sk: 'ACCOUNT' };
}

/** AP-2: one inbox, in the account's item collection. */
export function inboxKey(accountId: string, inboxId: string): TableKey {
  return { pk: acc(accountId), sk: `INBOX#${id('inboxId', inboxId)}` };
}

/** AP-3: query for an account's inboxes (pk equals, sk begins_with). */
export function inboxesQuery(accountId: string): { readonly pk: string; readonly skPrefix: string } {
  return { pk: acc(accountId), skPrefix: 'INBOX#' };
}

/** AP-4: the global routing item of a web widget token (not tenant-first by design). */
export function widgetRouteKey(widgetToken: string): TableKey {
  return { pk: `ROUTE#widget#${id('widgetToken', widgetToken)}`, sk: 'ROUTE' };
}

/** AP-5: a contact's profile item. */
export function contactKey(accountId: string, contactId: string): TableKey {
  return { pk: `${acc(accountId)}#CONTACT#${id('contactId', contactId)}`, sk: 'PROFILE' };
}

/** AP-6: the identity item; its pk is the identity itself, so a link is claimed at most once. */
export function identityKey(accountId: string, channel: ChannelType, externalId: string): TableKey {
  return {
    pk: `${acc(accountId)}#IDENTITY#${id('channel', channel)}#${text('externalId', externalId)}`,
    sk: 'IDENTITY',
  };
}

/** AP-7: gsi1 sort-key prefix of a contact's identities. */
export const identityPrefix = 'IDENTITY#';

/** AP-7: the gsi1 keys of an identity item, grouping identities under their contact. */
export function identityGsi1(accountId: string, contactId: string, channel: ChannelType, externalId: string): { gsi1pk: string; gsi1sk: string } {
  return {
    gsi1pk: contactIdentitiesPartition(accountId, contactId),
    gsi1sk: `${identityPrefix}${id('channel', channel)}#${text('externalId', externalId)}`,
  };
}

/** AP-7: the gsi1 partition holding a contact's identities. */
export function contactIdentitiesPartition(accountId: string, contactId: string): string {
  return `${acc(accountId)}#CONTACT#${id('contactId', contactId)}`;
}

/** AP-8: a conversation's META item (the head of the conversation's item collection). */
export function conversationKey(accountId: string, conversationId: string): TableKey {
  return { pk: conversationPartition(accountId, conversationId), sk: 'META' };
}

/** AP-8 / AP-11..13: the item collection of a conversation: its META item and its messages. */
export function conversationPartition(accountId: string, conversationId: string): string {
  return `${acc(accountId)}#CONV#${id('conversationId', conversationId)}`;
}

/** AP-9 / AP-40: the gsi1 partition of the conversations with one status (AP-40 filters it). */
export function conversationsByStatusPartition(accountId: string, status: ConversationStatus): string {
  return `${acc(accountId)}#CONVS#${id('status', status)}`;
}

/** AP-9: gsi1 sort key: ISO times sort lexically, the id breaks ties. */
export function conversationActivitySortKey(lastActivityAt: string, conversationId: string): string {
  return `${lastActivityAt}#${id('conversationId', conversationId)}`;
}

/** AP-9: both gsi1 keys of a conversation. */
export function conversationGsi1(accountId: string, status: ConversationStatus, lastActivityAt: string, conversationId: string): { gsi1pk: string; gsi1sk: string } {
  return {
    gsi1pk: conversationsByStatusPartition(accountId, status),
    gsi1sk: conversationActivitySortKey(lastActivityAt, conversationId),
  };
}

/** AP-10: the gsi2 partition of a contact's conversations. */
export function contactConversationsPartition(accountId: string, contactId: string): string {
  return `${acc(accountId)}#CONTACT#${id('contactId', contactId)}#CONVS`;
}

/** AP-10: both gsi2 keys of a conversation. */
export function conversationGsi2(accountId: string, contactId: string, createdAt: string, conversationId: string): { gsi2pk: string; gsi2sk: string } {
  return {
    gsi2pk: contactConversationsPartition(accountId, contactId),
    gsi2sk: `${createdAt}#${id('conversationId', conversationId)}`,
  };
}

/** AP-11 / AP-12: a message, in its conversation's item collection (ULID ids sort by time). */
export function messageKey(accountId: string, conversationId: string, messageId: string): TableKey {
  return { pk: conversationPartition(accountId, conversationId), sk: `${messagePrefix}${id('messageId', messageId)}` };
}

/**
 * AP-13: inclusive sort-key bounds for a message listing. Bounds at `afterId` / `beforeId` are
 * inclusive (DynamoDB's BETWEEN); the repository drops the anchor message itself.
 */
export function messageRange(afterId?: string, beforeId?: string): { readonly from: string; readonly to: string } {
  return {
    from: afterId === undefined ? messagePrefix : `${messagePrefix}${id('afterId', afterId)}`,
    to: beforeId === undefined ? messageRangeEnd : `${messagePrefix}${id('beforeId', beforeId)}`,
  };
}

/** AP-14: an agent, in the account's item collection. */
export function agentKey(accountId: string, agentId: string): TableKey {
  return { pk: acc(accountId), sk: `AGENT#${id('agentId', agentId)}` };
}

/** AP-15: query for an account's agents. */
export function agentsQuery(accountId: string): { readonly pk: string; readonly skPrefix: string } {
  return { pk: acc(accountId), skPrefix: 'AGENT#' };
}

/** AP-14 / AP-16: the global claim of a sign-in email (case-insensitive: lower-cased). */
export function agentEmailRouteKey(email: string): TableKey {
  return { pk: `ROUTE#agent-email#${text('email', email.trim().toLowerCase())}`, sk: 'ROUTE' };
}

/** AP-17: a session, keyed by the SHA-256 of its token (the token itself is never stored). */
export function sessionKey(accountId: string, tokenHash: string): TableKey {
  return { pk: `${acc(accountId)}#SESSION#${id('tokenHash', tokenHash)}`, sk: 'SESSION' };
}

/** AP-18: the gsi1 partition of an agent's sessions. */
export function agentSessionsPartition(accountId: string, agentId: string): string {
  return `${acc(accountId)}#AGENT#${id('agentId', agentId)}#SESSIONS`;
}

/** AP-18: both gsi1 keys of a session. */
export function sessionGsi1(accountId: string, agentId: string, createdAt: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: agentSessionsPartition(accountId, agentId), gsi1sk: text('createdAt', createdAt) };
}

/** AP-19: a single-use WebSocket connect ticket, keyed by the SHA-256 of its token. */
export function ticketKey(accountId: string, tokenHash: string): TableKey {
  return { pk: `${acc(accountId)}#TICKET#${id('tokenHash', tokenHash)}`, sk: 'TICKET' };
}

/** AP-20: a WebSocket connection. */
export function connectionKey(accountId: string, connectionId: string): TableKey {
  return { pk: `${acc(accountId)}#CONN#${id('connectionId', connectionId)}`, sk: 'CONN' };
}

/** AP-21: the gsi1 partition of an agent's connections. */
export function agentConnectionsPartition(accountId: string, agentId: string): string {
  return `${acc(accountId)}#AGENT#${id('agentId', agentId)}#CONNS`;
}

/** AP-21: both gsi1 keys of an agent's connection (visitor connections have none). */
export function connectionGsi1(accountId: string, agentId: string, connectedAt: string, connectionId: string): { gsi1pk: string; gsi1sk: string } {
  return {
    gsi1pk: agentConnectionsPartition(accountId, agentId),
    gsi1sk: `${connectedAt}#${id('connectionId', connectionId)}`,
  };
}

/** AP-22: the partition of a topic's subscribers. */
export function topicPartition(accountId: string, topic: string): string {
  return `${acc(accountId)}#TOPIC#${text('topic', topic)}`;
}

/** AP-22: sort-key prefix of a topic's subscription items. */
export const subscriberPrefix = 'CONN#';

/** AP-22: one subscription of a connection to a topic. */
export function subscriptionKey(accountId: string, topic: string, connectionId: string): TableKey {
  return { pk: topicPartition(accountId, topic), sk: `${subscriberPrefix}${id('connectionId', connectionId)}` };
}

/** AP-23: the gsi1 partition of a connection's subscriptions. */
export function connectionSubscriptionsPartition(accountId: string, connectionId: string): string {
  return `${acc(accountId)}#CONN#${id('connectionId', connectionId)}#SUBS`;
}

/** AP-23: sort-key prefix of a connection's subscriptions on gsi1. */
export const topicPrefix = 'TOPIC#';

/** AP-23: both gsi1 keys of a subscription. */
export function subscriptionGsi1(accountId: string, connectionId: string, topic: string): { gsi1pk: string; gsi1sk: string } {
  return {
    gsi1pk: connectionSubscriptionsPartition(accountId, connectionId),
    gsi1sk: `${topicPrefix}${text('topic', topic)}`,
  };
}

/** AP-50: a widget visitor session, keyed by the SHA-256 of its token (never the token). */
export function visitorSessionKey(accountId: string, tokenHash: string): TableKey {
  return { pk: `${acc(accountId)}#VISITOR#${id('tokenHash', tokenHash)}`, sk: 'VISITOR' };
}

/** AP-51: an uploaded attachment's record. */
export function attachmentKey(accountId: string, attachmentId: string): TableKey {
  return { pk: `${acc(accountId)}#ATTACHMENT#${id('attachmentId', attachmentId)}`, sk: 'ATTACHMENT' };
}

/** AP-42: a team, in the account's item collection. */
export function teamKey(accountId: string, teamId: string): TableKey {
  return { pk: acc(accountId), sk: `TEAM#${id('teamId', teamId)}` };
}

/** AP-42: query for an account's teams. */
export function teamsQuery(accountId: string): { readonly pk: string; readonly skPrefix: string } {
  return { pk: acc(accountId), skPrefix: 'TEAM#' };
}

/** AP-43: the claim of a sender's client message id (`scope` names the sender, e.g. `contact:<id>`). */
export function clientMessageIdKey(accountId: string, scope: string, clientMessageId: string): TableKey {
  return { pk: `${acc(accountId)}#CMID#${id('scope', scope)}#${text('clientMessageId', clientMessageId)}`, sk: 'CMID' };
}

/** AP-44: the account's round-robin pointer. */
export function assignmentStateKey(accountId: string): TableKey {
  return { pk: acc(accountId), sk: 'ASSIGNMENT' };
}

/**
 * AP-45: a snooze wake-up, a global item (like the ROUTE items: not tenant-first, holding only
 * the account and conversation ids) so the scheduler finds due wake-ups across accounts by
 * querying minute buckets, never by scanning.
 */
export function wakeUpKey(bucket: string, at: string, accountId: string, conversationId: string): TableKey {
  return { pk: wakeBucketPartition(bucket), sk: `${text('at', at)}#${id('accountId', accountId)}#${id('conversationId', conversationId)}` };
}

/** AP-45: the partition of one minute bucket (`yyyy-mm-ddThh:mm`). */
export function wakeBucketPartition(bucket: string): string {
  return `WAKE#${id('bucket', bucket)}`;
}

/** AP-46: a scheduler cursor (`snooze`: the first wake-up bucket not fully processed). */
export function wakeCursorKey(name: string): TableKey {
  return { pk: `SCHEDULER#${id('cursor', name)}`, sk: 'CURSOR' };
}

/**
 * AP-30: the failure counter of one sign-in key. Global by design (a sign-in happens before the
 * tenant is known); it holds a count and a time, nothing of the tenant.
 */
export function loginThrottleKey(key: string): TableKey {
  return { pk: `THROTTLE#login#${text('throttleKey', key)}`, sk: 'THROTTLE' };
}

/** AP-31: the pending MFA step of a sign-in, keyed by the SHA-256 of its token. */
export function mfaChallengeKey(accountId: string, tokenHash: string): TableKey {
  return { pk: `${acc(accountId)}#MFA#${id('tokenHash', tokenHash)}`, sk: 'MFA' };
}

/** AP-32: an invitation, keyed by the SHA-256 of its token. */
export function invitationKey(accountId: string, tokenHash: string): TableKey {
  return { pk: `${acc(accountId)}#INVITE#${id('tokenHash', tokenHash)}`, sk: 'INVITE' };
}

/** Epoch seconds for the `ttl` attribute, rounded up so an item never expires early. */
export function ttlFromIso(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new InvalidKeyPartError('expiry', 'must be an ISO-8601 time');
  return Math.ceil(ms / 1000);
}

// --- channels (CORE): AP-60..AP-68 ---

/** AP-60: the global routing item of an inbox id (webhook URLs carry it; holds only the account). */
export function inboxRouteKey(inboxId: string): TableKey {
  return { pk: `ROUTE#inbox#${id('inboxId', inboxId)}`, sk: 'ROUTE' };
}

/** AP-61: the global routing item of a Meta page, Instagram account or WhatsApp phone number id. */
export function metaRouteKey(address: string): TableKey {
  return { pk: `ROUTE#meta#${id('metaAddress', address)}`, sk: 'ROUTE' };
}

/** AP-62: an email's thread item; `messageIdHash` is the hex SHA-256 of the Message-ID header. */
export function emailThreadKey(accountId: string, inboxId: string, messageIdHash: string): TableKey {
  return { pk: `${acc(accountId)}#EMAIL#${id('inboxId', inboxId)}#${id('messageIdHash', messageIdHash)}`, sk: 'THREAD' };
}

/**
 * AP-69: the claim of the conversation that follows `previousConversationId` (or the contact's
 * first one) on an inbox, so concurrent first messages of a contact open one conversation.
 */
export function conversationClaimKey(accountId: string, inboxId: string, contactId: string, previousConversationId: string | undefined): TableKey {
  const previous = previousConversationId === undefined ? 'FIRST' : id('previousConversationId', previousConversationId);
  return { pk: `${acc(accountId)}#NEXTCONV#${id('inboxId', inboxId)}#${id('contactId', contactId)}#${previous}`, sk: 'CLAIM' };
}

/** AP-63: the global lookup of a provider's message id (hashed: provider ids are free text). */
export function providerMessageKey(provider: string, providerIdHash: string): TableKey {
  return { pk: `PMSG#${id('provider', provider)}#${id('providerIdHash', providerIdHash)}`, sk: 'PMSG' };
}

/** AP-67: a token bucket (global: per provider, or per provider and tenant). */
export function tokenBucketKey(bucket: string): TableKey {
  return { pk: `BUCKET#${text('bucket', bucket)}`, sk: 'BUCKET' };
}

/** AP-68: an inbox's encrypted credentials (laptop credential store). */
export function inboxCredentialsKey(accountId: string, inboxId: string): TableKey {
  return { pk: `${acc(accountId)}#CRED#${id('inboxId', inboxId)}`, sk: 'CRED' };
}

// --- knowledge (H3): AP-70..AP-74 ---

/** AP-70: a knowledge source, in the account's item collection (an account has few sources). */
export function knowledgeSourceKey(accountId: string, sourceId: string): TableKey {
  return { pk: acc(accountId), sk: `KSOURCE#${id('sourceId', sourceId)}` };
}

/** AP-71: query for an account's knowledge sources (ULID ids: descending is newest first). */
export function knowledgeSourcesQuery(accountId: string): { readonly pk: string; readonly skPrefix: string } {
  return { pk: acc(accountId), skPrefix: 'KSOURCE#' };
}

// --- AI costs, notifications, problems (H5): AP-75..AP-87 ---

/** Checks a `YYYY-MM-DD` day or `YYYY-MM` month key part. */
function period(name: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new InvalidKeyPartError(name, 'must be a UTC day YYYY-MM-DD or month YYYY-MM');
  return value;
}
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const monthPattern = /^\d{4}-\d{2}$/;

/** AP-75: the claim that an AI answer's cost was recorded (keyed by the bot message's id). */
export function aiCostEntryKey(accountId: string, messageId: string): TableKey {
  return { pk: `${acc(accountId)}#AICOST#${id('messageId', messageId)}`, sk: 'AICOST' };
}

/** AP-76 / AP-77: the partition of an account's day and month cost totals. */
export function costsPartition(accountId: string): string {
  return `${acc(accountId)}#COSTS`;
}

/** AP-76: one day's cost totals. */
export function costDayKey(accountId: string, day: string): TableKey {
  return { pk: costsPartition(accountId), sk: `DAY#${period('day', day, dayPattern)}` };
}

/** AP-77 / AP-79: one month's cost totals (and its claimed alerts). */
export function costMonthKey(accountId: string, month: string): TableKey {
  return { pk: costsPartition(accountId), sk: `MONTH#${period('month', month, monthPattern)}` };
}

/** AP-78: the partition of a month's per-conversation costs. */
export function conversationCostsPartition(accountId: string, month: string): string {
  return `${costsPartition(accountId)}#${period('month', month, monthPattern)}`;
}

/** AP-78: one conversation's cost in a month. */
export function conversationCostKey(accountId: string, month: string, conversationId: string): TableKey {
  return { pk: conversationCostsPartition(accountId, month), sk: `CONV#${id('conversationId', conversationId)}` };
}

/** AP-80 / AP-82: the partition of an account's notifications. */
export function notificationsPartition(accountId: string): string {
  return `${acc(accountId)}#NOTIFS`;
}

/** AP-80: sort-key prefix of notifications (`NOTIF#<ulid>`, so newest last). */
export const notificationPrefix = 'NOTIF#';

/** AP-80 / AP-81: one notification. */
export function notificationKey(accountId: string, notificationId: string): TableKey {
  return { pk: notificationsPartition(accountId), sk: `${notificationPrefix}${id('notificationId', notificationId)}` };
}

/** AP-82: the account's unread-notification counter. */
export function notificationCounterKey(accountId: string): TableKey {
  return { pk: notificationsPartition(accountId), sk: 'UNREAD' };
}

/** AP-83 / AP-85 / AP-86: the item collection of a problem. */
export function problemPartition(accountId: string, problemId: string): string {
  return `${acc(accountId)}#PROBLEM#${id('problemId', problemId)}`;
}

/** AP-83 / AP-87: a problem. */
export function problemKey(accountId: string, problemId: string): TableKey {
  return { pk: problemPartition(accountId, problemId), sk: 'PROBLEM' };
}

/** AP-84: the gsi1 partition of an account's problems of one status. */
export function problemsByStatusPartition(accountId: string, status: string): string {
  return `${acc(accountId)}#PROBLEMS#${id('status', status)}`;
}

/** AP-84: both gsi1 keys of a problem. */
export function problemGsi1(accountId: string, status: string, createdAt: string, problemId: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: problemsByStatusPartition(accountId, status), gsi1sk: `${createdAt}#${id('problemId', problemId)}` };
}

/** AP-86: sort-key prefix of a problem's affected contacts. */
export const problemContactPrefix = 'CONTACT#';

/** AP-85: one contact a problem affected. */
export function problemContactKey(accountId: string, problemId: string, contactId: string): TableKey {
  return { pk: problemPartition(accountId, problemId), sk: `${problemContactPrefix}${id('contactId', contactId)}` };
}
