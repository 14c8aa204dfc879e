/**
 * The dashboard's WebSocket connection — no DOM types; the socket and timers are passed in so
 * the reconnect rules are unit-tested.
 *
 * Primary course:
 * 1. Get a single-use ticket over HTTPS (`POST /api/v1/realtime/ticket`) and open its `url`.
 * 2. On open, subscribe to the wanted topics; ping every 60 s.
 * 3. Deliver `event` frames to the app; `session.revoked` ends the connection for good.
 * 4. When the socket drops, wait with exponential backoff and start again from step 1; after a
 *    reconnect the app catches up (`onReconnected`) because events sent meanwhile are lost.
 */
import { reconnectDelay } from './backoff.js';

/** What the client needs of a WebSocket. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** The connection as the user sees it. */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'closed';

/** A realtime event (`event.event` of an `event` frame). */
export interface RealtimeEvent {
  readonly type: string;
  readonly seq?: number;
  readonly conversationId?: string;
  readonly [key: string]: unknown;
}

/** What the client is built from. */
export interface RealtimeDeps {
  fetchTicket(): Promise<{ url: string }>;
  openSocket(url: string): SocketLike;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  random?: () => number;
  pingIntervalMs?: number;
}

/** What the client tells the app. */
export interface RealtimeHandlers {
  onEvent(topic: string, event: RealtimeEvent): void;
  onState(state: ConnectionState): void;
  /** The socket is back after a drop: refetch what may have been missed. */
  onReconnected(): void;
  /** The session was revoked (signed out elsewhere, agent disabled). */
  onRevoked(): void;
}

/** The running connection. */
export interface RealtimeClient {
  start(): void;
  stop(): void;
  /** The topics wanted now; the client subscribes and unsubscribes the difference. */
  setTopics(topics: readonly string[]): void;
  sendTyping(conversationId: string, typing: boolean): void;
  /** Skips the remaining backoff (the browser came back online). */
  reconnectNow(): void;
  readonly state: ConnectionState;
}

const openState = 1;

/**
 * The address to open for a ticket (`GET /ws?ticket=<ticket>`): the ticket answer's `url` is
 * the endpoint; the ticket is added to its query unless it is already there.
 *
 * @example
 * socketUrl('ws://127.0.0.1:3000/ws', 'a.b') // → 'ws://127.0.0.1:3000/ws?ticket=a.b'
 */
export function socketUrl(url: string, ticket: string): string {
  if (/[?&]ticket=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
}

/** Creates a realtime client; call `start()` to connect. */
export function createRealtimeClient(deps: RealtimeDeps, handlers: RealtimeHandlers): RealtimeClient {
  const pingEvery = deps.pingIntervalMs ?? 60_000;
  let socket: SocketLike | undefined;
  let wanted = new Set<string>();
  let subscribed = new Set<string>();
  let state: ConnectionState = 'closed';
  let attempt = 0;
  let everConnected = false;
  let stopped = true;
  let retryTimer: unknown;
  let pingTimer: unknown;
  let generation = 0;

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    handlers.onState(next);
  }

  function send(frame: Record<string, unknown>): void {
    if (socket && socket.readyState === openState) socket.send(JSON.stringify(frame));
  }

  function syncTopics(): void {
    if (!socket || socket.readyState !== openState) return;
    const add = [...wanted].filter((topic) => !subscribed.has(topic));
    const remove = [...subscribed].filter((topic) => !wanted.has(topic));
    for (let index = 0; index < add.length; index += 20) send({ action: 'subscribe', topics: add.slice(index, index + 20) });
    for (let index = 0; index < remove.length; index += 20) send({ action: 'unsubscribe', topics: remove.slice(index, index + 20) });
    subscribed = new Set(wanted);
  }

  function schedulePing(): void {
    if (pingTimer !== undefined) deps.clearTimer(pingTimer);
    pingTimer = deps.setTimer(() => {
      send({ action: 'ping' });
      schedulePing();
    }, pingEvery);
  }

  function clearTimers(): void {
    if (retryTimer !== undefined) deps.clearTimer(retryTimer);
    if (pingTimer !== undefined) deps.clearTimer(pingTimer);
    retryTimer = undefined;
    pingTimer = undefined;
  }

  function scheduleReconnect(): void {
    if (stopped) return;
    setState(everConnected ? 'reconnecting' : 'connecting');
    const delay = reconnectDelay(attempt, deps.random ? { random: deps.random } : {});
    attempt += 1;
    retryTimer = deps.setTimer(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
  }

  function onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: { type?: string; topic?: string; event?: RealtimeEvent };
    try {
      frame = JSON.parse(data) as typeof frame;
    } catch {
      return;
    }
    if (frame.type !== 'event' || !frame.event || typeof frame.event.type !== 'string') return;
    if (frame.event.type === 'session.revoked') {
      stop();
      handlers.onRevoked();
      return;
    }
    handlers.onEvent(frame.topic ?? '', frame.event);
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    const mine = ++generation;
    let url: string;
    try {
      url = (await deps.fetchTicket()).url;
    } catch {
      if (mine === generation) scheduleReconnect();
      return;
    }
    if (stopped || mine !== generation) return;
    let next: SocketLike;
    try {
      next = deps.openSocket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = next;
    next.onopen = () => {
      if (socket !== next) return;
      const wasReconnect = everConnected;
      everConnected = true;
      attempt = 0;
      subscribed = new Set();
      syncTopics();
      schedulePing();
      setState('online');
      if (wasReconnect) handlers.onReconnected();
    };
    next.onmessage = (event) => {
      if (socket === next) onFrame(event.data);
    };
    next.onerror = () => {};
    next.onclose = () => {
      if (socket !== next) return;
      socket = undefined;
      subscribed = new Set();
      if (pingTimer !== undefined) deps.clearTimer(pingTimer);
      pingTimer = undefined;
      scheduleReconnect();
    };
  }

  function stop(): void {
    stopped = true;
    generation += 1;
    clearTimers();
    const current = socket;
    socket = undefined;
    if (current) {
      current.onclose = null;
      current.close(1000, 'bye');
    }
    setState('closed');
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      setState('connecting');
      void connect();
    },
    stop,
    setTopics(topics) {
      wanted = new Set(topics);
      syncTopics();
    },
    sendTyping(conversationId, typing) {
      send({ action: 'typing', conversationId, typing });
    },
    reconnectNow() {
      if (stopped || socket || retryTimer === undefined) return;
      deps.clearTimer(retryTimer);
      retryTimer = undefined;
      void connect();
    },
    get state() {
      return state;
    },
  };
}
