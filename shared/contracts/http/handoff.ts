/**
 * The hand-off route — layer: contracts (function `agent-api`, prefix `/api/v1`, tag
 * `Hand-off`). docs/API.md "Hand-off", docs/AI.md.
 */
import * as z from 'zod/mini';
import { ConversationView } from './conversations.js';
import { defineRoute } from './route.js';

const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (26-character ULID)'));

/** `POST /api/v1/conversations/{conversationId}/handoff` */
export const ChangeHandoff = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/handoff', summary: 'Take over from the bot, or return to the bot', tag: 'Hand-off', auth: 'agent',
  description: '`to: "human"`: the caller takes the conversation over from the AI agent (assigned to the caller unless assigned already); '
    + '`to: "bot"`: the AI agent answers the customer again (409 when the account\'s AI is off). Already in that state: answered unchanged. '
    + 'An activity message records the change.',
  params: z.object({ conversationId: ulid }),
  body: z.object({ to: z.enum(['human', 'bot']) }),
  response: { status: 200, description: 'The conversation', schema: z.object({ conversation: ConversationView }) },
});
