/**
 * Agents change a conversation: assignment, status, priority — layer: services.
 *
 * Each change is one conditional update of the conversation item (bumping its seq, so the
 * realtime layer pushes `conversation.updated` to the conversation, its inbox, the account
 * feed and the assignees). Assignment also records an `activity` message; snoozing also writes
 * the wake-up item the scheduler finds.
 */
import { conversationView, planStatusChange, type ConversationView } from '../../domain/conversation-rules.js';
import type { ConversationStatus, Priority } from '../../domain/entities.js';
import type { ConversationDeps } from './deps.js';
import { NotFoundError, ValidationError } from './errors.js';
import { loadConversation } from './load.js';

/** Input of {@link makeAssignConversation}. */
export interface AssignInput {
  readonly accountId: string;
  readonly conversationId: string;
  /** The agent making the change. */
  readonly actorId: string;
  /** An agent of the account, or null to unassign. */
  readonly assigneeId: string | null;
  /** A team of the account, null to clear, absent to leave as is. */
  readonly teamId?: string | null;
}

/**
 * Creates the use case behind `POST /api/v1/conversations/{id}/assign`.
 *
 * Primary course: load the conversation; check the assignee (and team) belong to the account
 * (404 otherwise); update; append an `activity` message ("Assigned to Ada by Grace").
 */
export function makeAssignConversation(deps: Pick<ConversationDeps, 'conversations' | 'messages' | 'agents' | 'teams' | 'contacts' | 'clock' | 'ids'>) {
  return async function assignConversation(input: AssignInput): Promise<ConversationView> {
    const { accountId, conversationId } = input;
    const conversation = await loadConversation(deps.conversations, accountId, conversationId);
    const assignee = input.assigneeId === null ? undefined : await deps.agents.get(accountId, input.assigneeId);
    if (input.assigneeId !== null && (!assignee || assignee.disabled)) throw new NotFoundError('agent');
    const team = input.teamId === undefined || input.teamId === null ? undefined : await deps.teams.get(accountId, input.teamId);
    if (input.teamId !== undefined && input.teamId !== null && !team) throw new NotFoundError('team');
    const now = deps.clock.nowIso();
    const updated = await deps.conversations.update(accountId, conversationId, {
      assigneeId: input.assigneeId,
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
    }, { at: now });
    if (!updated) throw new NotFoundError('conversation');
    // "Assigned to Ada by Grace"; an agent taking a conversation is just "Assigned to Ada".
    const actor = input.actorId === input.assigneeId ? undefined : await deps.agents.get(accountId, input.actorId);
    const by = actor ? ` by ${actor.name}` : '';
    const parts: string[] = [];
    if (input.assigneeId !== (conversation.assigneeId ?? null)) parts.push(assignee ? `Assigned to ${assignee.name}${by}` : `Unassigned${by}`);
    if (input.teamId !== undefined && input.teamId !== (conversation.teamId ?? null)) parts.push(team ? `Team set to ${team.name}` : 'Team cleared');
    if (parts.length > 0) {
      await deps.messages.append({
        accountId,
        conversationId,
        inboxId: conversation.inboxId,
        id: deps.ids.next(),
        type: 'activity',
        status: 'sent',
        authorType: 'system',
        authorId: input.actorId,
        body: parts.join('; '),
        createdAt: now,
      });
    }
    const latest = (await deps.conversations.get(accountId, conversationId)) ?? updated;
    return conversationView(latest, await deps.contacts.get(accountId, conversation.contactId));
  };
}

/** Input of {@link makeChangeConversationStatus}. */
export interface ChangeStatusInput {
  readonly accountId: string;
  readonly conversationId: string;
  readonly status: ConversationStatus;
  /** Required with `snoozed`, in the future; refused with any other status. */
  readonly snoozedUntil?: string;
}

/**
 * Creates the use case behind `POST /api/v1/conversations/{id}/status`.
 *
 * Snoozing writes the wake-up item first, then the conversation: a wake-up without a snoozed
 * conversation is ignored by the scheduler, whereas a snooze without a wake-up would sleep forever.
 */
export function makeChangeConversationStatus(deps: Pick<ConversationDeps, 'conversations' | 'contacts' | 'wakeUps' | 'clock'>) {
  return async function changeConversationStatus(input: ChangeStatusInput): Promise<ConversationView> {
    const { accountId, conversationId } = input;
    const conversation = await loadConversation(deps.conversations, accountId, conversationId);
    const now = deps.clock.nowIso();
    const plan = planStatusChange({ to: input.status, ...(input.snoozedUntil !== undefined ? { snoozedUntil: input.snoozedUntil } : {}), now });
    if (!plan.ok) {
      throw new ValidationError(plan.reason === 'snooze_needs_future_time'
        ? 'snoozedUntil must be a time in the future'
        : 'snoozedUntil is only allowed with status "snoozed"');
    }
    if (plan.snoozedUntil !== undefined) await deps.wakeUps.schedule({ accountId, conversationId, at: plan.snoozedUntil });
    const updated = await deps.conversations.update(accountId, conversationId, {
      status: plan.status,
      snoozedUntil: plan.snoozedUntil ?? null,
    }, { at: now });
    if (!updated) throw new NotFoundError('conversation');
    return conversationView(updated, await deps.contacts.get(accountId, conversation.contactId));
  };
}

/** Creates the use case behind `POST /api/v1/conversations/{id}/priority`. */
export function makeSetPriority(deps: Pick<ConversationDeps, 'conversations' | 'contacts' | 'clock'>) {
  return async function setPriority(input: { readonly accountId: string; readonly conversationId: string; readonly priority: Priority }): Promise<ConversationView> {
    const updated = await deps.conversations.update(input.accountId, input.conversationId, { priority: input.priority }, { at: deps.clock.nowIso() });
    if (!updated) throw new NotFoundError('conversation');
    return conversationView(updated, await deps.contacts.get(input.accountId, updated.contactId));
  };
}
