/**
 * A WebSocket test client that records every frame it receives and can wait for one matching a
 * predicate — how a dashboard or widget sees the realtime API.
 */
import WebSocket from 'ws';

/** A connected client. */
export interface TestSocket {
  readonly frames: any[];
  send(frame: unknown): void;
  /** Resolves with the first frame (already received or future) that matches. */
  waitFor(match: (frame: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
  /** Drops the TCP connection without a close handshake, like a laptop lid closing. */
  terminate(): void;
}

/** Connects to `url` with an Origin header; rejects with the HTTP status of a refused upgrade. */
export function connectSocket(url: string, origin: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { Origin: origin } });
    const frames: any[] = [];
    const waiters: { match: (f: any) => boolean; resolve: (f: any) => void }[] = [];
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      frames.push(frame);
      for (const w of [...waiters]) {
        if (w.match(frame)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    socket.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        frames,
        send: (frame) => socket.send(JSON.stringify(frame)),
        waitFor(match, timeoutMs = 5_000) {
          const seen = frames.find(match);
          if (seen) return Promise.resolve(seen);
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`)), timeoutMs);
            waiters.push({ match, resolve: (f) => { clearTimeout(timer); res(f); } });
          });
        },
        close: () => new Promise<void>((res) => { socket.once('close', () => res()); socket.close(); }),
        terminate: () => socket.terminate(),
      }),
    );
  });
}
