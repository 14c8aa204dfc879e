import { describe, expect, it } from 'vitest';
import {
  applyConversationUpdate,
  matchesFilter,
  upsertRow,
  type ListConversation,
} from '../../../../web/dashboard/src/lib/conversation-list.js';

const me = 'AGENT_ME';

function row(id: string, minute: number, extra: Partial<ListConversation & { preview: string }> = {}) {
  return {
    id,
    status: 'open',
    inboxId: 'INBOX_1',
    lastActivityAt: `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
    seq: 1,
    preview: `row ${id}`,
    ...extra,
  };
}

describe('matchesFilter', () => {
  it('checks status, assignee, inbox and team', () => {
    const conversation = row('a', 1, { assigneeId: me, teamId: 'TEAM_1' });
    expect(matchesFilter(conversation, { status: 'open' }, me)).toBe(true);
    expect(matchesFilter(conversation, { status: 'pending' }, me)).toBe(false);
    expect(matchesFilter(conversation, { status: 'open', assignee: 'me' }, me)).toBe(true);
    expect(matchesFilter(conversation, { status: 'open', assignee: 'unassigned' }, me)).toBe(false);
    expect(matchesFilter(conversation, { status: 'open', inboxId: 'INBOX_2' }, me)).toBe(false);
    expect(matchesFilter(conversation, { status: 'open', teamId: 'TEAM_1' }, me)).toBe(true);
  });
  it('keeps only conversations waiting for an agent under the "Waiting for agent" filter', () => {
    const waiting = row('w', 1, { handledBy: 'pending_handoff' });
    const withBot = row('b', 2, { handledBy: 'bot' });
    expect(matchesFilter(waiting, { status: 'open', handledBy: 'pending_handoff' }, me)).toBe(true);
    expect(matchesFilter(withBot, { status: 'open', handledBy: 'pending_handoff' }, me)).toBe(false);
    expect(applyConversationUpdate([waiting], { ...waiting, handledBy: 'human', seq: 2 }, { status: 'open', handledBy: 'pending_handoff' }, me).rows).toEqual([]);
  });
});

describe('applyConversationUpdate', () => {
  it('updates a row in place and keeps the fields the event lacks', () => {
    // Prepare
    const rows = [row('a', 2), row('b', 1)];
    // Act
    const result = applyConversationUpdate(rows, { ...row('b', 1), preview: undefined as never, seq: 2, priority: 'high' } as never, { status: 'open' }, me);
    // Assess
    expect(result.missing).toBe(false);
    expect(result.rows.find((item) => item.id === 'b')).toMatchObject({ seq: 2, priority: 'high' });
  });

  it('moves a row with new activity to the top', () => {
    const rows = [row('a', 2), row('b', 1)];
    const result = applyConversationUpdate(rows, { ...row('b', 5), seq: 2 }, { status: 'open' }, me);
    expect(result.rows.map((item) => item.id)).toEqual(['b', 'a']);
  });

  it('removes a row that no longer matches the filter', () => {
    const rows = [row('a', 2), row('b', 1)];
    const result = applyConversationUpdate(rows, { ...row('a', 2), status: 'resolved', seq: 2 }, { status: 'open' }, me);
    expect(result.rows.map((item) => item.id)).toEqual(['b']);
  });

  it('reports a matching conversation that is not listed yet', () => {
    const result = applyConversationUpdate([row('a', 2)], { ...row('c', 3), seq: 1 }, { status: 'open' }, me);
    expect(result).toMatchObject({ missing: true });
    expect(result.rows).toHaveLength(1);
  });

  it('ignores an event older than the row', () => {
    const rows = [row('a', 2, { seq: 5 })];
    const result = applyConversationUpdate(rows, { ...row('a', 2), status: 'resolved', seq: 4 }, { status: 'open' }, me);
    expect(result.rows).toBe(rows);
  });

  it('clears an assignee the event no longer carries', () => {
    const rows = [row('a', 2, { assigneeId: 'AGENT_X' })];
    const result = applyConversationUpdate(rows, { id: 'a', status: 'open', inboxId: 'INBOX_1', lastActivityAt: rows[0]!.lastActivityAt, seq: 2 }, { status: 'open' }, me);
    expect(result.rows[0]?.assigneeId).toBeUndefined();
  });
});

describe('upsertRow', () => {
  it('inserts without duplicates, in activity order', () => {
    const rows = [row('a', 2), row('b', 1)];
    const next = upsertRow(upsertRow(rows, row('c', 3)), row('c', 3));
    expect(next.map((item) => item.id)).toEqual(['c', 'a', 'b']);
  });
});
