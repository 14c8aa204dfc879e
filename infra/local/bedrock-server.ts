/**
 * The local Bedrock server — layer: infra (local composition root).
 *
 * One HTTP server on 127.0.0.1 that speaks Amazon Bedrock's wire protocol, so the laptop runs
 * the REAL Bedrock adapters (the SDK clients only get an endpoint override):
 *
 * - Bedrock Runtime `POST /model/{modelId}/converse` → Converse's JSON;
 * - `POST /model/{modelId}/converse-stream` → `application/vnd.amazon.eventstream` frames
 *   (encoded with @smithy/eventstream-codec): messageStart, contentBlockStart (tool use),
 *   contentBlockDelta (text, or partial tool-input JSON), contentBlockStop, messageStop, metadata;
 * - `POST /model/amazon.titan-embed-text-v2:0/invoke` → `{ embedding, inputTextTokenCount }`
 *   with the requested `dimensions` (the local embedder: hashed n-grams, not a neural model);
 * - Bedrock Agent Runtime `POST /rerank` → `{ results: [{ index, relevanceScore }] }` (the local
 *   reranker: cosine of the local embeddings, not a cross-encoder).
 *
 * Its default brain is the local language model (`shared/adapters/local-model/`: extractive, not
 * generative). Errors answer as Bedrock does: the status and `x-amzn-ErrorType`.
 *
 * Control API for tests (tests/helpers/fake-bedrock.ts): `POST /__scripts` `{ match, steps }`
 * (bedrock-scripts.ts), `GET /__scripts`, `DELETE /__scripts?match=`, `GET /__requests?match=&operation=`
 * (recorded requests whose JSON body contains `match`, oldest first; Converse and ConverseStream
 * calls unless `operation` is `invoke`, `rerank`, a converse operation or `all`).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { embedText } from '../../shared/adapters/local-model/local-embedder.js';
import { createLocalLanguageModel } from '../../shared/adapters/local-model/local-language-model.js';
import { LocalModelRequestError } from '../../shared/adapters/local-model/errors.js';
import { rerankLocally } from '../../shared/adapters/local-model/local-reranker.js';
import { contentChars, estimateTokens, requestChars } from '../../shared/adapters/local-model/token-estimate.js';
import type { ConverseRequest, ConverseResult, LanguageModel } from '../../shared/ports/language-model.js';
import {
  BedrockScriptError, createScriptBook, parseScript, scriptedErrors, scriptedResult, streamExceptions, type BedrockScriptStep, type ScriptedStatus,
} from './bedrock-scripts.js';
import { BedrockWireValidationError, converseResponse, lastUserText, readConverseBody, streamEvents, type WireStreamEvent } from './bedrock-wire.js';
import { readCappedBody } from './read-body.js';

/** The operations the server records. */
export type BedrockOperation = 'converse' | 'converse-stream' | 'invoke' | 'rerank';

/** One request an adapter made. */
export interface BedrockRecordedRequest {
  readonly at: string;
  readonly operation: BedrockOperation;
  /** The model id from the path (URL-decoded); the reranker's model ARN for `rerank`. */
  readonly modelId: string;
  /** The parsed JSON body (images stay base64). */
  readonly body: unknown;
  /** For converse: the last user text (what scripts match). */
  readonly lastUserText?: string;
  /** The script whose step answered, if one did. */
  readonly scriptedBy?: string;
  readonly status: number;
}

/** Options of {@link startBedrockServer}. */
export interface BedrockServerOptions {
  /** 0 or undefined: a free port. */
  readonly port?: number;
  /** The default brain (default: the local language model). */
  readonly model?: LanguageModel;
  /**
   * Pause between streamed text deltas of unscripted answers (default 0). `npm start` sets a
   * reading pace so a person sees the answer being written, as with a real model.
   */
  readonly streamDeltaDelayMs?: number;
}

/** The running server. */
export interface BedrockServer {
  readonly url: string;
  readonly requests: readonly BedrockRecordedRequest[];
  health(): { ok: boolean; detail: string };
  stop(): Promise<void>;
}

/** Titan Text Embeddings v2's default vector length. */
const titanDefaultDimensions = 1_024;
const maxBodyBytes = 25 * 1024 * 1024;
const maxRecorded = 5_000;

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

class HttpError extends Error {
  constructor(readonly status: ScriptedStatus, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return readCappedBody(req, maxBodyBytes, () => new HttpError(400, 'the request body is too large'));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(payload);
}

/** An error as Bedrock answers it (restJson1: the status, `x-amzn-ErrorType`, `{ message }`). */
function sendError(res: ServerResponse, status: ScriptedStatus, message: string): void {
  const type = scriptedErrors[status];
  sendJson(res, status, { message }, { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` });
}

function frame(event: WireStreamEvent): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: event.type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: new Uint8Array(Buffer.from(JSON.stringify(event.payload), 'utf8')),
  });
}

/** A ConverseStream exception event (`:message-type: exception`), as Bedrock sends one mid-stream. */
function exceptionFrame(member: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: member },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: new Uint8Array(Buffer.from(JSON.stringify({ message }), 'utf8')),
  });
}

const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Starts the local Bedrock server on 127.0.0.1.
 *
 * @example
 * const bedrock = await startBedrockServer();
 * // SWITCHBOARD_BEDROCK_ENDPOINT=bedrock.url → the Bedrock adapters call it
 */
export async function startBedrockServer(options: BedrockServerOptions = {}): Promise<BedrockServer> {
  const model = options.model ?? createLocalLanguageModel();
  const scripts = createScriptBook();
  const requests: BedrockRecordedRequest[] = [];
  let toolUseCounter = 0;

  function record(entry: BedrockRecordedRequest): void {
    requests.push(entry);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
  }

  const estimate = (request: ConverseRequest) => (content: Parameters<typeof contentChars>[0]) => ({
    inputTokens: estimateTokens(requestChars(request)),
    outputTokens: estimateTokens(contentChars(content)),
  });

  /** Plays the scripted step or asks the default brain; throws HttpError for a scripted error. */
  async function answer(modelId: string, body: unknown, step: BedrockScriptStep | undefined, stream: boolean): Promise<ConverseResult> {
    let request: ConverseRequest;
    try {
      request = readConverseBody(body);
    } catch (error) {
      if (error instanceof BedrockWireValidationError) throw new HttpError(400, error.message);
      throw error;
    }
    if (step?.delayMs) await sleep(step.delayMs);
    if (step?.status !== undefined && !(stream && step.text !== undefined)) throw new HttpError(step.status, step.message ?? `scripted ${scriptedErrors[step.status]}`);
    if (step && (step.text !== undefined || step.toolUse !== undefined)) {
      toolUseCounter += 1;
      return scriptedResult(step, modelId, `tooluse_script_${toolUseCounter}`, estimate(request));
    }
    try {
      return { ...(await model.converse(request)), modelId };
    } catch (error) {
      if (error instanceof LocalModelRequestError) throw new HttpError(400, error.message);
      throw error;
    }
  }

  async function converse(res: ServerResponse, modelId: string, body: unknown, stream: boolean): Promise<void> {
    const startedAt = performance.now();
    const userText = lastUserText(body);
    const scripted = scripts.next(userText);
    const base = { at: new Date().toISOString(), operation: stream ? 'converse-stream' as const : 'converse' as const, modelId, body, lastUserText: userText, ...(scripted ? { scriptedBy: scripted.match } : {}) };
    let result: ConverseResult;
    try {
      result = await answer(modelId, body, scripted?.step, stream);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      record({ ...base, status: error.status });
      sendError(res, error.status, error.message);
      return;
    }
    // A stream scripted to fail midway answers 200 first; the record shows the failure it ends with.
    record({ ...base, status: stream && scripted?.step.status !== undefined ? scripted.step.status : 200 });
    const latencyMs = Math.round(performance.now() - startedAt);
    if (!stream) {
      sendJson(res, 200, converseResponse(result, latencyMs));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID() });
    const gap = scripted?.step.deltaDelayMs ?? options.streamDeltaDelayMs ?? 0;
    const failure = scripted?.step.status;
    for (const event of streamEvents(result, latencyMs)) {
      // The client went away (the request itself is already read, so only the response counts).
      if (res.destroyed) return;
      // A scripted mid-stream failure: the text's deltas went out, then the exception event.
      if (failure !== undefined && event.type !== 'messageStart' && event.type !== 'contentBlockDelta') {
        res.end(exceptionFrame(streamExceptions[failure], scripted?.step.message ?? `scripted ${scriptedErrors[failure]}`));
        return;
      }
      res.write(frame(event));
      if (gap > 0 && event.type === 'contentBlockDelta') await sleep(gap);
    }
    res.end();
  }

  function invoke(res: ServerResponse, modelId: string, body: unknown): void {
    if (!modelId.includes('titan-embed-text')) {
      throw new HttpError(400, `the local Bedrock server answers InvokeModel for Titan Text Embeddings only (got ${modelId})`);
    }
    if (!isObject(body) || typeof body.inputText !== 'string' || body.inputText === '') throw new HttpError(400, 'inputText must be a non-empty string');
    const dimensions = body.dimensions === undefined ? titanDefaultDimensions : Number(body.dimensions);
    if (!Number.isInteger(dimensions) || dimensions < 64 || dimensions > 4096) throw new HttpError(400, 'dimensions must be an integer from 64 to 4096 (Titan v2: 256, 512 or 1024)');
    const inputTextTokenCount = estimateTokens(body.inputText.length);
    const embedding = embedText(body.inputText, dimensions);
    sendJson(res, 200, { embedding, embeddingsByType: { float: embedding }, inputTextTokenCount });
  }

  function rerank(res: ServerResponse, body: unknown): string {
    if (!isObject(body) || !Array.isArray(body.queries) || !Array.isArray(body.sources)) throw new HttpError(400, 'queries and sources are required');
    const query = body.queries[0] as { textQuery?: { text?: unknown } } | undefined;
    if (typeof query?.textQuery?.text !== 'string') throw new HttpError(400, 'queries[0].textQuery.text is required');
    const config = isObject(body.rerankingConfiguration) ? body.rerankingConfiguration.bedrockRerankingConfiguration : undefined;
    const modelArn = isObject(config) && isObject(config.modelConfiguration) ? String(config.modelConfiguration.modelArn ?? '') : '';
    if (modelArn === '') throw new HttpError(400, 'rerankingConfiguration.bedrockRerankingConfiguration.modelConfiguration.modelArn is required');
    const wanted = isObject(config) && config.numberOfResults !== undefined ? Number(config.numberOfResults) : body.sources.length;
    const documents = body.sources.map((source: unknown, index) => {
      const text = (source as { inlineDocumentSource?: { textDocument?: { text?: unknown } } }).inlineDocumentSource?.textDocument?.text;
      if (typeof text !== 'string') throw new HttpError(400, `sources[${index}].inlineDocumentSource.textDocument.text is required`);
      return text;
    });
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > documents.length) throw new HttpError(400, 'numberOfResults must be from 1 to the number of sources');
    const results = rerankLocally(query.textQuery.text, documents, wanted).map(({ index, relevance }) => ({ index, relevanceScore: relevance }));
    sendJson(res, 200, { results });
    return modelArn;
  }

  function control(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): void {
    if (url.pathname === '/__scripts' && req.method === 'POST') {
      try {
        scripts.add(parseScript(JSON.parse(raw) as unknown));
      } catch (error) {
        sendJson(res, 400, { message: error instanceof BedrockScriptError || error instanceof SyntaxError ? error.message : String(error) });
        return;
      }
      sendJson(res, 204, undefined);
      return;
    }
    if (url.pathname === '/__scripts' && req.method === 'GET') return sendJson(res, 200, { scripts: scripts.list() });
    if (url.pathname === '/__scripts' && req.method === 'DELETE') {
      return sendJson(res, 200, { removedSteps: scripts.remove(url.searchParams.get('match') ?? undefined) });
    }
    if (url.pathname === '/__requests' && req.method === 'GET') {
      const match = url.searchParams.get('match') ?? '';
      // Default: the model calls (converse, converse-stream); `operation=invoke|rerank|all` for the others.
      const operation = url.searchParams.get('operation');
      const wanted = (r: BedrockRecordedRequest) => (operation === null ? r.operation === 'converse' || r.operation === 'converse-stream' : operation === 'all' || r.operation === operation);
      return sendJson(res, 200, {
        requests: requests.filter((r) => wanted(r) && (match === '' || JSON.stringify(r.body).includes(match))),
      });
    }
    sendJson(res, 404, { message: 'unknown control route' });
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const raw = (await readBody(req)).toString('utf8');
        if (url.pathname.startsWith('/__')) return control(req, res, url, raw);
        if (req.method !== 'POST') throw new HttpError(404, `no Bedrock operation at ${req.method} ${url.pathname}`);
        let body: unknown;
        try {
          body = raw === '' ? {} : JSON.parse(raw) as unknown;
        } catch {
          throw new HttpError(400, 'the body is not JSON');
        }
        const operation = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/.exec(url.pathname);
        if (operation) {
          const modelId = decodeURIComponent(operation[1]!);
          if (operation[2] === 'invoke') {
            try {
              invoke(res, modelId, body);
              record({ at: new Date().toISOString(), operation: 'invoke', modelId, body, status: 200 });
            } catch (error) {
              if (error instanceof HttpError) record({ at: new Date().toISOString(), operation: 'invoke', modelId, body, status: error.status });
              throw error;
            }
            return;
          }
          return await converse(res, modelId, body, operation[2] === 'converse-stream');
        }
        if (url.pathname === '/rerank') {
          const modelArn = rerank(res, body);
          record({ at: new Date().toISOString(), operation: 'rerank', modelId: modelArn, body, status: 200 });
          return;
        }
        throw new HttpError(404, `no Bedrock operation at ${req.method} ${url.pathname}`);
      } catch (error) {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof HttpError) return sendError(res, error.status, error.message);
        sendError(res, 500, error instanceof Error ? error.message : String(error));
      }
    })();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    health: () => ({
      ok: server.listening,
      detail: `${url}: Converse/ConverseStream by the local extractive model (not generative), Titan v2 embeddings by hashed n-grams, rerank by their cosine; ${requests.length} requests recorded`,
    }),
    stop: () => new Promise<void>((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}
