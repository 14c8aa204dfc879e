/**
 * Conversation rules — layer: domain (pure: no clock, no SDK; times come in as arguments).
 *
 * The life of a conversation:
 *
 *   open ⇄ pending ⇄ snoozed ⇄ resolved   (agents may move between any two states;
 *                                          snoozing needs a wake-up time in the future)
 *   customer message: resolved → open, snoozed → open (woken), open/pending unchanged
 *   agent reply:      resolved → open, snoozed → open, and the conversation is handled by a human
 *   wake-up time:     snoozed → open
 *
 * Assignment: manual by any agent, or automatic round-robin among available agents below the
 * account's capacity ({@link chooseRoundRobinAssignee}).
 */
import { nanoUsdToUsd } from './cost.js';
import { initialHandlerFor } from './handoff.js';
import type { Account, AuthorType, Contact, Conversation, ConversationStatus, HandledBy, LastMessagePreview, Message } from './entities.js';

/** Longest body kept in a conversation's last-message preview. */
export const previewLength = 200;

/** Why a status change was refused. */
export type StatusChangeRefusal = 'snooze_needs_future_time' | 'snooze_time_only_when_snoozing';

/**
 * Checks an agent's status change. Any status may follow any other; snoozing needs a wake-up
 * time after `now`, and only snoozing takes one.
 *
 * @returns the fields to write, or the reason it is refused
 */
export function planStatusChange(input: {
  readonly to: ConversationStatus;
  readonly snoozedUntil?: string;
  readonly now: string;
}): { readonly ok: true; readonly status: ConversationStatus; readonly snoozedUntil?: string } | { readonly ok: false; readonly reason: StatusChangeRefusal } {
  if (input.to === 'snoozed') {
    if (input.snoozedUntil === undefined || Date.parse(input.snoozedUntil) <= Date.parse(input.now)) {
      return { ok: false, reason: 'snooze_needs_future_time' };
    }
    return { ok: true, status: 'snoozed', snoozedUntil: new Date(Date.parse(input.snoozedUntil)).toISOString() };
  }
  if (input.snoozedUntil !== undefined) return { ok: false, reason: 'snooze_time_only_when_snoozing' };
  return { ok: true, status: input.to };
}

/** The status a conversation takes when its customer writes: a resolved one reopens, a snoozed one wakes. */
export function statusAfterCustomerMessage(status: ConversationStatus): ConversationStatus {
  return status === 'resolved' || status === 'snoozed' ? 'open' : status;
}

/** The status and handler after an agent's reply (not a private note): a human owns it, and it is open. */
export function stateAfterAgentReply(conversation: Pick<Conversation, 'status' | 'handledBy'>): { status: ConversationStatus; handledBy: HandledBy } {
  return { status: statusAfterCustomerMessage(conversation.status), handledBy: 'human' };
}

/** True when a snoozed conversation's wake-up time has come. */
export function isDueToWake(conversation: Pick<Conversation, 'status' | 'snoozedUntil'>, now: string): boolean {
  return conversation.status === 'snoozed' && conversation.snoozedUntil !== undefined && conversation.snoozedUntil <= now;
}

/**
 * Who handles a new conversation a customer starts: the AI agent when the account's AI is
 * enabled, else a person (the hand-off state machine is in handoff.ts).
 */
export function initialHandler(account: Pick<Account, 'ai'> | undefined): HandledBy {
  return initialHandlerFor(account?.ai);
}

/** The preview an appended message leaves on its conversation; notes and activity leave none. */
export function lastMessagePreview(message: Pick<Message, 'type' | 'body' | 'authorType' | 'createdAt'>): LastMessagePreview | undefined {
  if (message.type !== 'incoming' && message.type !== 'outgoing') return undefined;
  return { body: message.body.slice(0, previewLength), authorType: message.authorType, createdAt: message.createdAt };
}

/** One agent as auto-assignment sees it. */
export interface AssignmentCandidate {
  readonly agentId: string;
  /** Availability `online` and at least one open WebSocket connection. */
  readonly available: boolean;
  /** Open and pending conversations assigned to the agent now. */
  readonly load: number;
}

/**
 * Round-robin choice among available agents under capacity: agents are taken in id order,
 * starting after the last agent that got a conversation, skipping the unavailable and the full.
 * Deterministic, so two calls with the same inputs choose the same agent.
 *
 * @example
 * chooseRoundRobinAssignee({ candidates: [a, b, c], capacity: 5, lastAssignedId: a.agentId }) // → b (if available, under 5)
 * @returns the chosen agent's id, or undefined when nobody can take it
 */
export function chooseRoundRobinAssignee(input: {
  readonly candidates: readonly AssignmentCandidate[];
  readonly capacity: number;
  readonly lastAssignedId?: string;
}): string | undefined {
  const eligible = input.candidates
    .filter((c) => c.available && c.load < input.capacity)
    .map((c) => c.agentId)
    .sort();
  if (eligible.length === 0) return undefined;
  const last = input.lastAssignedId;
  if (last === undefined) return eligible[0];
  return eligible.find((id) => id > last) ?? eligible[0];
}

/** The contact part of a conversation view. */
export interface ConversationContactView {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
}

/**
 * What agents see of a conversation in lists and detail: the conversation, its contact and its
 * last message; the AI cost in dollars (`aiCostUsd`), and not the bot's internal turn marker.
 */
export type ConversationView = Omit<Conversation, 'accountId' | 'aiCostNanoUsd' | 'aiAnsweredThrough'> & {
  readonly contact: ConversationContactView;
  readonly aiCostUsd?: number;
};

/**
 * The agents' view of a conversation. The contact comes from the conversation's denormalised
 * fields, or from a freshly read contact when the caller has one.
 */
export function conversationView(conversation: Conversation, contact?: Pick<Contact, 'id' | 'name' | 'email'>): ConversationView {
  const { accountId: _accountId, aiCostNanoUsd, aiAnsweredThrough: _through, ...rest } = conversation;
  const name = contact?.name ?? conversation.contactName;
  const email = contact?.email ?? conversation.contactEmail;
  return {
    ...rest,
    ...(aiCostNanoUsd !== undefined ? { aiCostUsd: nanoUsdToUsd(aiCostNanoUsd) } : {}),
    contact: { id: conversation.contactId, ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) },
  };
}

/** What a widget visitor sees of one of its conversations: no assignment, priority, team or notes. */
export interface PublicConversationView {
  readonly id: string;
  readonly inboxId: string;
  readonly status: ConversationStatus;
  readonly seq: number;
  readonly lastActivityAt: string;
  readonly createdAt: string;
  readonly lastMessage?: { readonly body: string; readonly authorType: AuthorType; readonly createdAt: string };
}

/** The customer-facing view of a conversation. */
export function publicConversationView(conversation: Conversation): PublicConversationView {
  return {
    id: conversation.id,
    inboxId: conversation.inboxId,
    status: conversation.status,
    seq: conversation.seq,
    lastActivityAt: conversation.lastActivityAt,
    createdAt: conversation.createdAt,
    ...(conversation.lastMessage ? { lastMessage: conversation.lastMessage } : {}),
  };
}

/**
 * The minute bucket of a wake-up time (`2026-11-23T10:05`): the scheduler reads the buckets
 * up to now instead of scanning the table.
 */
export function wakeBucket(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 16);
}

/** The buckets from `from` (inclusive) to `to` (inclusive), one per minute. */
export function wakeBucketsBetween(fromBucket: string, toBucket: string, max: number): string[] {
  const buckets: string[] = [];
  let at = Date.parse(`${fromBucket}:00.000Z`);
  const end = Date.parse(`${toBucket}:00.000Z`);
  while (at <= end && buckets.length < max) {
    buckets.push(new Date(at).toISOString().slice(0, 16));
    at += 60_000;
  }
  return buckets;
}
