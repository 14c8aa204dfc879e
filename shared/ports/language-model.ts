/**
 * Language model port — layer: ports (interfaces in domain terms; no SDK types).
 *
 * Shaped like Amazon Bedrock's Converse API (messages of content blocks, tool specs with a JSON
 * schema, `toolUse` / `toolResult` blocks, stop reasons, token usage), so the Bedrock adapter is
 * a thin mapping and the AI turn is written once. Differences, each made to keep callers simple:
 * `system` is one string (Bedrock: a list of blocks); `tools` is the list of specs (Bedrock wraps
 * each as `{ toolSpec }` inside `toolConfig`); the stream yields only text deltas and then one
 * assembled result (Bedrock's start/stop/metadata events and partial tool-input JSON are folded
 * into that result by the adapter). Adapters: `shared/adapters/bedrock/` (Converse and
 * ConverseStream; on the laptop against the local Bedrock server) and `shared/adapters/local-model/`
 * (in process). Failures: errors named `ModelUnavailableError` (`retryable: true`: throttling,
 * 5xx, a broken stream — retry later) or `ModelRequestError` (`retryable: false`), docs/MODELS.md.
 */

/** A JSON value, as carried by tool inputs and JSON tool results. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** A model's request to run a tool (an assistant block). */
export interface ToolUse {
  /** Pairs this request with its `toolResult`. */
  readonly toolUseId: string;
  readonly name: string;
  /** The arguments, meant to match the tool's input schema; callers validate before use. */
  readonly input: JsonValue;
}

/** One part of a tool result: text or JSON. */
export type ToolResultContent =
  | { readonly text: string; readonly json?: never }
  | { readonly json: JsonValue; readonly text?: never };

/** The outcome of a tool run, sent back to the model in a user message. */
export interface ToolResult {
  readonly toolUseId: string;
  readonly content: readonly ToolResultContent[];
  /** `error` tells the model the tool failed, so it can recover or say so. */
  readonly status?: 'success' | 'error';
}

/** The image formats a vision model accepts (Bedrock's `ImageFormat`). */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** An image the customer sent (user messages only; only vision-capable models read it). */
export interface ImageContent {
  readonly format: ImageFormat;
  /** The raw image bytes (the adapter base64-encodes them on the wire). */
  readonly bytes: Uint8Array;
}

/**
 * One block of a message: text, an image (user messages only), a tool request, or a tool result
 * (a union, one key set).
 */
export type ContentBlock =
  | { readonly text: string; readonly image?: never; readonly toolUse?: never; readonly toolResult?: never }
  | { readonly image: ImageContent; readonly text?: never; readonly toolUse?: never; readonly toolResult?: never }
  | { readonly toolUse: ToolUse; readonly text?: never; readonly image?: never; readonly toolResult?: never }
  | { readonly toolResult: ToolResult; readonly text?: never; readonly image?: never; readonly toolUse?: never };

/** Who wrote a message. The system prompt is separate, as in Converse. */
export type ConversationRole = 'user' | 'assistant';

/** One turn of the conversation sent to the model. */
export interface ConversationMessage {
  readonly role: ConversationRole;
  readonly content: readonly ContentBlock[];
}

/** A tool the model may call. */
export interface ToolSpec {
  readonly name: string;
  /** Tells the model when to use the tool. */
  readonly description: string;
  /** A JSON Schema (`{ type: 'object', properties, required }`) for the tool's input. */
  readonly inputSchema: { readonly json: JsonObject };
}

/**
 * Whether the model must call a tool: `auto` (it decides; the default), `any` (some tool), or
 * `{ tool }` (exactly that one, e.g. a forced `record_summary`). Only with `tools`.
 */
export type ToolChoice = 'auto' | 'any' | { readonly tool: string };

/** One call to the model. */
export interface ConverseRequest {
  readonly system: string;
  /** Alternating turns, starting with the user's. */
  readonly messages: readonly ConversationMessage[];
  readonly tools?: readonly ToolSpec[];
  /** Default `auto`. */
  readonly toolChoice?: ToolChoice;
  /** The most output tokens the model may produce. */
  readonly maxTokens: number;
  readonly temperature?: number;
}

/** Why the model stopped: finished, wants a tool run, or hit `maxTokens`. */
export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens';

/** Tokens billed for one call (the cost arithmetic reads these). */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** The model's reply: an assistant message's blocks, why it stopped, and what it cost. */
export interface ConverseResult {
  readonly content: readonly ContentBlock[];
  readonly stopReason: StopReason;
  readonly usage: TokenUsage;
  /** The model that answered (recorded with the message for cost and audit). */
  readonly modelId: string;
}

/**
 * One event of a streamed reply: a piece of text for content block `contentBlockIndex` (as
 * Bedrock's `contentBlockDelta`), then exactly one final `result`, always last. The text deltas
 * of a block concatenate to that block's text in the result.
 */
export type ConverseStreamEvent =
  | {
      readonly contentBlockDelta: { readonly contentBlockIndex: number; readonly delta: { readonly text: string } };
      readonly result?: never;
    }
  | { readonly result: ConverseResult; readonly contentBlockDelta?: never };

/** A conversational model with tool use. */
export interface LanguageModel {
  /** The model this instance calls (one instance per model; routing picks between instances). */
  readonly modelId: string;
  /** One reply, whole. */
  converse(request: ConverseRequest): Promise<ConverseResult>;
  /** The same reply as {@link converse}, streamed: text deltas, then the final result. */
  converseStream(request: ConverseRequest): AsyncIterable<ConverseStreamEvent>;
}
