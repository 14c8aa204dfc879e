/**
 * widget.js — the loader a tenant embeds with one tag:
 *
 *   <script src="https://<gateway>/widget.js" data-token="wt_…" async></script>
 *
 * It adds `#switchboard-widget` to the page: a shadow root (so neither the page's styles nor
 * ours leak across) holding the launcher button and the chat window, an iframe served from the
 * gateway origin (`/widget/frame.html`), which talks to the API same-origin. Optional verified
 * users: `data-user-id` + `data-user-hash` on the tag, or
 * `window.Switchboard('identify', { userId, userHash, name, email })`.
 */
import { identityFrom, isWidgetMessage, type FromFrame, type Identity, type ToFrame } from './protocol.js';

type Command = [string, unknown];
interface SwitchboardApi {
  (command: string, argument?: unknown): void;
  q?: Command[];
}

const chatIcon = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M12 3C6.5 3 2 6.9 2 11.7c0 2.4 1.1 4.6 3 6.2-.2 1.5-.9 2.9-2 4 2.1-.1 4-.8 5.5-2 1.1.3 2.3.5 3.5.5 5.5 0 10-3.9 10-8.7S17.5 3 12 3z"/></svg>';
const closeIcon = '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" d="M6 6l12 12M18 6L6 18"/></svg>';

const css = `
:host{all:initial}
.sb-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;
background:var(--sb-accent,#4f46e5);color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;
box-shadow:0 8px 24px rgba(15,23,42,.28);transition:transform .18s ease,box-shadow .18s ease;padding:0;margin:0}
.sb-launcher:hover{transform:scale(1.06);box-shadow:0 10px 28px rgba(15,23,42,.34)}
.sb-launcher:focus-visible{outline:3px solid #a5b4fc;outline-offset:3px}
.sb-badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#ef4444;
color:#fff;font:600 12px/20px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;box-sizing:border-box;text-align:center}
.sb-badge[hidden]{display:none}
.sb-window{position:fixed;right:20px;bottom:92px;z-index:2147483000;width:380px;height:min(640px,calc(100vh - 116px));
border-radius:16px;overflow:hidden;box-shadow:0 16px 48px rgba(15,23,42,.28);background:#fff;opacity:0;transform:translateY(12px) scale(.98);
transform-origin:bottom right;transition:opacity .18s ease,transform .18s ease;visibility:hidden}
.sb-window.sb-open{opacity:1;transform:none;visibility:visible}
.sb-window iframe{border:0;width:100%;height:100%;display:block}
@media (max-width:480px){.sb-window{right:0;bottom:0;width:100vw;height:100%;border-radius:0}.sb-open~.sb-launcher{display:none}}
@media (prefers-reduced-motion:reduce){.sb-launcher,.sb-window{transition:none}}
`;

function currentScript(): HTMLScriptElement | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[data-token][src*="widget.js"]') ?? undefined;
}

function start(script: HTMLScriptElement | undefined): void {
  const token = script?.dataset.token;
  if (!script || !token || document.getElementById('switchboard-widget')) return;
  const origin = new URL(script.src, location.href).origin;
  let identity: Identity | undefined = identityFrom({ userId: script.dataset.userId, userHash: script.dataset.userHash });
  let open = false;
  let ready = false;

  const host = document.createElement('div');
  host.id = 'switchboard-widget';
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;

  const panel = document.createElement('div');
  panel.className = 'sb-window';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Chat');
  const frame = document.createElement('iframe');
  frame.title = 'Chat';
  frame.setAttribute('allow', 'clipboard-write');
  frame.src = `${origin}/widget/frame.html?token=${encodeURIComponent(token)}#host=${encodeURIComponent(location.origin)}`;
  panel.append(frame);

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'sb-launcher';
  launcher.dataset.testid = 'sb-launcher';
  launcher.setAttribute('aria-haspopup', 'dialog');
  const badge = document.createElement('span');
  badge.className = 'sb-badge';
  badge.hidden = true;

  const post = (message: ToFrame) => frame.contentWindow?.postMessage(message, origin);

  function render(): void {
    panel.classList.toggle('sb-open', open);
    launcher.innerHTML = open ? closeIcon : chatIcon;
    launcher.append(badge);
    launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    launcher.setAttribute('aria-expanded', String(open));
  }

  function setOpen(next: boolean): void {
    if (next === open) return;
    open = next;
    render();
    if (open) badge.hidden = true;
    if (ready) post({ sb: 1, type: 'visibility', open });
    if (open) frame.focus();
    else launcher.focus();
  }

  launcher.addEventListener('click', () => setOpen(!open));
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && open) setOpen(false);
  });
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== origin || event.source !== frame.contentWindow || !isWidgetMessage(event.data)) return;
    const message = event.data as FromFrame;
    if (message.type === 'ready') {
      ready = true;
      post({ sb: 1, type: 'init', open, ...(identity ? { identity } : {}) });
    } else if (message.type === 'close') {
      setOpen(false);
    } else if (message.type === 'unread') {
      const count = Math.max(0, Math.floor(Number(message.count) || 0));
      badge.hidden = count === 0 || open;
      badge.textContent = count > 9 ? '9+' : String(count);
    }
  });

  const api: SwitchboardApi = (command, argument) => {
    if (command === 'open') setOpen(true);
    else if (command === 'close') setOpen(false);
    else if (command === 'identify') {
      const next = identityFrom(argument);
      if (!next) return;
      identity = next;
      if (ready) post({ sb: 1, type: 'identify', identity: next });
    }
  };
  const queued = (window as unknown as { Switchboard?: SwitchboardApi }).Switchboard?.q ?? [];
  (window as unknown as { Switchboard: SwitchboardApi }).Switchboard = api;

  render();
  root.append(style, panel, launcher);
  document.body.append(host);
  for (const [command, argument] of queued) api(command, argument);
}

// `document.currentScript` is only set while this file runs; the page may not have a body yet.
const script = currentScript();
if (document.body) start(script);
else document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
