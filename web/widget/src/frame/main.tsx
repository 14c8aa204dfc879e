/**
 * frame.js — boots the chat window inside the iframe the loader created (or standalone, when
 * `/widget/frame.html?token=…` is opened directly). Messages from the host page are accepted
 * only from the parent window and the host origin the loader declared.
 */
import { render } from 'preact';
import { identityFrom, isWidgetMessage, type FromFrame, type Identity } from '../protocol.js';
import { App, type FrameContext } from './app.js';

type HostMessage = { type: 'identify'; identity: Identity } | { type: 'visibility'; open: boolean };

function boot(): void {
  const widgetToken = new URLSearchParams(location.search).get('token') ?? '';
  const declaredHost = new URLSearchParams(location.hash.slice(1)).get('host') ?? undefined;
  const embedded = window.parent !== window;
  const hostOrigin = embedded ? declaredHost : undefined;
  const listeners: ((message: HostMessage) => void)[] = [];
  let resolveInit: (init: { identity?: Identity; open: boolean }) => void = () => undefined;
  const init = new Promise<{ identity?: Identity; open: boolean }>((resolve) => {
    resolveInit = resolve;
  });

  window.addEventListener('message', (event: MessageEvent) => {
    if (!embedded || event.source !== window.parent || event.origin !== hostOrigin || !isWidgetMessage(event.data)) return;
    const data = event.data as { type: string; identity?: unknown; open?: unknown };
    const identity = identityFrom(data.identity);
    if (data.type === 'init') resolveInit({ ...(identity ? { identity } : {}), open: data.open === true });
    else if (data.type === 'identify' && identity) listeners.forEach((l) => l({ type: 'identify', identity }));
    else if (data.type === 'visibility') listeners.forEach((l) => l({ type: 'visibility', open: data.open === true }));
  });

  const post = (message: FromFrame) => {
    if (embedded && hostOrigin) window.parent.postMessage(message, hostOrigin);
  };
  if (!embedded || !hostOrigin) resolveInit({ open: true });
  // A loader that never answers (blocked script, old cache) must not leave the chat dead.
  setTimeout(() => resolveInit({ open: false }), 3000);

  const ctx: FrameContext = {
    widgetToken,
    ...(hostOrigin ? { hostOrigin } : {}),
    init,
    onHostMessage: (listener) => listeners.push(listener),
    post,
  };
  const root = document.getElementById('app');
  if (root) render(<App ctx={ctx} />, root);
  post({ sb: 1, type: 'ready' });
}

boot();
