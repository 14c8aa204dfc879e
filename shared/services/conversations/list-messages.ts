/**
 * A conversation's messages, paged — layer: services.
 *
 * Two ways to read:
 * - history: newest first, `limit` at a time, continued with a signed cursor (older pages);
 * - catch-up: `afterSeq` gives the messages with a larger seq, oldest first, so a client that
 *   reconnects fetches what it missed in order and without duplicates; it asks again with the
 *   last seq it got until a page is shorter than `limit`.
 * Visitors read only their own conversations and never see private notes.
 */
import { agentMessageView, isVisibleToCustomer, publicMessageView } from '../../domain/realtime-events.js';
import type { Message } from '../../domain/entities.js';
import { makeCursorCodec } from '../paging/cursor.js';
import { InvalidCursorError } from '../paging/errors.js';
import type { ConversationDeps } from './deps.js';
import { NotFoundError } from './errors.js';
import { loadConversation } from './load.js';

/** Dependencies of {@link makeListMessages}. */
export type ListMessagesDeps = Pick<ConversationDeps, 'conversations' | 'messages' | 'keys'>;

/** Input of {@link makeListMessages}. */
export interface ListMessagesInput {
  readonly accountId: string;
  readonly conversationId: string;
  readonly audience: 'agent' | 'visitor';
  /** Required for the visitor audience: the conversation must be this contact's. */
  readonly visitorContactId?: string;
  readonly limit: number;
  readonly cursor?: string;
  readonly afterSeq?: number;
}

/** Most messages a catch-up reads before answering (it then returns the oldest `limit`). */
const maxCatchUpRead = 1000;
/** Messages read per round of a catch-up. */
const catchUpPageSize = 100;

/** A page of messages as the audience may see them. */
export interface MessagePage<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/** Creates the message listing used by the agents' and the widget's APIs. */
export function makeListMessages(deps: ListMessagesDeps) {
  const cursors = makeCursorCodec(deps.keys);

  async function catchUp(accountId: string, conversationId: string, afterSeq: number, limit: number, visible: (m: Message) => boolean): Promise<Message[]> {
    // Ids are ULIDs taken just before the seq, so id order follows seq order up to concurrent
    // appends: read newest first until a message at or below afterSeq, then finish that page.
    const found: Message[] = [];
    let beforeId: string | undefined;
    for (let read = 0; read < maxCatchUpRead; read += catchUpPageSize) {
      const page = await deps.messages.list(accountId, conversationId, { limit: catchUpPageSize, newestFirst: true, ...(beforeId ? { beforeId } : {}) });
      found.push(...page.filter((m) => m.seq > afterSeq && visible(m)));
      if (page.length < catchUpPageSize || page.some((m) => m.seq <= afterSeq)) break;
      beforeId = page[page.length - 1]!.id;
    }
    return found.sort((a, b) => a.seq - b.seq).slice(0, limit);
  }

  return async function listMessages(input: ListMessagesInput) {
    const { accountId, conversationId, audience, limit } = input;
    if (audience === 'visitor' && input.visitorContactId === undefined) throw new NotFoundError('conversation');
    await loadConversation(deps.conversations, accountId, conversationId, audience === 'visitor' ? { contactId: input.visitorContactId ?? '' } : undefined);
    const visible = (m: Message) => audience === 'agent' || isVisibleToCustomer(m);
    const view = (m: Message) => (audience === 'agent' ? agentMessageView(m) : publicMessageView(m));

    if (input.afterSeq !== undefined) {
      // Hidden messages are dropped before the limit, so a short page really means "caught up".
      const items = (await catchUp(accountId, conversationId, input.afterSeq, limit, visible)).map(view);
      return { items } as MessagePage<ReturnType<typeof view>>;
    }

    const query = `messages|${conversationId}|${audience}`;
    let beforeId: string | undefined;
    if (input.cursor !== undefined) {
      const key = await cursors.decode(accountId, query, input.cursor);
      if (typeof key.beforeId !== 'string') throw new InvalidCursorError();
      beforeId = key.beforeId;
    }
    const page = await deps.messages.list(accountId, conversationId, { limit, newestFirst: true, ...(beforeId ? { beforeId } : {}) });
    const last = page[page.length - 1];
    const nextCursor = page.length === limit && last ? await cursors.encode(accountId, query, { beforeId: last.id }) : undefined;
    return { items: page.filter(visible).map(view), ...(nextCursor ? { nextCursor } : {}) } as MessagePage<ReturnType<typeof view>>;
  };
}
