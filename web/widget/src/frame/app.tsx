/**
 * The chat window (inside the iframe): greeting and service hours, the message stream with
 * typing and read state, the composer with attachments. Talks to the widget API same-origin and
 * to the host page's loader with postMessage.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FromFrame, Identity } from '../protocol.js';
import { ApiError, uploadFile, widgetApi, type Credentials, type WidgetConfig } from './api.js';
import {
  authorOf, lastSeq, mergeMessages, newClientMessageId, readMarkerId, unreadReplies, withoutConfirmed,
  type ChatMessage, type PendingMessage,
} from './message-store.js';
import { aiDeltaOf, applyDelta, citationsOf, liveStreams, streamText, type AnswerStream } from './ai-stream.js';
import { connectRealtime, type ConnectionState, type RealtimeConnection } from './realtime.js';
import { recall, remember } from './storage.js';

/** Where the frame runs: the widget token and the host page (from the loader). */
export interface FrameContext {
  readonly widgetToken: string;
  /** The host page's origin, for postMessage; undefined when the frame is opened on its own. */
  readonly hostOrigin?: string;
  /** Resolves with the loader's init (identity, open state); immediately when standalone. */
  readonly init: Promise<{ identity?: Identity; open: boolean }>;
  /** Subscribes to later loader messages. */
  readonly onHostMessage: (listener: (message: { type: 'identify'; identity: Identity } | { type: 'visibility'; open: boolean }) => void) => void;
  readonly post: (message: FromFrame) => void;
}

const maxChars = 4000;
const maxUploadBytes = 10 * 1024 * 1024;
const acceptedTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'];

function timeOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const SendIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M3.4 20.4l17.5-7.5c.8-.4.8-1.5 0-1.8L3.4 3.6c-.7-.3-1.4.3-1.2 1l1.9 6.2 9 1.2-9 1.2-1.9 6.2c-.2.7.5 1.3 1.2 1z" /></svg>
);
const ClipIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M21 11.5l-8.6 8.6a5.5 5.5 0 01-7.8-7.8l8.6-8.6a3.7 3.7 0 015.2 5.2l-8.6 8.6a1.8 1.8 0 01-2.6-2.6l7.9-7.9" /></svg>
);

/** The sources an AI answer relied on, under its bubble (text only; links open in a new tab). */
function Sources({ message }: { message: ChatMessage }) {
  const sources = citationsOf(message);
  if (!sources.length) return null;
  return (
    <ul class="sb-sources" aria-label="Sources" data-testid="sb-citations">
      {sources.map((c, i) => (
        <li key={i}>
          {c.url ? <a href={c.url} target="_blank" rel="noopener noreferrer">{c.title}</a> : <span>{c.title}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The chat window. */
export function App({ ctx }: { ctx: FrameContext }) {
  const [config, setConfig] = useState<WidgetConfig>();
  const [blocked, setBlocked] = useState<string>();
  const [conversationId, setConversationId] = useState<string>();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [connection, setConnection] = useState<ConnectionState>('reconnecting');
  const [typing, setTyping] = useState<{ name?: string }>();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();
  const [upload, setUpload] = useState<{ name: string; progress: number }>();
  const [sessionVersion, setSessionVersion] = useState(0);
  const [streams, setStreams] = useState<AnswerStream[]>([]);

  const credentials = useRef<Credentials>({});
  const api = useMemo(() => widgetApi(ctx.widgetToken, credentials.current), [ctx.widgetToken]);
  const realtime = useRef<RealtimeConnection>();
  const ready = useRef<Promise<void>>();
  const conversationRef = useRef<string>();
  const messagesRef = useRef<ChatMessage[]>([]);
  const sendQueue = useRef<Promise<void>>(Promise.resolve());
  const typingState = useRef<{ sentAt: number; timer?: ReturnType<typeof setTimeout> }>({ sentAt: 0 });
  const typingClear = useRef<ReturnType<typeof setTimeout>>();
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const identityRef = useRef<Identity>();

  /** A 401 means the visitor token expired or the identity changed: start a fresh session once. */
  const restarting = useRef(false);
  function recoverFrom(error: unknown): void {
    if (!(error instanceof ApiError) || error.status !== 401 || restarting.current) return;
    restarting.current = true;
    setSessionVersion((v) => v + 1);
  }

  /** Merges messages from any source and resolves pending sends they confirm. */
  function apply(incoming: readonly ChatMessage[]): void {
    const current = conversationRef.current;
    const relevant = incoming.filter((m) => m.conversationId === current && m.type !== 'note');
    if (!relevant.length) return;
    const seen = new Set(messagesRef.current.map((m) => m.id));
    messagesRef.current = mergeMessages(messagesRef.current, relevant);
    setMessages(messagesRef.current);
    setPending((p) => withoutConfirmed(p, relevant, seen));
    if (relevant.some((m) => authorOf(m) === 'agent' || authorOf(m) === 'bot')) setTyping(undefined);
    // The final answer replaces the bubble its pieces were building.
    const ids = new Set(messagesRef.current.map((m) => m.id));
    setStreams((s) => liveStreams(s, ids, Date.now()));
  }

  function remembered(): void {
    remember(ctx.widgetToken, {
      ...(credentials.current.visitorToken ? { visitorToken: credentials.current.visitorToken } : {}),
      ...(conversationRef.current ? { conversationId: conversationRef.current } : {}),
      ...(identityRef.current ? { userId: identityRef.current.userId } : {}),
    });
  }

  /** Fetches everything after the last seq seen, page by page, oldest first. */
  async function catchUp(): Promise<void> {
    const id = conversationRef.current;
    if (!id) return;
    for (let page = 0; page < 20; page++) {
      const { items } = await api.messages(id, { afterSeq: lastSeq(messagesRef.current), limit: 100 });
      apply(items);
      if (items.length < 100) return;
    }
  }

  function follow(id: string): void {
    conversationRef.current = id;
    setConversationId(id);
    realtime.current?.follow(`conversation:${id}`);
  }

  // Start (or restart after `identify`): config, session, the remembered conversation, realtime.
  useEffect(() => {
    let cancelled = false;
    restarting.current = false;
    const starting = (async () => {
      const { identity } = await ctx.init.then((init) => (identityRef.current ? { identity: identityRef.current } : init));
      identityRef.current = identity;
      const cfg = await api.config();
      if (cancelled) return;
      setConfig(cfg);
      const host = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins?.[0] ?? ctx.hostOrigin;
      if (cfg.allowedDomains.length && host && !cfg.allowedDomains.includes(host)) {
        setBlocked('This chat is not available on this website.');
        return;
      }
      const stored = recall(ctx.widgetToken);
      const sameUser = (stored.userId ?? undefined) === identity?.userId;
      const session = await api.startSession({ ...(sameUser && stored.visitorToken ? { visitorToken: stored.visitorToken } : {}), ...(identity ? { identity } : {}) });
      if (cancelled) return;
      credentials.current.visitorToken = session.visitorToken;
      if (identity) credentials.current.identity = identity;
      else delete credentials.current.identity;
      const reused = sameUser && stored.visitorToken === session.visitorToken;
      let id = reused ? stored.conversationId : undefined;
      if (!id) id = (await api.conversations()).items[0]?.id;
      conversationRef.current = id;
      messagesRef.current = [];
      setMessages([]);
      remembered();
      if (id) {
        try {
          const { items } = await api.messages(id, { limit: 50 });
          setConversationId(id);
          apply(items);
        } catch (e) {
          if (!(e instanceof ApiError && e.status === 404)) throw e;
          conversationRef.current = undefined;
          remembered();
        }
      }
      realtime.current?.close();
      realtime.current = connectRealtime({
        getTicket: () => api.ticket().catch((e: unknown) => {
          recoverFrom(e);
          throw e;
        }),
        onState: setConnection,
        onSubscribed: () => void catchUp().catch(() => undefined),
        onEvent: (_topic, event) => {
          if (event.conversationId !== conversationRef.current) return;
          if ((event.type === 'message.created' || event.type === 'message.updated') && event.message) apply([event.message as ChatMessage]);
          const delta = aiDeltaOf(event);
          if (delta) {
            setTyping(undefined);
            setStreams((s) => applyDelta(s, delta, new Set(messagesRef.current.map((m) => m.id)), Date.now()));
          }
          if (event.type === 'typing' && event.author === 'agent') {
            clearTimeout(typingClear.current);
            if (event.typing) {
              setTyping({ ...(typeof event.agentName === 'string' ? { name: event.agentName } : {}) });
              typingClear.current = setTimeout(() => setTyping(undefined), 8000);
            } else {
              setTyping(undefined);
            }
          }
        },
      });
      if (conversationRef.current) realtime.current.follow(`conversation:${conversationRef.current}`);
    })();
    ready.current = starting;
    starting.catch((e: unknown) => !cancelled && setError(e instanceof ApiError ? e.message : 'The chat could not start. Please reload the page.'));
    return () => {
      cancelled = true;
      realtime.current?.close();
    };
  }, [sessionVersion]);

  // Messages from the loader: identify (restart as a verified user) and visibility.
  useEffect(() => {
    ctx.onHostMessage((message) => {
      if (message.type === 'identify') {
        identityRef.current = message.identity;
        setSessionVersion((v) => v + 1);
      } else {
        setOpen(message.open);
      }
    });
    void ctx.init.then((init) => setOpen(init.open));
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') ctx.post({ sb: 1, type: 'close' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Focus the composer when the window opens; keep the newest message in view.
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  const streamed = streams.reduce((n, st) => n + st.parts.length, 0);
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [messages.length, pending.length, typing, open, streamed]);
  // A stream that stops without a final message (hand-off, model failure) fades out.
  const streaming = streams.length > 0;
  useEffect(() => {
    if (!streaming) return;
    const timer = setInterval(() => setStreams((s) => liveStreams(s, new Set(messagesRef.current.map((m) => m.id)), Date.now())), 5000);
    return () => clearInterval(timer);
  }, [streaming]);

  // Unread replies: the launcher's badge while closed; marked read once the visitor sees them.
  const unread = unreadReplies(messages);
  useEffect(() => {
    ctx.post({ sb: 1, type: 'unread', count: open ? 0 : unread });
    if (!open || !unread || !conversationId) return;
    const timer = setTimeout(() => {
      api.markRead(conversationId).then(() => {
        messagesRef.current = messagesRef.current.map((m) => (authorOf(m) === 'agent' || authorOf(m) === 'bot' ? { ...m, status: 'read' } : m));
        setMessages(messagesRef.current);
      }, () => undefined);
    }, 400);
    return () => clearTimeout(timer);
  }, [open, unread, conversationId]);

  function sendTyping(value: boolean): void {
    const id = conversationRef.current;
    if (!id) return;
    const state = typingState.current;
    clearTimeout(state.timer);
    if (value) {
      if (Date.now() - state.sentAt > 3000) {
        realtime.current?.send({ action: 'typing', conversationId: id, typing: true });
        state.sentAt = Date.now();
      }
      state.timer = setTimeout(() => sendTyping(false), 4000);
    } else if (state.sentAt) {
      realtime.current?.send({ action: 'typing', conversationId: id, typing: false });
      state.sentAt = 0;
    }
  }

  function deliver(message: PendingMessage): void {
    sendQueue.current = sendQueue.current.then(async () => {
      try {
        await ready.current;
        const id = conversationRef.current;
        if (!id) {
          const started = await api.startConversation(message.body, message.clientMessageId, message.attachmentIds);
          follow(started.conversation.id);
          remembered();
          apply([started.message]);
        } else {
          apply([await api.send(id, message.body, message.clientMessageId, message.attachmentIds)]);
        }
        setPending((p) => p.filter((x) => x.clientMessageId !== message.clientMessageId));
      } catch (e) {
        recoverFrom(e);
        const reason = e instanceof ApiError ? e.message : 'Not sent.';
        setPending((p) => p.map((x) => (x.clientMessageId === message.clientMessageId ? { ...x, state: 'failed', error: reason } : x)));
      }
    });
  }

  function submit(body: string, attachment?: { id: string; name: string }): void {
    const text = body.trim() || attachment?.name || '';
    if (!text) return;
    if (text.length > maxChars) {
      setError(`Messages can be at most ${maxChars} characters.`);
      return;
    }
    setError(undefined);
    sendTyping(false);
    const message: PendingMessage = {
      clientMessageId: newClientMessageId(), body: text, state: 'sending',
      attachmentNames: attachment ? [attachment.name] : [],
      ...(attachment ? { attachmentIds: [attachment.id] } : {}),
    };
    setPending((p) => [...p, message]);
    deliver(message);
  }

  function retry(message: PendingMessage): void {
    const again = { ...message, state: 'sending' as const };
    setPending((p) => p.map((x) => (x.clientMessageId === message.clientMessageId ? again : x)));
    deliver(again);
  }

  async function attach(file: File): Promise<void> {
    setError(undefined);
    if (!acceptedTypes.includes(file.type)) {
      setError('Only images (PNG, JPEG, GIF, WebP), PDF and text files can be sent.');
      return;
    }
    if (file.size > maxUploadBytes) {
      setError(`${file.name} is ${sizeOf(file.size)}; files can be at most 10 MB.`);
      return;
    }
    setUpload({ name: file.name, progress: 0 });
    try {
      await ready.current;
      const slot = await api.createUpload({ fileName: file.name, contentType: file.type, size: file.size });
      await uploadFile(slot.uploadUrl, slot.uploadHeaders, file, (progress) => setUpload({ name: file.name, progress }));
      const caption = draft;
      setDraft('');
      submit(caption, { id: slot.attachmentId, name: file.name });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The file could not be uploaded.');
    } finally {
      setUpload(undefined);
    }
  }

  const readId = readMarkerId(messages);
  const teamName = config?.accountName ?? '';

  return (
    <div class="sb-app">
      <header class="sb-header">
        <div class="sb-avatar" aria-hidden="true">{teamName.slice(0, 1).toUpperCase() || '·'}</div>
        <div class="sb-heading">
          <h1>{teamName || 'Chat'}</h1>
          <p class="sb-status">
            <span class={`sb-dot ${config?.online === false ? 'sb-away' : 'sb-here'}`} aria-hidden="true" />
            <span class="sb-status-text">{config ? (config.online ? `We usually reply within ${config.replyTime}` : 'We are away right now') : 'Connecting…'}</span>
          </p>
        </div>
        <button type="button" class="sb-close" aria-label="Close chat" onClick={() => ctx.post({ sb: 1, type: 'close' })}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" /></svg>
        </button>
      </header>

      <div class="sb-connection" data-testid="sb-connection" data-state={connection} role="status" aria-live="polite">
        {connection === 'reconnecting' && conversationId ? 'Reconnecting…' : ''}
      </div>

      <div class="sb-log" ref={log} role="log" aria-live="polite" aria-label="Messages">
        {config && (
          <div class="sb-row sb-agent sb-intro">
            <div class="sb-bubble">{config.greeting}</div>
          </div>
        )}
        {config && !config.online && <div class="sb-notice">{config.offlineMessage}</div>}
        {blocked && <div class="sb-notice">{blocked}</div>}
        {messages.map((m, i) => {
          const author = authorOf(m);
          const previous = messages[i - 1];
          // Consecutive replies from the same person show the name once.
          const named = author !== 'contact' && (!previous || authorOf(previous) !== author || previous.authorName !== m.authorName);
          if (author === 'system') return <div key={m.id} class="sb-activity" data-testid="sb-message" data-author="system" data-status={m.status}>{m.body}</div>;
          return (
            <div key={m.id}>
              <div class={`sb-row sb-${author === 'contact' ? 'contact' : 'agent'}`} data-testid="sb-message" data-author={author} data-status={m.status} data-seq={m.seq}>
                {named && <div class="sb-name">{author === 'bot' ? 'Assistant' : (m.authorName ?? teamName)}</div>}
                <div class="sb-bubble">
                  {m.body === m.attachments?.map((a) => a.fileName).join(', ') ? null : m.body}
                  {m.attachments?.map((a) => (a.url
                    ? <a key={a.id} class="sb-file" href={a.url} target="_blank" rel="noopener noreferrer" download={a.fileName}>{a.fileName} · {sizeOf(a.size)}</a>
                    : <span key={a.id} class="sb-file">{a.fileName} · {sizeOf(a.size)}</span>))}
                </div>
                {author === 'bot' && <Sources message={m} />}
                <time class="sb-time" dateTime={m.createdAt}>{timeOf(m.createdAt)}</time>
              </div>
              {m.id === readId && <div class="sb-read" data-testid="sb-read">Read</div>}
            </div>
          );
        })}
        {pending.map((p) => (
          <div key={p.clientMessageId} class="sb-row sb-contact sb-pending" data-testid="sb-message" data-author="contact" data-status={p.state}>
            <div class="sb-bubble">
              {p.body === p.attachmentNames.join(', ') ? null : p.body}
              {p.attachmentNames.map((name) => <span key={name} class="sb-file">{name}</span>)}
            </div>
            {p.state === 'failed' ? (
              <button type="button" class="sb-retry" onClick={() => retry(p)}>{p.error ?? 'Not sent.'} Retry</button>
            ) : (
              <span class="sb-time">Sending…</span>
            )}
          </div>
        ))}
        {streams.filter((st) => st.conversationId === conversationId).map((st, i) => (
          <div key={st.messageId} class="sb-row sb-agent" data-testid="sb-streaming" data-message-id={st.messageId} aria-busy="true">
            {(i > 0 || !messages.length || authorOf(messages[messages.length - 1]!) !== 'bot') && <div class="sb-name">Assistant</div>}
            <div class="sb-bubble">{streamText(st)}<span class="sb-caret" aria-hidden="true" /></div>
          </div>
        ))}
        {typing && (
          <div class="sb-row sb-agent" data-testid="sb-typing" aria-label={`${typing.name ?? teamName} is typing`}>
            <div class="sb-bubble sb-dots"><span /><span /><span /></div>
          </div>
        )}
      </div>

      {error && <div class="sb-error" role="alert">{error}</div>}
      {upload && (
        <div class="sb-upload" role="status">
          <span>Uploading {upload.name}</span>
          <progress max={1} value={upload.progress} aria-label={`Uploading ${upload.name}`} />
        </div>
      )}

      <form
        class="sb-composer"
        onSubmit={(event) => {
          event.preventDefault();
          submit(draft);
          setDraft('');
        }}
      >
        <label class="sb-hidden" for="sb-input">Message</label>
        <div class="sb-field">
          <textarea
            id="sb-input"
            ref={input}
            data-testid="sb-input"
            rows={1}
            maxLength={maxChars}
            value={draft}
            disabled={Boolean(blocked)}
            onInput={(event) => {
              const value = (event.target as HTMLTextAreaElement).value;
              setDraft(value);
              sendTyping(value.length > 0);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                submit(draft);
                setDraft('');
              }
            }}
          />
          {!draft && <span class="sb-hint" aria-hidden="true">Write a message…</span>}
        </div>
        <input ref={fileInput} type="file" class="sb-hidden" tabIndex={-1} accept={acceptedTypes.join(',')} onChange={(event) => {
          const file = (event.target as HTMLInputElement).files?.[0];
          (event.target as HTMLInputElement).value = '';
          if (file) void attach(file);
        }} />
        <button type="button" class="sb-icon" aria-label="Attach a file" disabled={Boolean(upload) || Boolean(blocked)} onClick={() => fileInput.current?.click()}>
          <ClipIcon />
        </button>
        <button type="submit" class="sb-icon sb-send" data-testid="sb-send" aria-label="Send" disabled={!draft.trim() || Boolean(blocked)}>
          <SendIcon />
        </button>
      </form>
      <p class="sb-brand">Powered by Switchboard</p>
    </div>
  );
}
