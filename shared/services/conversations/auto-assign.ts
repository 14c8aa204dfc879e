/**
 * Automatic assignment — layer: services.
 *
 * Primary course:
 *  1. Read the account's settings (unless the caller passes the account it read); nothing happens when auto-assignment is off.
 *  2. List the account's agents; an agent is available when not disabled, its availability is
 *     `online` and it has at least one open WebSocket connection.
 *  3. Count each available agent's open and pending conversations (its load).
 *  4. Choose round-robin among available agents under the account's capacity (domain rule).
 *  5. Assign, remember the choice, and record
 *     an `activity` message.
 */
import { accountDefaults } from '../../domain/entities.js';
import type { Account, Conversation } from '../../domain/entities.js';
import { chooseRoundRobinAssignee, type AssignmentCandidate } from '../../domain/conversation-rules.js';
import type { ConversationDeps } from './deps.js';

/** Dependencies of {@link makeAutoAssign}. */
export type AutoAssignDeps = Pick<ConversationDeps, 'accounts' | 'agents' | 'connections' | 'conversations' | 'messages' | 'assignmentState' | 'clock' | 'ids'>;

/** Creates the auto-assignment step used when a conversation is created. */
export function makeAutoAssign(deps: AutoAssignDeps) {
  /** `loaded.account`: the account the caller already read (not read again). */
  return async function autoAssign(conversation: Conversation, loaded: { readonly account?: Account } = {}): Promise<Conversation> {
    if (conversation.assigneeId !== undefined) return conversation;
    const account = loaded.account?.id === conversation.accountId ? loaded.account : await deps.accounts.get(conversation.accountId);
    if (!account || !(account.autoAssign ?? accountDefaults.autoAssign)) return conversation;
    const agents = (await deps.agents.list(conversation.accountId)).filter((a) => !a.disabled && (a.availability ?? 'online') === 'online');
    const candidates: AssignmentCandidate[] = [];
    for (const agent of agents) {
      const connections = await deps.connections.listByAgent(conversation.accountId, agent.id);
      if (connections.length === 0) continue;
      const load =
        (await deps.conversations.count(conversation.accountId, { status: 'open', assigneeId: agent.id })) +
        (await deps.conversations.count(conversation.accountId, { status: 'pending', assigneeId: agent.id }));
      candidates.push({ agentId: agent.id, available: true, load });
    }
    // No agent available: nobody to choose, so the round-robin state is not read.
    if (candidates.length === 0) return conversation;
    const lastAssignedId = await deps.assignmentState.lastAssigned(conversation.accountId);
    const chosen = chooseRoundRobinAssignee({
      candidates,
      capacity: account.agentCapacity ?? accountDefaults.agentCapacity,
      ...(lastAssignedId !== undefined ? { lastAssignedId } : {}),
    });
    if (chosen === undefined) return conversation;
    const now = deps.clock.nowIso();
    const updated = await deps.conversations.update(conversation.accountId, conversation.id, { assigneeId: chosen }, { at: now });
    if (!updated) return conversation;
    await deps.assignmentState.recordAssigned(conversation.accountId, chosen);
    const agent = agents.find((a) => a.id === chosen);
    await deps.messages.append({
      accountId: conversation.accountId,
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      id: deps.ids.next(),
      type: 'activity',
      status: 'sent',
      authorType: 'system',
      body: `Assigned to ${agent?.name ?? 'an agent'} automatically`,
      createdAt: now,
    });
    return (await deps.conversations.get(conversation.accountId, conversation.id)) ?? updated;
  };
}
