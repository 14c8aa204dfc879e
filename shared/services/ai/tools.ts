/**
 * The bot's tools — layer: services.
 *
 * What the model may ask for during a turn, and the schemas its requests are checked against.
 * No tool takes an account, a contact or a conversation: those come from the job (SECURITY.md §6),
 * so a model talked into "look up customer X" has no way to name X.
 */
import * as z from 'zod/mini';
import type { ToolSpec } from '../../ports/language-model.js';
import { priorities } from '../../domain/entities.js';

/** Tool names. */
export const toolNames = { searchKnowledge: 'search_knowledge', handoff: 'handoff_to_human', openTicket: 'open_ticket', recordSummary: 'record_summary' } as const;

/** `search_knowledge` input. */
export const SearchKnowledgeInput = z.object({ query: z.string().check(z.minLength(1), z.maxLength(500)) });
/** `handoff_to_human` input. */
export const HandoffInput = z.object({ reason: z.optional(z.string().check(z.maxLength(500))) });
/** `open_ticket` input. */
export const OpenTicketInput = z.object({
  subject: z.string().check(z.minLength(1), z.maxLength(200)),
  priority: z._default(z.enum(priorities.filter((p) => p !== 'none') as ['low', 'medium', 'high', 'urgent']), 'high'),
});
/** `record_summary` input (the forced summary call of a hand-off). */
export const RecordSummaryInput = z.object({ summary: z.string().check(z.minLength(1), z.maxLength(2_000)) });

/** The tools of an answering turn. */
export const answerTools: readonly ToolSpec[] = [
  {
    name: toolNames.searchKnowledge,
    description: 'Search the company\'s public knowledge base again with a different query, when the documents you have do not answer the customer\'s question.',
    inputSchema: { json: { type: 'object', properties: { query: { type: 'string', description: 'What to look for, in a few words.' } }, required: ['query'] } },
  },
  {
    name: toolNames.handoff,
    description: 'Hand the conversation to a human colleague: when the customer asks for a person, when the documents do not answer the question, or when the request needs an account change, a refund decision or an exception.',
    inputSchema: { json: { type: 'object', properties: { reason: { type: 'string', description: 'Why a person should take over, in one sentence.' } }, required: ['reason'] } },
  },
  {
    name: toolNames.openTicket,
    description: 'Open a follow-up ticket for the team (e.g. a damaged delivery to investigate). The conversation is flagged for a colleague; keep helping the customer.',
    inputSchema: {
      json: {
        type: 'object',
        properties: { subject: { type: 'string' }, priority: { type: 'string', enum: ['low', 'medium', 'high', 'urgent'] } },
        required: ['subject'],
      },
    },
  },
];

/** The forced tool of the hand-off summary. */
export const summaryTool: ToolSpec = {
  name: toolNames.recordSummary,
  description: 'Record a summary of the conversation for the colleague who takes over: what the customer wants, what is known, what was tried. Facts from the conversation only.',
  inputSchema: { json: { type: 'object', properties: { summary: { type: 'string', description: 'Two to four sentences.' } }, required: ['summary'] } },
};
