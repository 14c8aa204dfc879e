/**
 * The notifications bell in the side rail: budget alerts, drafted problem fixes, knowledge that
 * failed to index. New ones arrive live (`notification.created` on the account topic); opening
 * one marks it read and follows its link inside the dashboard.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { useDismiss, useNow } from '../hooks.js';
import { dashboardLink } from '../lib/ai-format.js';
import { mergeNotifications } from '../lib/ai-lists.js';
import { formatRelativeTime } from '../lib/relative-time.js';
import type { NotificationView } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { Icon } from './ui.js';
import './ai-pages.css';

const kindIcons: Readonly<Record<string, string>> = { budget_alert: 'chart', problem_fix_drafted: 'bulb', knowledge_failed: 'alert' };

/** The bell, its unread count, and the list it opens. */
export function NotificationBell() {
  const workspace = useWorkspace();
  const now = useNow();
  const [items, setItems] = useState<NotificationView[]>([]);
  const [hidden, setHidden] = useState(false);
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [fresh, setFresh] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);

  const load = () => {
    api.notifications().then(
      (answer) => {
        setItems((previous) => mergeNotifications(previous, answer.notifications));
        setFailure(undefined);
      },
      (error: unknown) => {
        // Agents without access to account notifications see no bell.
        if (error instanceof ApiError && (error.status === 403 || error.status === 404)) setHidden(true);
        else setFailure((error as Error).message);
      },
    );
  };

  useEffect(() => {
    load();
    const offEvent = workspace.onEvent((_topic, event) => {
      if (event.type !== 'notification.created' || typeof event.notification !== 'object' || event.notification === null) return;
      setItems((previous) => mergeNotifications(previous, [event.notification as NotificationView]));
      setFresh(true);
    });
    const offReconnect = workspace.onReconnect(load);
    return () => {
      offEvent();
      offReconnect();
    };
  }, [workspace.onEvent, workspace.onReconnect]);

  useEffect(() => {
    if (!fresh) return;
    const timer = setTimeout(() => setFresh(false), 2400);
    return () => clearTimeout(timer);
  }, [fresh]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };
  useDismiss(open, wrapper, () => close(wrapper.current?.contains(document.activeElement) ?? false));

  const markRead = (item: NotificationView) => {
    if (item.readAt) return;
    const readAt = new Date().toISOString();
    setItems((previous) => previous.map((entry) => (entry.id === item.id ? { ...entry, readAt } : entry)));
    api.markNotificationRead(item.id).catch(() => setItems((previous) => previous.map((entry) => (entry.id === item.id ? { ...item } : entry))));
  };

  const markAll = () => {
    for (const item of items) if (!item.readAt) markRead(item);
  };

  const openItem = (item: NotificationView) => {
    markRead(item);
    const link = dashboardLink(item.link);
    if (link) {
      close(false);
      location.hash = link;
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('.notification-item') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = buttons[(index + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % Math.max(1, buttons.length)];
      next?.focus();
    }
    event.stopPropagation();
  };

  if (hidden) return null;
  const unread = items.filter((item) => !item.readAt).length;
  return (
    <div class="bell-wrapper" ref={wrapper}>
      <button
        ref={trigger}
        type="button"
        class={`rail-button bell ${fresh ? 'bell-ring' : ''}`}
        data-testid="notifications-bell"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        title="Notifications"
        onClick={() => {
          if (open) close(false);
          else {
            setOpen(true);
            load();
            requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>('.notification-item')?.focus());
          }
        }}
      >
        <Icon name="bell" size={20} />
        {unread > 0 ? (
          <span class="bell-count" data-testid="notifications-unread">
            {unread > 9 ? '9+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div class="notification-panel" role="dialog" aria-label="Notifications" ref={list} onKeyDown={onKeyDown}>
          <header class="notification-header">
            <h2>Notifications</h2>
            {unread > 0 ? (
              <button type="button" class="link small" onClick={markAll}>
                Mark all as read
              </button>
            ) : null}
          </header>
          {failure ? <p class="notification-empty error-line">{failure}</p> : null}
          {items.length === 0 && !failure ? (
            <div class="notification-empty">
              <Icon name="bell" size={18} />
              <p>You are all caught up.</p>
              <p class="muted small">Budget alerts, drafted fixes and indexing problems show up here.</p>
            </div>
          ) : (
            <ul class="notification-list" data-testid="notification-list">
              {items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    class={`notification-item ${item.readAt ? '' : 'notification-unread'}`}
                    data-testid="notification"
                    data-kind={item.kind}
                    onClick={() => openItem(item)}
                  >
                    <span class={`notification-icon notification-${item.kind}`}>
                      <Icon name={kindIcons[item.kind] ?? 'bell'} size={15} />
                    </span>
                    <span class="notification-text">
                      <span class="notification-title">{item.title}</span>
                      <span class="notification-body">{item.body}</span>
                      <time class="muted small" dateTime={item.createdAt}>
                        {formatRelativeTime(item.createdAt, now)}
                      </time>
                    </span>
                    {item.readAt ? null : <span class="notification-dot" aria-label="Unread" />}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
