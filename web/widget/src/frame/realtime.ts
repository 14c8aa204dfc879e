/**
 * The chat frame's WebSocket: a single-use ticket over HTTPS, then `wss://…/ws?ticket=…`.
 * Pings every 60 s, reconnects with exponential backoff and jitter, resubscribes on every
 * (re)connect; each `subscribed` answer tells the app to catch up over HTTP from the last seq
 * it saw, so missed events are fetched in order without duplicates.
 */
import { reconnectDelay } from './message-store.js';

/** What the server pushes inside an `event` frame. */
export interface RealtimeEvent {
  readonly type: string;
  readonly seq: number;
  readonly conversationId: string;
  readonly [key: string]: unknown;
}

/** Connection state shown in the window (`data-state`). */
export type ConnectionState = 'online' | 'reconnecting';

/** Callbacks of {@link connectRealtime}. */
export interface RealtimeHandlers {
  getTicket(): Promise<{ ticket: string; url: string }>;
  onEvent(topic: string, event: RealtimeEvent): void;
  onSubscribed(topic: string, seq: number | undefined): void;
  onState(state: ConnectionState): void;
}

/** The running connection. */
export interface RealtimeConnection {
  /** Follows a topic now and after every reconnect. */
  follow(topic: string): void;
  /** Sends a frame if the socket is open (typing indicators are best effort). */
  send(frame: Record<string, unknown>): void;
  close(): void;
}

const pingEveryMs = 60_000;

/** Opens the connection and keeps it open until {@link RealtimeConnection.close}. */
export function connectRealtime(handlers: RealtimeHandlers): RealtimeConnection {
  const topics = new Set<string>();
  let socket: WebSocket | undefined;
  let attempt = 0;
  let closed = false;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const sendRaw = (frame: Record<string, unknown>) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };

  function scheduleReconnect(): void {
    if (closed) return;
    handlers.onState('reconnecting');
    clearInterval(pingTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void open();
    }, reconnectDelay(attempt++));
  }

  async function open(): Promise<void> {
    if (closed) return;
    let ticket: { ticket: string; url: string };
    try {
      ticket = await handlers.getTicket();
    } catch {
      scheduleReconnect();
      return;
    }
    const ws = new WebSocket(`${ticket.url}?ticket=${encodeURIComponent(ticket.ticket)}`);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      if (topics.size) sendRaw({ action: 'subscribe', topics: [...topics] });
      else handlers.onState('online');
      clearInterval(pingTimer);
      pingTimer = setInterval(() => sendRaw({ action: 'ping' }), pingEveryMs);
    };
    ws.onmessage = (message) => {
      let frame: { type?: string; topic?: string; event?: RealtimeEvent; topics?: { topic: string; seq?: number }[] };
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (frame.type === 'subscribed') {
        handlers.onState('online');
        for (const granted of frame.topics ?? []) handlers.onSubscribed(granted.topic, granted.seq);
      } else if (frame.type === 'event' && frame.topic && frame.event) {
        handlers.onEvent(frame.topic, frame.event);
      } else if (frame.type === 'session.revoked') {
        ws.close();
      }
    };
    ws.onclose = () => {
      if (socket === ws) scheduleReconnect();
    };
    ws.onerror = () => ws.close();
  }

  // Back online (or back to the tab): retry now rather than at the end of the backoff.
  const retryNow = () => {
    if (closed || socket?.readyState === WebSocket.OPEN || socket?.readyState === WebSocket.CONNECTING || retryTimer === undefined) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    void open();
  };
  window.addEventListener('online', retryNow);

  void open();
  return {
    follow(topic) {
      if (topics.has(topic)) return;
      topics.add(topic);
      sendRaw({ action: 'subscribe', topics: [topic] });
    },
    send: sendRaw,
    close() {
      closed = true;
      window.removeEventListener('online', retryNow);
      clearInterval(pingTimer);
      clearTimeout(retryTimer);
      socket?.close();
    },
  };
}
