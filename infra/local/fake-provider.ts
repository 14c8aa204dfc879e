/**
 * The fake provider — layer: infra (local composition root).
 *
 * One HTTP server on 127.0.0.1 that stands in for the providers' APIs (Twilio Messages,
 * Meta Graph, SendGrid v3) so the real senders make real HTTP calls: it records every request
 * (method, path, query, headers, raw and parsed body) and answers scripted statuses (200, 429
 * with Retry-After, 503, 400, …) or, by default, a provider-like success:
 *
 * - Twilio `POST /2010-04-01/Accounts/{sid}/Messages.json` → 201 `{ sid: 'SM…', status: 'queued' }`
 * - Graph `POST /v21.0/{id}/messages` → `{ recipient_id, message_id: 'm_…' }`, or for WhatsApp
 *   (`messaging_product: whatsapp`) `{ messages: [{ id: 'wamid.…' }] }`
 * - SendGrid `POST /v3/mail/send` → 202 with `X-Message-Id`
 *
 * The laptop cloud starts one (the handlers' provider base URLs point at it: "a local outbox,
 * sends are shown, not delivered"; `GET /outbox` lists them). Tests in other processes drive it
 * through its control routes under `/__fake/` (tests/helpers/fake-provider.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCappedBody } from './read-body.js';

/** One request a sender made. */
export interface RecordedRequest {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** Form fields (repeated fields as arrays) or JSON; undefined for other bodies. */
  readonly body: unknown;
  /** The status the fake answered. */
  readonly status: number;
}

/** A scripted answer. */
export interface ScriptedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON-encoded unless a string. */
  readonly body?: unknown;
}

/** Which requests a script answers: a path pattern and, optionally, a body substring. */
export interface ScriptMatch {
  readonly bodyIncludes?: string;
}

/** The running fake provider. */
export interface FakeProvider {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The next requests whose path matches `pathPattern` (and body, if given) get these answers, in order. */
  script(pathPattern: string | RegExp, responses: readonly ScriptedResponse[], match?: ScriptMatch): void;
  reset(): void;
  health(): { ok: boolean; detail: string };
  stop(): Promise<void>;
}

interface Script {
  readonly pattern: RegExp;
  readonly bodyIncludes?: string;
  readonly responses: ScriptedResponse[];
}

const maxRecorded = 5_000;
const maxBodyBytes = 12 * 1024 * 1024;

function token(length: number): string {
  return randomBytes(length).toString('hex').slice(0, length);
}

function parseBody(contentType: string, raw: string): unknown {
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(raw)) {
      const existing = fields[name];
      fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    return fields;
  }
  return undefined;
}

/** The provider-like success for a request nobody scripted. */
function defaultResponse(path: string, body: unknown): ScriptedResponse {
  if (/\/Accounts\/[^/]+\/Messages\.json$/.test(path)) {
    const fields = (body ?? {}) as Record<string, string>;
    return { status: 201, body: { sid: `SM${token(32)}`, status: 'queued', to: fields.To, from: fields.From, body: fields.Body } };
  }
  if (/\/v3\/mail\/send$/.test(path)) return { status: 202, headers: { 'x-message-id': token(22) } };
  if (/\/messages$/.test(path)) {
    const json = (body ?? {}) as { messaging_product?: string; to?: string; recipient?: { id?: string } };
    if (json.messaging_product === 'whatsapp') {
      return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: json.to, wa_id: json.to }], messages: [{ id: `wamid.${token(32)}` }] } };
    }
    return { status: 200, body: { recipient_id: json.recipient?.id, message_id: `m_${token(40)}` } };
  }
  return { status: 404, body: { error: { message: `the fake provider has no API at ${path}` } } };
}

function send(res: ServerResponse, response: ScriptedResponse): void {
  const isString = typeof response.body === 'string';
  const payload = response.body === undefined ? '' : isString ? String(response.body) : JSON.stringify(response.body);
  res.writeHead(response.status, {
    ...(response.body === undefined ? {} : { 'content-type': isString ? 'text/plain; charset=utf-8' : 'application/json' }),
    ...response.headers,
  });
  res.end(payload);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function outboxPage(requests: readonly RecordedRequest[]): string {
  const rows = requests.slice(-200).reverse().map((r) => `<tr><td>${escapeHtml(r.at)}</td><td>${escapeHtml(r.method)} ${escapeHtml(r.path)}</td><td>${r.status}</td><td><pre>${escapeHtml(r.rawBody.slice(0, 2000))}</pre></td></tr>`).join('');
  return `<!doctype html><meta charset="utf-8"><title>Switchboard local outbox</title>
<style>body{font:14px system-ui;margin:2rem}table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top}pre{white-space:pre-wrap;margin:0}</style>
<h1>Local outbox</h1><p>Sends from the laptop go here: they are shown, not delivered. JSON: <code>/outbox?format=json</code>.</p>
<table><tr><th>At</th><th>Request</th><th>Answer</th><th>Body</th></tr>${rows}</table>`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return readCappedBody(req, maxBodyBytes, () => new RangeError('body too large'));
}

/**
 * Starts a fake provider on 127.0.0.1 (`port` 0: a free port).
 *
 * @example
 * const fake = await startFakeProvider();
 * fake.script('/Messages.json', [{ status: 503 }, { status: 200, body: { sid: 'SM1' } }]);
 */
export async function startFakeProvider(options: { port?: number } = {}): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  let scripts: Script[] = [];

  function script(pathPattern: string | RegExp, responses: readonly ScriptedResponse[], match: ScriptMatch = {}): void {
    const pattern = typeof pathPattern === 'string' ? new RegExp(pathPattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pathPattern;
    scripts.push({ pattern, ...(match.bodyIncludes ? { bodyIncludes: match.bodyIncludes } : {}), responses: [...responses] });
  }

  function reset(): void {
    requests.length = 0;
    scripts = [];
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    if (req.method === 'GET' && url.pathname === '/__fake/requests') {
      const pathIncludes = url.searchParams.get('path') ?? '';
      const bodyIncludes = url.searchParams.get('body') ?? '';
      send(res, { status: 200, body: requests.filter((r) => r.path.includes(pathIncludes) && r.rawBody.includes(bodyIncludes)) });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/__fake/script') {
      const input = JSON.parse(raw) as { pattern: string; flags?: string; literal?: boolean; bodyIncludes?: string; responses: ScriptedResponse[] };
      script(input.literal ? input.pattern : new RegExp(input.pattern, input.flags), input.responses, input.bodyIncludes ? { bodyIncludes: input.bodyIncludes } : {});
      send(res, { status: 204 });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/__fake/reset') {
      reset();
      send(res, { status: 204 });
      return;
    }
    send(res, { status: 404, body: { error: 'unknown control route' } });
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const rawBytes = await readBody(req);
        const raw = rawBytes.toString('utf8');
        if (url.pathname.startsWith('/__fake/')) return await control(req, res, url, raw);
        if (req.method === 'GET' && url.pathname === '/outbox') {
          if (url.searchParams.get('format') === 'json') return send(res, { status: 200, body: requests });
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(outboxPage(requests));
          return;
        }
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
        const body = parseBody(headers['content-type'] ?? '', raw);
        const index = scripts.findIndex((s) => s.responses.length > 0 && s.pattern.test(url.pathname) && (s.bodyIncludes === undefined || raw.includes(s.bodyIncludes)));
        const response = index >= 0 ? scripts[index]!.responses.shift()! : defaultResponse(url.pathname, body);
        // A scripted 2xx without a body still gets the provider-like body (the sender needs an id).
        const answered = response.status < 300 && response.body === undefined && index >= 0
          ? { ...defaultResponse(url.pathname, body), status: response.status, headers: { ...defaultResponse(url.pathname, body).headers, ...response.headers } }
          : response;
        requests.push({
          at: new Date().toISOString(), method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams),
          headers, rawBody: raw, body, status: answered.status,
        });
        if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
        send(res, answered);
      } catch (error) {
        send(res, { status: 500, body: { error: (error as Error).message } });
      }
    })();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests,
    script,
    reset,
    health: () => ({ ok: server.listening, detail: `${url} (${requests.length} requests recorded; ${url}/outbox)` }),
    stop: () => new Promise<void>((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}
