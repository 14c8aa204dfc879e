/**
 * The agents' inbox list and counts — layer: services.
 *
 * Filters: status (default open), assignee (`me`, `unassigned` or an agent id), inbox, team
 * and who handles it (bot, waiting for a person, a person); most recent activity first; paged with signed cursors bound to the account and the
 * exact filter, so a cursor cannot be replayed by another tenant or with another filter.
 */
import { conversationView, type ConversationView } from '../../domain/conversation-rules.js';
import type { ConversationStatus, HandledBy } from '../../domain/entities.js';
import type { ConversationFilter } from '../../ports/repositories.js';
import { makeCursorCodec } from '../paging/cursor.js';
import type { ConversationDeps } from './deps.js';

/** Dependencies of {@link makeListConversations}. */
export type ListConversationsDeps = Pick<ConversationDeps, 'conversations' | 'keys'>;

/** Input of {@link makeListConversations}. */
export interface ListConversationsInput {
  readonly accountId: string;
  /** The signed-in agent (for `assignee: 'me'`). */
  readonly agentId: string;
  readonly status?: ConversationStatus;
  readonly assignee?: string;
  readonly inboxId?: string;
  readonly teamId?: string;
  readonly handledBy?: HandledBy;
  readonly limit: number;
  readonly cursor?: string;
}

/** A page of conversation views. */
export interface ConversationPage {
  readonly items: readonly ConversationView[];
  readonly nextCursor?: string;
}

/** The repository filter of an agent's query. */
export function conversationFilter(input: Pick<ListConversationsInput, 'agentId' | 'status' | 'assignee' | 'inboxId' | 'teamId' | 'handledBy'>): ConversationFilter {
  const assigneeId = input.assignee === undefined ? undefined : input.assignee === 'me' ? input.agentId : input.assignee === 'unassigned' ? null : input.assignee;
  return {
    status: input.status ?? 'open',
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(input.inboxId !== undefined ? { inboxId: input.inboxId } : {}),
    ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
    ...(input.handledBy !== undefined ? { handledBy: input.handledBy } : {}),
  };
}

/** The canonical text of a filter, which a cursor is bound to. */
function queryText(filter: ConversationFilter): string {
  const assignee = filter.assigneeId === null ? 'none' : filter.assigneeId ?? '*';
  return `conversations|status=${filter.status}|assignee=${assignee}|inbox=${filter.inboxId ?? '*'}|team=${filter.teamId ?? '*'}|handledBy=${filter.handledBy ?? '*'}`;
}

/** Creates the use case behind `GET /api/v1/conversations`. */
export function makeListConversations(deps: ListConversationsDeps) {
  const cursors = makeCursorCodec(deps.keys);
  return async function listConversations(input: ListConversationsInput): Promise<ConversationPage> {
    const filter = conversationFilter(input);
    const query = queryText(filter);
    const startKey = input.cursor === undefined ? undefined : await cursors.decode(input.accountId, query, input.cursor);
    const page = await deps.conversations.list(input.accountId, filter, { limit: input.limit, ...(startKey ? { startKey } : {}) });
    const nextCursor = page.nextKey ? await cursors.encode(input.accountId, query, page.nextKey) : undefined;
    return { items: page.items.map((c) => conversationView(c)), ...(nextCursor ? { nextCursor } : {}) };
  };
}

/** The inbox counters the dashboard shows. */
export interface ConversationCounts {
  readonly open: number;
  readonly pending: number;
  readonly snoozed: number;
  readonly resolved: number;
  /** Open conversations assigned to the caller. */
  readonly mine: number;
  /** Open conversations without an assignee. */
  readonly unassigned: number;
  /** Open conversations the bot handed over that no person has picked up yet. */
  readonly waiting: number;
}

/** Creates the use case behind `GET /api/v1/conversations/counts`. */
export function makeCountConversations(deps: Pick<ConversationDeps, 'conversations'>) {
  return async function countConversations(input: { readonly accountId: string; readonly agentId: string }): Promise<ConversationCounts> {
    const { accountId, agentId } = input;
    const count = (filter: ConversationFilter) => deps.conversations.count(accountId, filter);
    const [open, pending, snoozed, resolved, mine, unassigned, waiting] = await Promise.all([
      count({ status: 'open' }),
      count({ status: 'pending' }),
      count({ status: 'snoozed' }),
      count({ status: 'resolved' }),
      count({ status: 'open', assigneeId: agentId }),
      count({ status: 'open', assigneeId: null }),
      count({ status: 'open', handledBy: 'pending_handoff' }),
    ]);
    return { open, pending, snoozed, resolved, mine, unassigned, waiting };
  };
}
