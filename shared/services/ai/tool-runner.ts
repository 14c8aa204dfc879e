/**
 * Running the bot's tool calls — layer: services.
 *
 * Every input is validated with its zod schema first (a mismatch answers the model with an error
 * result, and nothing runs); identity (account, conversation) comes from the job, never the model.
 */
import { escapeForPrompt } from '../../domain/ai-prompt.js';
import type { Citation, Conversation } from '../../domain/entities.js';
import type { ToolUse } from '../../ports/language-model.js';
import type { SearchHit } from '../../ports/search-index.js';
import type { ToolOutcome } from './converse-with-tools.js';
import type { AiTurnDeps } from './deps.js';
import type { TurnSpend } from './spend.js';
import { HandoffInput, OpenTicketInput, SearchKnowledgeInput, toolNames } from './tools.js';

/**
 * Creates the tool runner of one turn. `hits` and `citations` collect what `search_knowledge`
 * found (for the answer's trace and citations).
 */
export function makeToolRunner(ctx: {
  readonly deps: Pick<AiTurnDeps, 'retrieve' | 'conversations' | 'messages' | 'clock' | 'ids'>;
  readonly conversation: Conversation;
  readonly settings: Parameters<AiTurnDeps['retrieve']>[0]['settings'];
  readonly spend: TurnSpend;
  readonly hits: SearchHit[];
  readonly citations: Citation[];
}) {
  const { deps, conversation } = ctx;
  const failed = (use: ToolUse, text: string): ToolOutcome => ({ ok: false, result: { toolUseId: use.toolUseId, status: 'error', content: [{ text }] } });
  return async function runTool(use: ToolUse): Promise<ToolOutcome> {
    switch (use.name) {
      case toolNames.searchKnowledge: {
        const input = SearchKnowledgeInput.safeParse(use.input);
        if (!input.success) return failed(use, 'search_knowledge needs {"query": string}.');
        const found = await deps.retrieve({ accountId: conversation.accountId, query: input.data.query, visibility: 'public', settings: ctx.settings });
        ctx.spend.addEmbedding(found.embeddingTokens);
        for (const hit of found.hits) if (!ctx.hits.some((h) => h.chunkId === hit.chunkId)) ctx.hits.push(hit);
        if (found.answerable) ctx.citations.push(...found.citations);
        // Quoted as data like the system prompt's documents: escaped, so no text in them reads as markup.
        const documents = found.answerable ? found.hits.map((h) => ({ title: escapeForPrompt(h.title), ...(h.heading ? { heading: escapeForPrompt(h.heading) } : {}), text: escapeForPrompt(h.text) })) : [];
        return { ok: true, result: { toolUseId: use.toolUseId, content: [{ json: { documents } }] } };
      }
      case toolNames.handoff: {
        const input = HandoffInput.safeParse(use.input);
        return { ok: true, result: { toolUseId: use.toolUseId, content: [{ text: 'Handed over.' }] }, handoff: input.success && input.data.reason ? { detail: input.data.reason } : {} };
      }
      case toolNames.openTicket: {
        const input = OpenTicketInput.safeParse(use.input);
        if (!input.success) return failed(use, 'open_ticket needs {"subject": string, "priority"?: "low"|"medium"|"high"|"urgent"}.');
        const now = deps.clock.nowIso();
        await deps.conversations.update(conversation.accountId, conversation.id, { priority: input.data.priority }, { at: now });
        await deps.messages.append({
          accountId: conversation.accountId, conversationId: conversation.id, inboxId: conversation.inboxId, id: deps.ids.next(),
          type: 'activity', status: 'sent', authorType: 'system', body: `Ticket opened by the assistant (${input.data.priority}): ${input.data.subject}`, createdAt: now,
        });
        return { ok: true, result: { toolUseId: use.toolUseId, content: [{ text: 'Ticket opened; a colleague will follow up. Tell the customer.' }] } };
      }
      default:
        return failed(use, `There is no tool named ${use.name.slice(0, 40)}.`);
    }
  };
}
