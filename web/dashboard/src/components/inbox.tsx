/**
 * The inbox: filters on the left (live counts), the conversation list in the middle, the open
 * conversation on the right. Keyboard: j/k move, Enter/o open, r reply, n note, e resolve,
 * a assign, t take over from the bot, ? help.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { navigate, useLatest, useNow } from '../hooks.js';
import { applyConversationUpdate, matchesFilter, sortByActivity, upsertRow, type ConversationFilter } from '../lib/conversation-list.js';
import { formatRelativeTime } from '../lib/relative-time.js';
import type { Route } from '../lib/route.js';
import type { ConversationView, Counts, MessageView } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { HandledByBadge } from './ai-conversation.js';
import { ChannelIcon } from './channel-icon.js';
import { ConversationPane, type PaneCommands } from './conversation.js';
import { ShortcutsDialog } from './shortcuts.js';
import { Avatar, EmptyState, Icon, Skeleton, Switch } from './ui.js';

const statusItems = [
  { status: 'open', label: 'Open' },
  { status: 'pending', label: 'Pending' },
  { status: 'snoozed', label: 'Snoozed' },
  { status: 'resolved', label: 'Resolved' },
] as const;

const filterStorageKey = 'switchboard.dashboard.filter';

function loadFilter(): ConversationFilter {
  try {
    const saved = JSON.parse(sessionStorage.getItem(filterStorageKey) ?? 'null') as ConversationFilter | null;
    if (saved && statusItems.some((item) => item.status === saved.status)) return saved;
  } catch {
    // A damaged saved filter falls back to the default.
  }
  return { status: 'open' };
}

function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}

/** The main screen. */
export function Inbox(props: { route: Route }) {
  const workspace = useWorkspace();
  const meId = workspace.me.agent.id;
  const [filter, setFilterState] = useState<ConversationFilter>(loadFilter);
  const [rows, setRows] = useState<ConversationView[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [listError, setListError] = useState<string | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [showHelp, setShowHelp] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const commands = useRef<PaneCommands | null>(null);
  const requestId = useRef(0);
  const countsTimer = useRef<ReturnType<typeof setTimeout> | undefined>();
  const openId = props.route.name === 'conversation' ? props.route.id : undefined;
  const latest = useLatest({ filter, rows, openId, activeIndex });

  const setFilter = (next: ConversationFilter) => {
    sessionStorage.setItem(filterStorageKey, JSON.stringify(next));
    setFilterState(next);
  };

  const loadList = useCallback(async (current: ConversationFilter, keepRows: boolean) => {
    const mine = ++requestId.current;
    if (!keepRows) setRows(null);
    setListError(undefined);
    try {
      const query = {
        status: current.status,
        assignee: current.assignee,
        inboxId: current.inboxId,
        teamId: current.teamId,
        handledBy: current.handledBy,
        limit: current.handledBy ? 100 : 25,
      };
      let page = await api.conversations(query);
      let items = page.items;
      // "Waiting for agent" is picked from the pages here (the list route filters by status and scope):
      // read ahead a few large pages so the waiting ones show without "Load more".
      if (current.handledBy) {
        items = items.filter((row) => row.handledBy === current.handledBy);
        for (let extra = 0; extra < 4 && page.nextCursor; extra += 1) {
          page = await api.conversations({ ...query, cursor: page.nextCursor });
          items = [...items, ...page.items.filter((row) => row.handledBy === current.handledBy)];
        }
      }
      if (mine !== requestId.current) return;
      setRows(items);
      setNextCursor(page.nextCursor);
    } catch (error) {
      if (mine !== requestId.current) return;
      setRows((previous) => previous ?? []);
      setListError((error as Error).message);
    }
  }, []);

  const loadCounts = useCallback(() => {
    api.counts().then(setCounts, () => {});
  }, []);

  const scheduleCounts = useCallback(() => {
    clearTimeout(countsTimer.current);
    countsTimer.current = setTimeout(loadCounts, 250);
  }, [loadCounts]);

  useEffect(() => {
    setActiveIndex(0);
    void loadList(filter, false);
  }, [filter, loadList]);

  useEffect(() => {
    loadCounts();
    return () => {
      clearTimeout(countsTimer.current);
      document.title = 'Switchboard';
    };
  }, [loadCounts]);

  // The tab shows how many conversations are open, so a background tab still tells the news.
  useEffect(() => {
    document.title = counts && counts.open > 0 ? `(${counts.open}) Switchboard` : 'Switchboard';
  }, [counts?.open]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.conversations({ ...filter, cursor: nextCursor, limit: filter.handledBy ? 100 : 25 });
      setRows((previous) => {
        const known = new Set((previous ?? []).map((row) => row.id));
        return [...(previous ?? []), ...page.items.filter((row) => !known.has(row.id) && (!filter.handledBy || row.handledBy === filter.handledBy))];
      });
      setNextCursor(page.nextCursor);
    } catch (error) {
      setListError((error as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  // Live updates: rows change in place, counts are refreshed, unknown conversations fetched.
  useEffect(() => {
    const offEvent = workspace.onEvent((_topic, event) => {
      const { filter: currentFilter } = latest.current;
      if ((event.type === 'conversation.updated' || event.type === 'conversation.created') && event.conversation) {
        const update = event.conversation as ConversationView;
        const shown = latest.current.rows;
        const missing = shown ? applyConversationUpdate(shown, update, currentFilter, meId).missing : false;
        setRows((previous) => (previous ? applyConversationUpdate(previous, update, currentFilter, meId).rows : previous));
        if (missing) {
          api.conversation(update.id).then(
            (view) => {
              if (matchesFilter(view, latest.current.filter, meId)) setRows((previous) => (previous ? upsertRow(previous, view) : previous));
            },
            () => {},
          );
        }
        scheduleCounts();
      } else if (event.type === 'message.created' && event.message) {
        const message = event.message as MessageView;
        if (message.type === 'activity') return;
        setRows((previous) =>
          previous
            ? sortByActivity(
                previous.map((row) =>
                  row.id === message.conversationId
                    ? {
                        ...row,
                        lastMessage: { body: message.body, authorType: message.authorType, createdAt: message.createdAt, type: message.type },
                        lastActivityAt: message.createdAt > row.lastActivityAt ? message.createdAt : row.lastActivityAt,
                      }
                    : row,
                ),
              )
            : previous,
        );
      }
    });
    const offReconnect = workspace.onReconnect(() => {
      void loadList(latest.current.filter, true);
      loadCounts();
    });
    return () => {
      offEvent();
      offReconnect();
    };
  }, [workspace.onEvent, workspace.onReconnect, meId, loadList, loadCounts, scheduleCounts]);

  // Opening a conversation clears its unread badge locally (the pane tells the server).
  useEffect(() => {
    if (!openId) return;
    setRows((previous) => previous?.map((row) => (row.id === openId && row.unreadCount > 0 ? { ...row, unreadCount: 0 } : row)) ?? previous);
  }, [openId]);

  const focusRow = (index: number) => {
    const buttons = listRef.current?.querySelectorAll<HTMLAnchorElement>('[data-testid="conversation-row"]');
    const target = buttons?.[index];
    if (target) {
      target.focus();
      target.scrollIntoView({ block: 'nearest' });
    }
  };

  // Global shortcuts (not while typing in a field).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      const { rows: currentRows, activeIndex: index, openId: current } = latest.current;
      const count = currentRows?.length ?? 0;
      switch (event.key) {
        case 'j':
        case 'k': {
          if (count === 0) return;
          event.preventDefault();
          const focusedIndex = currentRows?.findIndex((row) => row.id === (document.activeElement as HTMLElement | null)?.dataset.conversationId) ?? -1;
          const from = focusedIndex >= 0 ? focusedIndex : index;
          const next = Math.min(count - 1, Math.max(0, from + (event.key === 'j' ? 1 : -1)));
          setActiveIndex(next);
          focusRow(next);
          return;
        }
        case 'o':
        case 'Enter': {
          if ((event.target as HTMLElement | null)?.closest('a,button') && event.key === 'Enter') return;
          const row = currentRows?.[index];
          if (row) {
            event.preventDefault();
            navigate({ name: 'conversation', id: row.id });
          }
          return;
        }
        case 'r':
          if (current && commands.current) {
            event.preventDefault();
            commands.current.focusReply();
          }
          return;
        case 'n':
          if (current && commands.current) {
            event.preventDefault();
            commands.current.focusNote();
          }
          return;
        case 'e':
          if (current && commands.current) {
            event.preventDefault();
            commands.current.resolve();
          }
          return;
        case 'a':
          if (current && commands.current) {
            event.preventDefault();
            commands.current.assign();
          }
          return;
        case 't':
          if (current && commands.current) {
            event.preventDefault();
            commands.current.takeOver();
          }
          return;
        case '?':
          event.preventDefault();
          setShowHelp((shown) => !shown);
          return;
        case 'Escape':
          setShowHelp(false);
          return;
        default:
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class={`inbox ${openId ? 'inbox-has-open' : ''}`}>
      <FilterNav filter={filter} counts={counts} onChange={setFilter} />
      <section class="list-column" aria-label="Conversations">
        <header class="column-header">
          <h2>{listTitle(filter, workspace)}</h2>
          <span class="muted small">{rows ? `${rows.length}${nextCursor ? '+' : ''}` : ''}</span>
        </header>
        {listError ? (
          <div class="list-error" role="alert">
            {listError}{' '}
            <button type="button" class="link" onClick={() => void loadList(filter, true)}>
              Retry
            </button>
          </div>
        ) : null}
        <ConversationList rows={rows} openId={openId} activeIndex={activeIndex} listRef={listRef} onFocusRow={setActiveIndex} filter={filter} />
        {nextCursor && rows ? (
          <div class="list-more">
            <button type="button" class="btn btn-ghost btn-block" onClick={() => void loadMore()} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          </div>
        ) : null}
      </section>
      {openId ? (
        <ConversationPane key={openId} conversationId={openId} commands={commands} />
      ) : (
        <section class="conversation-column conversation-empty" aria-label="Conversation">
          <EmptyState icon="inbox" title="No conversation selected">
            Pick one from the list, or press <kbd>j</kbd> / <kbd>k</kbd> then <kbd>Enter</kbd>. Press <kbd>?</kbd> for all shortcuts.
          </EmptyState>
        </section>
      )}
      {showHelp ? <ShortcutsDialog onClose={() => setShowHelp(false)} /> : null}
    </div>
  );
}

function listTitle(filter: ConversationFilter, workspace: ReturnType<typeof useWorkspace>): string {
  const status = statusItems.find((item) => item.status === filter.status)?.label ?? 'Open';
  const scope = filter.handledBy
    ? 'Waiting for agent'
    : filter.inboxId
    ? workspace.inboxes.find((inbox) => inbox.id === filter.inboxId)?.name
    : filter.teamId
      ? workspace.teams.find((team) => team.id === filter.teamId)?.name
      : filter.assignee === 'me'
        ? 'Mine'
        : filter.assignee === 'unassigned'
          ? 'Unassigned'
          : undefined;
  return scope ? `${scope} · ${status}` : status;
}

function FilterNav(props: { filter: ConversationFilter; counts: Counts | null; onChange: (filter: ConversationFilter) => void }) {
  const workspace = useWorkspace();
  const { filter, counts } = props;
  const me = workspace.agents.find((agent) => agent.id === workspace.me.agent.id);
  const [savingAvailability, setSavingAvailability] = useState(false);
  const away = me?.availability === 'away';

  const toggleAvailability = async (online: boolean) => {
    setSavingAvailability(true);
    try {
      const updated = await api.setAvailability(online ? 'online' : 'away');
      workspace.setAgents(workspace.agents.map((agent) => (agent.id === updated.id ? updated : agent)));
    } catch {
      workspace.refreshAgents();
    } finally {
      setSavingAvailability(false);
    }
  };

  const scopeItem = (key: string, label: string, icon: string | JSX.Element, next: ConversationFilter, active: boolean, count?: number, countId?: string) => (
    <li key={key}>
      <button type="button" class={`nav-item ${active ? 'nav-item-active' : ''}`} aria-current={active ? 'true' : undefined} onClick={() => props.onChange(next)}>
        {typeof icon === 'string' ? <Icon name={icon} size={15} /> : icon}
        <span class="nav-label">{label}</span>
        {count !== undefined ? (
          <span class="nav-count" data-testid={countId}>
            {count}
          </span>
        ) : null}
      </button>
    </li>
  );

  const noScope = !filter.assignee && !filter.inboxId && !filter.teamId && !filter.handledBy;
  const waitingCount = counts ? ((counts as Counts & { waiting?: number; pendingHandoff?: number }).waiting ?? (counts as Counts & { pendingHandoff?: number }).pendingHandoff) : undefined;
  return (
    <nav class="filter-nav" aria-label="Filters">
      <header class="column-header nav-header">
        <h2>Inbox</h2>
        <label class="availability" title={away ? 'You are away: no new conversations are assigned to you' : 'You are online'}>
          <span class={`presence-dot presence-inline presence-${away ? 'away' : 'online'}`} />
          <span class="small">{away ? 'Away' : 'Online'}</span>
          <Switch
            checked={!away}
            label="Available for new conversations"
            disabled={savingAvailability || !me}
            testId="availability-toggle"
            onChange={(checked) => void toggleAvailability(checked)}
          />
        </label>
      </header>
      <div class="nav-scroll">
        <h3 class="nav-heading">Status</h3>
        <ul class="nav-list">
          {statusItems.map((item) => (
            <li key={item.status}>
              <button
                type="button"
                class={`nav-item ${filter.status === item.status ? 'nav-item-active' : ''}`}
                aria-current={filter.status === item.status ? 'true' : undefined}
                data-testid={`filter-${item.status}`}
                onClick={() => props.onChange({ ...filter, status: item.status })}
              >
                <span class={`status-dot status-${item.status}`} />
                <span class="nav-label">{item.label}</span>
                <span class="nav-count" data-testid={`count-${item.status}`}>
                  {counts ? counts[item.status] : '·'}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <h3 class="nav-heading">Conversations</h3>
        <ul class="nav-list">
          {scopeItem('all', 'All', 'inboxTray', { status: filter.status }, noScope)}
          {scopeItem('mine', 'Mine', 'user', { status: filter.status, assignee: 'me' }, filter.assignee === 'me', counts?.mine, 'count-mine')}
          {scopeItem(
            'unassigned',
            'Unassigned',
            'users',
            { status: filter.status, assignee: 'unassigned' },
            filter.assignee === 'unassigned',
            counts?.unassigned,
            'count-unassigned',
          )}
          {scopeItem(
            'waiting',
            'Waiting for agent',
            'hand',
            { status: filter.status, handledBy: 'pending_handoff' },
            filter.handledBy === 'pending_handoff',
            waitingCount,
            'count-waiting',
          )}
        </ul>
        {workspace.inboxes.length > 0 ? (
          <>
            <h3 class="nav-heading">Inboxes</h3>
            <ul class="nav-list">
              {workspace.inboxes.map((inbox) =>
                scopeItem(`inbox-${inbox.id}`, inbox.name, <ChannelIcon channel={inbox.channel} size={15} decorative />, { status: filter.status, inboxId: inbox.id }, filter.inboxId === inbox.id),
              )}
            </ul>
          </>
        ) : null}
        {workspace.teams.length > 0 ? (
          <>
            <h3 class="nav-heading">Teams</h3>
            <ul class="nav-list">
              {workspace.teams.map((team) => scopeItem(`team-${team.id}`, team.name, 'hash', { status: filter.status, teamId: team.id }, filter.teamId === team.id))}
            </ul>
          </>
        ) : null}
        <h3 class="nav-heading">Team</h3>
        <ul class="team-list" data-testid="team-presence">
          {workspace.agents
            .filter((agent) => !agent.disabled)
            .map((agent) => (
              <li key={agent.id} class="team-member" data-agent-id={agent.id} data-online={agent.online && agent.availability === 'online' ? 'true' : 'false'}>
                <Avatar id={agent.id} name={agent.name} size="sm" presence={presenceOf(agent)} />
                <span class="nav-label">
                  {agent.name}
                  {agent.id === workspace.me.agent.id ? <span class="muted"> (you)</span> : null}
                </span>
                <span class="muted small">{presenceLabel(agent)}</span>
              </li>
            ))}
        </ul>
      </div>
    </nav>
  );
}

/** An agent's dot: online (available with a socket open), away, or offline. */
export function presenceOf(agent: { online: boolean; availability: string }): 'online' | 'away' | 'offline' {
  if (!agent.online) return 'offline';
  return agent.availability === 'away' ? 'away' : 'online';
}

function presenceLabel(agent: { online: boolean; availability: string }): string {
  const presence = presenceOf(agent);
  return presence === 'online' ? 'Online' : presence === 'away' ? 'Away' : 'Offline';
}

const priorityLabels: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' };

function previewText(row: ConversationView): string {
  const last = row.lastMessage;
  if (!last) return 'No messages yet';
  const prefix = last.type === 'note' ? 'Note: ' : last.authorType === 'agent' ? 'You: ' : last.authorType === 'bot' ? 'Assistant: ' : '';
  return prefix + last.body.replace(/\s+/g, ' ');
}

function ConversationList(props: {
  rows: ConversationView[] | null;
  openId: string | undefined;
  activeIndex: number;
  listRef: { current: HTMLUListElement | null };
  onFocusRow: (index: number) => void;
  filter: ConversationFilter;
}) {
  const workspace = useWorkspace();
  const now = useNow();
  if (!props.rows) {
    return (
      <ul class="conversation-list" aria-busy="true" aria-label="Loading conversations">
        {[0, 1, 2, 3, 4, 5].map((index) => (
          <li key={index} class="row-skeleton">
            <Skeleton width="32px" height="32px" class="skeleton-round" />
            <span class="row-skeleton-lines">
              <Skeleton width="45%" />
              <Skeleton width="85%" />
            </span>
          </li>
        ))}
      </ul>
    );
  }
  if (props.rows.length === 0) {
    const status = props.filter.status;
    return (
      <EmptyState icon="inbox" title={props.filter.handledBy ? 'No one is waiting for an agent' : status === 'open' ? 'All caught up' : `No ${status} conversations`}>
        {status === 'open' && !props.filter.handledBy
          ? 'New chats from your website widget will appear here the moment they arrive.'
          : props.filter.handledBy
            ? 'Nobody is waiting: the assistant is answering, or a teammate has taken over.'
            : status === 'snoozed'
            ? 'Snoozed conversations come back to Open when their time is up.'
            : status === 'pending'
              ? 'Conversations waiting on someone else show up here.'
              : 'Resolved conversations will be listed here.'}
      </EmptyState>
    );
  }
  return (
    <ul class="conversation-list" ref={props.listRef}>
      {props.rows.map((row, index) => {
        const assignee = row.assigneeId ? workspace.agentsById.get(row.assigneeId) : undefined;
        const name = row.contact?.name || row.contact?.email || 'Visitor';
        const unread = row.unreadCount > 0 && row.id !== props.openId;
        const channel = workspace.inboxes.find((inbox) => inbox.id === row.inboxId)?.channel;
        return (
          <li key={row.id}>
            <a
              href={`#/conversations/${row.id}`}
              class={`conversation-row ${row.id === props.openId ? 'row-open' : ''} ${index === props.activeIndex ? 'row-active' : ''} ${unread ? 'row-unread' : ''} ${row.handledBy === 'pending_handoff' ? 'row-waiting' : ''}`}
              data-testid="conversation-row"
              data-conversation-id={row.id}
              data-status={row.status}
              data-channel={channel}
              data-handled-by={row.handledBy}
              aria-current={row.id === props.openId ? 'true' : undefined}
              onFocus={() => props.onFocusRow(index)}
            >
              <Avatar id={row.contactId} name={name} />
              <span class="row-body">
                <span class="row-top">
                  <span class="row-name">
                    {channel ? <ChannelIcon channel={channel} size={12} class="row-channel" /> : null}
                    {name}
                  </span>
                  {row.handledBy && !(row.handledBy === 'human' && workspace.aiEnabled === false) ? <HandledByBadge handledBy={row.handledBy} compact /> : null}
                  <time class="row-time" dateTime={row.lastActivityAt} title={new Date(row.lastActivityAt).toLocaleString()}>
                    {formatRelativeTime(row.lastActivityAt, now)}
                  </time>
                </span>
                <span class="row-bottom">
                  <span class="row-preview">{previewText(row)}</span>
                  {row.priority !== 'none' && priorityLabels[row.priority] ? (
                    <span class={`priority priority-${row.priority}`} title={`Priority: ${priorityLabels[row.priority]}`}>
                      <Icon name="flag" size={11} />
                      <span class="sr-only">Priority {priorityLabels[row.priority]}</span>
                    </span>
                  ) : null}
                  {unread ? (
                    <span class="unread-badge" aria-label={`${row.unreadCount} unread`}>
                      {row.unreadCount > 99 ? '99+' : row.unreadCount}
                    </span>
                  ) : null}
                  {assignee ? (
                    <span class="row-assignee" title={`Assigned to ${assignee.name}`}>
                      <Avatar id={assignee.id} name={assignee.name} size="sm" />
                    </span>
                  ) : null}
                </span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
