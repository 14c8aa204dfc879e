/**
 * Keeping the conversation list right as events arrive — pure, no DOM.
 *
 * A `conversation.updated` event carries the conversation (without its contact or last
 * message); the row is updated in place, moved to its place by last activity, dropped when it
 * no longer matches the filter, or reported as missing so the caller fetches the full view.
 */

/** The fields of a conversation row the list logic needs. */
export interface ListConversation {
  readonly id: string;
  readonly status: string;
  readonly inboxId: string;
  readonly assigneeId?: string;
  readonly teamId?: string;
  readonly lastActivityAt: string;
  readonly seq: number;
  readonly handledBy?: string;
}

/** The list's filter (the left column). */
export interface ConversationFilter {
  readonly status: 'open' | 'pending' | 'snoozed' | 'resolved';
  readonly assignee?: 'me' | 'unassigned';
  readonly inboxId?: string;
  readonly teamId?: string;
  /** Only conversations the bot handed over and no person has taken yet ("Waiting for agent"). */
  readonly handledBy?: 'pending_handoff';
}

/** Whether a conversation belongs in the list shown for `filter` (signed-in agent `meId`). */
export function matchesFilter(conversation: ListConversation, filter: ConversationFilter, meId: string): boolean {
  if (conversation.status !== filter.status) return false;
  if (filter.assignee === 'me' && conversation.assigneeId !== meId) return false;
  if (filter.assignee === 'unassigned' && conversation.assigneeId) return false;
  if (filter.inboxId && conversation.inboxId !== filter.inboxId) return false;
  if (filter.teamId && conversation.teamId !== filter.teamId) return false;
  if (filter.handledBy && conversation.handledBy !== filter.handledBy) return false;
  return true;
}

/** Most recent activity first. */
export function sortByActivity<C extends ListConversation>(rows: readonly C[]): C[] {
  return [...rows].sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : a.lastActivityAt > b.lastActivityAt ? -1 : 0));
}

/** The result of {@link applyConversationUpdate}. */
export interface ListUpdate<C> {
  readonly rows: C[];
  /** The conversation matches the filter but is not in the list: fetch its full view and insert it. */
  readonly missing: boolean;
}

/**
 * Applies a conversation change to the list. Older events (lower `seq`) than the row are ignored.
 *
 * @example
 * applyConversationUpdate(rows, { ...row, status: 'resolved' }, { status: 'open' }, me) // → row removed
 */
export function applyConversationUpdate<C extends ListConversation>(
  rows: readonly C[],
  update: Partial<C> & ListConversation,
  filter: ConversationFilter,
  meId: string,
): ListUpdate<C> {
  const index = rows.findIndex((row) => row.id === update.id);
  const current = index >= 0 ? rows[index] : undefined;
  if (current && update.seq < current.seq) return { rows: rows as C[], missing: false };
  const matches = matchesFilter(update, filter, meId);
  if (!current) return { rows: rows as C[], missing: matches };
  if (!matches) return { rows: rows.filter((row) => row.id !== update.id), missing: false };
  const merged = { ...current, ...update } as C;
  // A field the event omits (assignee removed) must be cleared, not kept from the old row.
  if (!('assigneeId' in update)) delete (merged as { assigneeId?: string }).assigneeId;
  if (!('teamId' in update)) delete (merged as { teamId?: string }).teamId;
  return { rows: sortByActivity(rows.map((row) => (row.id === update.id ? merged : row))), missing: false };
}

/** Inserts (or replaces) a full row, keeping activity order and no duplicates. */
export function upsertRow<C extends ListConversation>(rows: readonly C[], row: C): C[] {
  return sortByActivity([...rows.filter((existing) => existing.id !== row.id), row]);
}
