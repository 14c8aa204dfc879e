/**
 * Bedrock language model — layer: adapters (the LanguageModel port over Amazon Bedrock's
 * Converse and ConverseStream APIs).
 *
 * One instance per model (routing picks between instances). `converse` maps the request and the
 * whole answer; `converseStream` folds Bedrock's event stream into the port's events: text
 * `contentBlockDelta`s are passed on as they arrive (indices renumbered to the positions of the
 * kept blocks), tool uses are assembled from `contentBlockStart` (id, name) and the partial
 * JSON of their deltas, and `messageStop` (stop reason) and `metadata` (usage) complete the one
 * final `result`. Failures become ModelUnavailableError (retryable) or ModelRequestError.
 */
import { ConverseCommand, ConverseStreamCommand, type BedrockRuntimeClient, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ContentBlock, ConverseResult, ConverseStreamEvent, JsonValue, LanguageModel, StopReason, TokenUsage } from '../../ports/language-model.js';
import { fromBedrockBlocks, fromBedrockStopReason, toConverseInput } from './converse-mapping.js';
import { toModelError } from './error-mapping.js';
import { ModelUnavailableError } from './errors.js';

/** What the adapter needs. */
export interface BedrockLanguageModelDeps {
  readonly client: BedrockRuntimeClient;
  /** The id Converse is called with (a foundation model or an inference profile). */
  readonly modelId: string;
}

/** A block being assembled from stream events. */
type OpenBlock =
  | { readonly kind: 'text'; readonly position: number; text: string }
  | { readonly kind: 'toolUse'; readonly position: number; readonly toolUseId: string; readonly name: string; json: string };

function usageOf(usage: { inputTokens?: number | undefined; outputTokens?: number | undefined } | undefined): TokenUsage {
  return { inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 };
}

function parseToolInput(json: string, name: string, what: string): JsonValue {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json) as JsonValue;
  } catch (error) {
    throw new ModelUnavailableError(`${what}: the input of tool ${name} is not JSON`, 'MalformedToolInput', { cause: error });
  }
}

/**
 * Creates a LanguageModel over Bedrock.
 *
 * @example
 * const model = makeBedrockLanguageModel({ client: makeBedrockRuntimeClient({ region, maxAttempts: 1 }), modelId: 'eu.amazon.nova-micro-v1:0' });
 * for await (const event of model.converseStream(request)) if (event.result) console.log(event.result.usage);
 */
export function makeBedrockLanguageModel(deps: BedrockLanguageModelDeps): LanguageModel {
  const { client, modelId } = deps;
  const what = `Bedrock ${modelId}`;

  return {
    modelId,

    async converse(request) {
      let output;
      try {
        output = await client.send(new ConverseCommand(toConverseInput(modelId, request)));
      } catch (error) {
        throw toModelError(error, `${what} Converse`);
      }
      const message = output.output?.message;
      if (message === undefined) throw new ModelUnavailableError(`${what} Converse: the response has no message`, 'MissingOutput');
      return {
        content: fromBedrockBlocks(message.content ?? []),
        stopReason: fromBedrockStopReason(output.stopReason, what),
        usage: usageOf(output.usage),
        modelId,
      };
    },

    async *converseStream(request): AsyncGenerator<ConverseStreamEvent> {
      let stream: AsyncIterable<ConverseStreamOutput>;
      try {
        const output = await client.send(new ConverseStreamCommand(toConverseInput(modelId, request)));
        if (output.stream === undefined) throw new ModelUnavailableError(`${what} ConverseStream: the response has no stream`, 'MissingStream');
        stream = output.stream;
      } catch (error) {
        throw toModelError(error, `${what} ConverseStream`);
      }

      const blocks = new Map<number, OpenBlock>();
      let stopReason: StopReason | undefined;
      let usage: TokenUsage | undefined;
      const open = (index: number, make: (position: number) => OpenBlock): OpenBlock => {
        let block = blocks.get(index);
        if (block === undefined) {
          block = make(blocks.size);
          blocks.set(index, block);
        }
        return block;
      };

      try {
        for await (const event of stream) {
          if (event.contentBlockStart?.start?.toolUse) {
            const { toolUseId = '', name = '' } = event.contentBlockStart.start.toolUse;
            open(event.contentBlockStart.contentBlockIndex ?? blocks.size, (position) => ({ kind: 'toolUse', position, toolUseId, name, json: '' }));
          } else if (event.contentBlockDelta) {
            const index = event.contentBlockDelta.contentBlockIndex ?? 0;
            const delta = event.contentBlockDelta.delta;
            if (delta?.text !== undefined) {
              const block = open(index, (position) => ({ kind: 'text', position, text: '' }));
              if (block.kind !== 'text') throw new ModelUnavailableError(`${what}: text arrived for tool block ${index}`, 'MalformedStream');
              block.text += delta.text;
              if (delta.text !== '') yield { contentBlockDelta: { contentBlockIndex: block.position, delta: { text: delta.text } } };
            } else if (delta?.toolUse !== undefined) {
              const block = blocks.get(index);
              if (block?.kind !== 'toolUse') throw new ModelUnavailableError(`${what}: tool input arrived before its contentBlockStart (${index})`, 'MalformedStream');
              block.json += delta.toolUse.input ?? '';
            }
            // Reasoning and citation deltas are not part of the port's answer.
          } else if (event.messageStop) {
            stopReason = fromBedrockStopReason(event.messageStop.stopReason, what);
          } else if (event.metadata) {
            usage = usageOf(event.metadata.usage);
          } else {
            // Modelled exceptions can arrive as events (the SDK usually throws them while iterating).
            const [name, body] = Object.entries(event).find(([, value]) => value !== undefined) ?? [];
            if (name !== undefined && /Exception$/i.test(name)) {
              const message = (body as { message?: string } | undefined)?.message ?? name;
              const exception = Object.assign(new Error(message), { name: name.charAt(0).toUpperCase() + name.slice(1) });
              throw exception;
            }
          }
        }
      } catch (error) {
        throw toModelError(error, `${what} ConverseStream`);
      }

      if (stopReason === undefined) throw new ModelUnavailableError(`${what} ConverseStream: the stream ended before messageStop`, 'TruncatedStream');
      const content: ContentBlock[] = [...blocks.values()]
        .sort((a, b) => a.position - b.position)
        .map((block) => block.kind === 'text'
          ? { text: block.text }
          : { toolUse: { toolUseId: block.toolUseId, name: block.name, input: parseToolInput(block.json, block.name, what) } });
      if (stopReason === 'tool_use' && !content.some((block) => block.toolUse !== undefined)) {
        throw new ModelUnavailableError(`${what}: stop reason tool_use without a tool use`, 'MalformedStream');
      }
      const result: ConverseResult = { content, stopReason, usage: usage ?? { inputTokens: 0, outputTokens: 0 }, modelId };
      yield { result };
    },
  };
}
