/**
 * Small building blocks: avatars, icons, skeletons, empty states, menus.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useDismiss } from '../hooks.js';
import { avatarHue, initials } from '../lib/avatar.js';

/** A round avatar with initials and a stable colour; an optional presence dot. */
export function Avatar(props: { id: string; name?: string; size?: 'sm' | 'md' | 'lg'; presence?: 'online' | 'away' | 'offline' }) {
  const hue = avatarHue(props.id);
  return (
    <span
      class={`avatar avatar-${props.size ?? 'md'}`}
      style={{ background: `hsl(${hue} 55% 92%)`, color: `hsl(${hue} 45% 32%)` }}
      aria-hidden="true"
    >
      {initials(props.name)}
      {props.presence ? <span class={`presence-dot presence-${props.presence}`} /> : null}
    </span>
  );
}

const paths: Record<string, string> = {
  inbox: 'M3 13h4l2 3h6l2-3h4M5 5h14l2 8v6H3v-6z',
  settings:
    'M12 15a3 3 0 100-6 3 3 0 000 6zm7.4-3a7.4 7.4 0 00-.1-1.3l2-1.6-2-3.4-2.4 1a7.5 7.5 0 00-2.2-1.3L14.3 2h-4l-.4 2.5a7.5 7.5 0 00-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 000 2.6l-2 1.6 2 3.4 2.4-1c.7.6 1.4 1 2.2 1.3l.4 2.5h4l.4-2.5c.8-.3 1.5-.7 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3z',
  signout: 'M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  checks: 'M2 12.5l4.5 4.5L16 7.5M10 15l2 2 9.5-9.5',
  clock: 'M12 7v5l3 2M12 21a9 9 0 110-18 9 9 0 010 18z',
  alert: 'M12 8v5M12 16.5v.5M12 3l9.5 17h-19z',
  snooze: 'M12 21a9 9 0 110-18 9 9 0 010 18zM9.5 9h5l-5 6h5',
  resolve: 'M12 21a9 9 0 110-18 9 9 0 010 18zM8 12.5l3 3 5-6',
  reopen: 'M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4',
  flag: 'M5 21V4h11l-2 4 2 4H5',
  user: 'M12 12a4 4 0 100-8 4 4 0 000 8zM4 21c0-4 3.6-6 8-6s8 2 8 6',
  users: 'M9 11a3.5 3.5 0 100-7 3.5 3.5 0 000 7zM2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5M16 4.3a3.5 3.5 0 010 6.4M18 14.7c2.4.6 4 2.4 4 5.3',
  paperclip: 'M20 11.5l-8.2 8.2a5 5 0 01-7-7L13 4.5a3.4 3.4 0 014.8 4.8l-8 8a1.7 1.7 0 01-2.4-2.4l7.4-7.4',
  send: 'M4 12l16-8-6 16-2.5-6.5z',
  chevron: 'M7 10l5 5 5-5',
  mail: 'M3 6h18v12H3zM3 7l9 6 9-6',
  phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 005 5L15 12l5 2v4a2 2 0 01-2 2A16 16 0 013 5a2 2 0 012-2z',
  globe: 'M12 21a9 9 0 110-18 9 9 0 010 18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  shield: 'M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z',
  close: 'M6 6l12 12M18 6L6 18',
  inboxTray: 'M4 4h16v16H4zM4 14h4l1.5 2h5l1.5-2h4',
  hash: 'M5 9h14M5 15h14M10 4L8 20M16 4l-2 16',
  note: 'M5 4h14v11l-5 5H5zM14 20v-5h5',
  sparkle: 'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z',
  hand: 'M8 13V5.5a1.5 1.5 0 013 0V11M11 10V4.5a1.5 1.5 0 013 0V11M14 10.5V6a1.5 1.5 0 013 0v7c0 4-2.5 8-7 8-3 0-4.5-1.5-6-4l-2-3.5a1.5 1.5 0 012.6-1.5L8 15',
  book: 'M4 5a2 2 0 012-2h13v15H6a2 2 0 00-2 2zM4 20a2 2 0 002 1h13M8 7h7',
  bell: 'M6 16V11a6 6 0 1112 0v5l2 2H4zM10 20a2 2 0 004 0',
  chart: 'M4 20V4M4 20h16M8 16v-4M12 16V8M16 16v-6M20 16v-9',
  bulb: 'M9 18h6M10 21h4M12 3a6 6 0 00-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0012 3z',
  sliders: 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4',
  search: 'M11 18a7 7 0 110-14 7 7 0 010 14zM20 20l-4-4',
  upload: 'M12 16V4M7 9l5-5 5 5M4 16v4h16v-4',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  refresh: 'M20 11a8 8 0 10-2.3 5.7M20 4v7h-7',
  plus: 'M12 5v14M5 12h14',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
};

/** A 24×24 stroke icon; decorative unless `label` is given. */
export function Icon(props: { name: keyof typeof paths | string; size?: number; label?: string; class?: string }) {
  const size = props.size ?? 16;
  return (
    <svg
      class={`icon ${props.class ?? ''}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      role={props.label ? 'img' : undefined}
      aria-label={props.label}
      aria-hidden={props.label ? undefined : 'true'}
    >
      <path d={paths[props.name] ?? ''} />
    </svg>
  );
}

/** A grey shimmering bar standing in for content while it loads. */
export function Skeleton(props: { width?: string; height?: string; class?: string }) {
  return <span class={`skeleton ${props.class ?? ''}`} style={{ width: props.width ?? '100%', height: props.height ?? '12px' }} />;
}

/** An empty state: an icon, a title and one sentence of help. */
export function EmptyState(props: { icon: string; title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <span class="empty-icon">
        <Icon name={props.icon} size={22} />
      </span>
      <p class="empty-title">{props.title}</p>
      {props.children ? <p class="empty-help">{props.children}</p> : null}
    </div>
  );
}

/** A spinner for buttons that wait. */
export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

/** An inline error line (`role="alert"` so screen readers announce it). */
export function ErrorLine(props: { message?: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="error-line" role="alert">
      <Icon name="alert" size={14} />
      {props.message}
    </p>
  );
}

/** A switch (a checkbox with `role="switch"`). */
export function Switch(props: { checked: boolean; onChange: (checked: boolean) => void; label: string; disabled?: boolean; testId?: string }) {
  return (
    <button
      type="button"
      role="switch"
      class={`switch ${props.checked ? 'switch-on' : ''}`}
      aria-checked={props.checked}
      aria-label={props.label}
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={() => props.onChange(!props.checked)}
    >
      <span class="switch-thumb" />
    </button>
  );
}

/** One item of a {@link Menu}. */
export interface MenuItem {
  readonly key: string;
  readonly label: ComponentChildren;
  readonly onSelect: () => void;
  readonly selected?: boolean;
  readonly attrs?: Record<string, string>;
}

/**
 * A button that opens a list of actions (arrow keys move, Enter picks, Escape closes).
 * `openRef` lets a keyboard shortcut open it.
 */
export function Menu(props: {
  label: ComponentChildren;
  ariaLabel: string;
  items: readonly MenuItem[];
  testId?: string;
  buttonClass?: string;
  align?: 'left' | 'right';
  header?: string;
  openRef?: { current: (() => void) | null };
}) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  // Closing by keyboard or by picking an item gives focus back to the button that opened it.
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };
  useDismiss(open, wrapper, () => close(wrapper.current?.contains(document.activeElement) ?? false));
  const focusItem = (index: number) => {
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]');
    if (!buttons || buttons.length === 0) return;
    buttons[(index + buttons.length) % buttons.length]?.focus();
  };
  const show = () => {
    setOpen(true);
    requestAnimationFrame(() => focusItem(Math.max(0, props.items.findIndex((item) => item.selected))));
  };
  if (props.openRef) props.openRef.current = show;
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'j') {
      event.preventDefault();
      focusItem(index + 1);
    } else if (event.key === 'ArrowUp' || event.key === 'k') {
      event.preventDefault();
      focusItem(index - 1);
    } else if (event.key === 'Tab') {
      close(false);
    }
    event.stopPropagation();
  };
  return (
    <div class="menu-wrapper" ref={wrapper}>
      <button
        ref={trigger}
        type="button"
        class={props.buttonClass ?? 'btn btn-ghost'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={props.ariaLabel}
        title={props.ariaLabel}
        data-testid={props.testId}
        onClick={() => (open ? close(false) : show())}
      >
        {props.label}
      </button>
      {open ? (
        <div class={`menu menu-${props.align ?? 'right'}`} role="menu" ref={list} onKeyDown={onKeyDown}>
          {props.header ? <div class="menu-header">{props.header}</div> : null}
          {props.items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              class={`menu-item ${item.selected ? 'menu-item-selected' : ''}`}
              {...(item.attrs ?? {})}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
              {item.selected ? <Icon name="check" size={14} class="menu-check" /> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
