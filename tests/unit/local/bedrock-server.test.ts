/**
 * The local Bedrock server on the wire (in this process, raw HTTP): ConverseStream frames are
 * `application/vnd.amazon.eventstream` messages with Bedrock's `:event-type` / `:message-type`
 * headers and JSON payloads in Bedrock's order; errors carry `x-amzn-ErrorType`; scripts are
 * played in order and then the default brain answers.
 */
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBedrockServer, type BedrockServer } from '../../../infra/local/bedrock-server.js';

const codec = new EventStreamCodec((bytes) => Buffer.from(bytes).toString('utf8'), (text) => new Uint8Array(Buffer.from(text, 'utf8')));
let server: BedrockServer;

beforeAll(async () => {
  server = await startBedrockServer();
});

afterAll(async () => {
  await server.stop();
});

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Splits a buffer of event-stream messages by their length prelude and decodes each. */
function decodeAll(bytes: Uint8Array): { type: string; messageType: string; payload: unknown }[] {
  const out: { type: string; messageType: string; payload: unknown }[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0);
    const message = codec.decode(bytes.subarray(offset, offset + length));
    out.push({
      type: String(message.headers[':event-type']?.value),
      messageType: String(message.headers[':message-type']?.value),
      payload: JSON.parse(Buffer.from(message.body).toString('utf8')) as unknown,
    });
    offset += length;
  }
  return out;
}

const ask = (text: string) => ({ messages: [{ role: 'user', content: [{ text }] }], inferenceConfig: { maxTokens: 100 } });

describe('the local Bedrock server', () => {
  it('streams a scripted text and tool use as Bedrock event-stream frames, in Bedrock\'s order', async () => {
    // Prepare
    await post('/__scripts', { match: 'frames-1', steps: [{ text: 'On it.', toolUse: { name: 'search_knowledge', input: { query: 'q' }, toolUseId: 'tooluse_x' }, usage: { inputTokens: 7, outputTokens: 3 } }] });

    // Act
    const response = await post('/model/eu.amazon.nova-micro-v1%3A0/converse-stream', ask('frames-1 please'));
    const frames = decodeAll(new Uint8Array(await response.arrayBuffer()));

    // Assess
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    expect(frames.every((f) => f.messageType === 'event')).toBe(true);
    expect(frames.map((f) => f.type)).toEqual([
      'messageStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop',
      'contentBlockStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop',
      'messageStop', 'metadata',
    ]);
    expect(frames[1]?.payload).toEqual({ contentBlockIndex: 0, delta: { text: 'On ' } });
    expect(frames[4]?.payload).toEqual({ contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_x', name: 'search_knowledge' } } });
    const json = frames.filter((f) => f.type === 'contentBlockDelta' && (f.payload as { contentBlockIndex: number }).contentBlockIndex === 1)
      .map((f) => (f.payload as { delta: { toolUse: { input: string } } }).delta.toolUse.input).join('');
    expect(JSON.parse(json)).toEqual({ query: 'q' });
    expect(frames.at(-2)?.payload).toEqual({ stopReason: 'tool_use' });
    expect(frames.at(-1)?.payload).toMatchObject({ usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10 } });
    expect(server.requests.at(-1)).toMatchObject({ operation: 'converse-stream', modelId: 'eu.amazon.nova-micro-v1:0', scriptedBy: 'frames-1' });
  });

  it('answers a scripted error with its status and x-amzn-ErrorType, then falls back to the local model', async () => {
    // Prepare
    await post('/__scripts', { match: 'errors-1', steps: [{ status: 503, message: 'busy' }] });

    // Act
    const failed = await post('/model/m/converse', ask('errors-1'));
    const answered = await post('/model/m/converse', ask('errors-1'));

    // Assess
    expect(failed.status).toBe(503);
    expect(failed.headers.get('x-amzn-errortype')).toMatch(/^ServiceUnavailableException:/);
    expect(await failed.json()).toEqual({ message: 'busy' });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ output: { message: { role: 'assistant' } }, stopReason: 'end_turn', usage: { totalTokens: expect.any(Number) } });
  });

  it('refuses what Bedrock refuses: no messages, an assistant first, an unknown InvokeModel model', async () => {
    // Act
    const empty = await post('/model/m/converse', { messages: [] });
    const assistantFirst = await post('/model/m/converse', { messages: [{ role: 'assistant', content: [{ text: 'hi' }] }] });
    const unknownModel = await post('/model/amazon.titan-text-express-v1/invoke', { inputText: 'x' });

    // Assess
    expect([empty.status, assistantFirst.status, unknownModel.status]).toEqual([400, 400, 400]);
    expect(empty.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
  });

  it('embeds at the requested dimensions with a token count', async () => {
    // Act
    const response = await post('/model/amazon.titan-embed-text-v2%3A0/invoke', { inputText: 'hello world', dimensions: 256, normalize: true });

    // Assess
    const body = await response.json() as { embedding: number[]; inputTextTokenCount: number };
    expect(body.embedding).toHaveLength(256);
    expect(body.inputTextTokenCount).toBe(3);
  });
});
