/**
 * An agent takes a conversation over from the bot, or returns it to the bot — layer: services.
 *
 * Primary course (`POST /api/v1/conversations/{id}/handoff` `{ to }`):
 *  1. Load the conversation (404 when not in the caller's account).
 *  2. `to: 'human'`: from bot or pending_handoff → human, assigned to the caller unless someone
 *     has it already; `to: 'bot'`: from human or pending_handoff → bot (refused when the
 *     account's AI is off). Already in the wanted state: answered as is, nothing written.
 *  3. The change is conditional on the state read in 1; when another change won the race the
 *     state is read again and the request is answered from it (or refused, 409).
 *  4. An activity line records who did it.
 */
import { resolveAiSettings } from '../../domain/ai-settings.js';
import type { Conversation } from '../../domain/entities.js';
import { nextHandler } from '../../domain/handoff.js';
import type { AiTurnRepository } from '../../ports/ai-turns.js';
import type { AccountRepository, AgentRepository, ConversationRepository, MessageRepository } from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import { NotFoundError } from '../conversations/errors.js';
import { HandoffConflictError } from './errors.js';

/** Dependencies of {@link makeChangeHandoff}. */
export interface ChangeHandoffDeps {
  readonly accounts: Pick<AccountRepository, 'get'>;
  readonly agents: Pick<AgentRepository, 'get'>;
  readonly conversations: Pick<ConversationRepository, 'get'>;
  readonly messages: Pick<MessageRepository, 'append'>;
  readonly aiTurns: AiTurnRepository;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** Input of the use case; the account and the agent come from the session. */
export interface ChangeHandoffInput {
  readonly accountId: string;
  readonly agentId: string;
  readonly conversationId: string;
  readonly to: 'human' | 'bot';
}

/** Creates the agents' hand-off action. */
export function makeChangeHandoff(deps: ChangeHandoffDeps) {
  return async function changeHandoff(input: ChangeHandoffInput): Promise<Conversation> {
    const { accountId, conversationId } = input;
    if (input.to === 'bot') {
      const account = await deps.accounts.get(accountId);
      if (!resolveAiSettings(account?.ai).enabled) throw new HandoffConflictError('The AI agent is turned off for this account: turn it on in the AI settings first.');
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const conversation = await deps.conversations.get(accountId, conversationId);
      if (!conversation) throw new NotFoundError('conversation');
      const event = input.to === 'human' ? { kind: 'agent_takes_over' as const } : { kind: 'agent_returns_to_bot' as const };
      const next = nextHandler(conversation.handledBy, event);
      if (next === undefined) return conversation;
      const changed = await deps.aiTurns.changeHandler(accountId, conversationId, {
        from: [conversation.handledBy],
        to: next,
        ...(input.to === 'human' ? { assignIfUnassigned: input.agentId } : {}),
      });
      if (!changed) continue;
      const agent = await deps.agents.get(accountId, input.agentId);
      const who = agent?.name ?? 'An agent';
      await deps.messages.append({
        accountId, conversationId, inboxId: conversation.inboxId, id: deps.ids.next(), type: 'activity', status: 'sent', authorType: 'system',
        authorId: input.agentId,
        body: input.to === 'human' ? `${who} took over from the assistant` : `${who} returned the conversation to the assistant`,
        createdAt: deps.clock.nowIso(),
      });
      return (await deps.conversations.get(accountId, conversationId)) ?? changed;
    }
    throw new HandoffConflictError('The conversation changed at the same time; reload it and try again.');
  };
}
