import { describe, expect, it } from 'vitest';
import { createRealtimeClient, socketUrl, type RealtimeEvent, type SocketLike } from '../../../../web/dashboard/src/lib/realtime-client.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const events: RealtimeEvent[] = [];
  const states: string[] = [];
  const calls = { reconnected: 0, revoked: 0, tickets: 0 };
  const client = createRealtimeClient(
    {
      fetchTicket: async () => {
        calls.tickets += 1;
        return { url: `ws://gateway/ws?ticket=t${calls.tickets}` };
      },
      openSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      setTimer: (callback, ms) => {
        const timer = { callback, ms, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer) => {
        (timer as { cleared: boolean }).cleared = true;
      },
      random: () => 1,
    },
    {
      onEvent: (_topic, event) => events.push(event),
      onState: (state) => states.push(state),
      onReconnected: () => {
        calls.reconnected += 1;
      },
      onRevoked: () => {
        calls.revoked += 1;
      },
    },
  );
  const pending = () => timers.filter((timer) => !timer.cleared);
  return { client, sockets, timers, pending, events, states, calls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createRealtimeClient', () => {
  it('connects with a fresh ticket and subscribes to the wanted topics on open', async () => {
    // Prepare
    const { client, sockets, states } = harness();
    client.setTopics(['account', 'agent:A1']);
    // Act
    client.start();
    await tick();
    sockets[0]!.open();
    // Assess
    expect(sockets[0]!.url).toBe('ws://gateway/ws?ticket=t1');
    expect(sockets[0]!.sent).toEqual([{ action: 'subscribe', topics: ['account', 'agent:A1'] }]);
    expect(states).toEqual(['connecting', 'online']);
  });

  it('subscribes and unsubscribes only the difference when the topics change', async () => {
    const { client, sockets } = harness();
    client.setTopics(['account', 'conversation:C1']);
    client.start();
    await tick();
    sockets[0]!.open();
    client.setTopics(['account', 'conversation:C2']);
    expect(sockets[0]!.sent.slice(1)).toEqual([
      { action: 'subscribe', topics: ['conversation:C2'] },
      { action: 'unsubscribe', topics: ['conversation:C1'] },
    ]);
  });

  it('reconnects with backoff, resubscribes everything and asks the app to catch up', async () => {
    const { client, sockets, pending, states, calls } = harness();
    client.setTopics(['account']);
    client.start();
    await tick();
    sockets[0]!.open();
    // Act
    sockets[0]!.drop();
    const retry = pending().find((timer) => timer.ms === 1000);
    retry!.callback();
    await tick();
    sockets[1]!.open();
    // Assess
    expect(states).toEqual(['connecting', 'online', 'reconnecting', 'online']);
    expect(sockets[1]!.url).toBe('ws://gateway/ws?ticket=t2');
    expect(sockets[1]!.sent).toEqual([{ action: 'subscribe', topics: ['account'] }]);
    expect(calls.reconnected).toBe(1);
  });

  it('waits longer after each failed attempt', async () => {
    const { client, sockets, pending } = harness();
    client.start();
    await tick();
    sockets[0]!.drop();
    pending().at(-1)!.callback();
    await tick();
    sockets[1]!.drop();
    const delays = pending().map((timer) => timer.ms);
    expect(delays.slice(-1)).toEqual([2000]);
  });

  it('pings every 60 s while open', async () => {
    const { client, sockets, pending } = harness();
    client.start();
    await tick();
    sockets[0]!.open();
    const ping = pending().find((timer) => timer.ms === 60_000);
    ping!.callback();
    expect(sockets[0]!.sent).toContainEqual({ action: 'ping' });
  });

  it('hands event frames to the app and ignores anything else', async () => {
    const { client, sockets, events } = harness();
    client.start();
    await tick();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'pong', at: 'x' });
    sockets[0]!.receive({ type: 'event', topic: 'conversation:C1', event: { type: 'message.created', seq: 3, conversationId: 'C1' } });
    sockets[0]!.onmessage?.({ data: 'not json' });
    expect(events).toEqual([{ type: 'message.created', seq: 3, conversationId: 'C1' }]);
  });

  it('stops for good when the session is revoked', async () => {
    const { client, sockets, pending, calls, states } = harness();
    client.start();
    await tick();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'event', topic: 'agent:A1', event: { type: 'session.revoked', seq: 0 } });
    expect(calls.revoked).toBe(1);
    expect(sockets[0]!.closed).toBe(true);
    expect(pending()).toHaveLength(0);
    expect(states.at(-1)).toBe('closed');
  });

  it('sends typing frames only while open', async () => {
    const { client, sockets } = harness();
    client.start();
    await tick();
    client.sendTyping('C1', true);
    sockets[0]!.open();
    client.sendTyping('C1', true);
    expect(sockets[0]!.sent).toEqual([{ action: 'typing', conversationId: 'C1', typing: true }]);
  });
});

describe('socketUrl', () => {
  it('adds the ticket to the endpoint of the ticket answer', () => {
    expect(socketUrl('ws://127.0.0.1:3000/ws', 'acc.secret/+')).toBe('ws://127.0.0.1:3000/ws?ticket=acc.secret%2F%2B');
    expect(socketUrl('wss://x.example/prod?v=1', 't')).toBe('wss://x.example/prod?v=1&ticket=t');
  });

  it('keeps a url that already carries its ticket', () => {
    expect(socketUrl('ws://127.0.0.1:3000/ws?ticket=t1', 't2')).toBe('ws://127.0.0.1:3000/ws?ticket=t1');
  });
});
