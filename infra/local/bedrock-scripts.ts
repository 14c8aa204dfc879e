/**
 * Scripted replies of the local Bedrock server — layer: infra (the local Bedrock server).
 *
 * Tests make the model say exactly what they need: a script is `{ match, steps }`; when the last
 * user text of a Converse / ConverseStream request contains `match`, the script's next step is
 * played (and removed); when no script matches, the server's default brain (the local language
 * model) answers. Scripts are matched in the order they were added.
 */
import type { ContentBlock, ConverseResult, JsonValue, StopReason } from '../../shared/ports/language-model.js';

/** The error statuses a step can answer, with Bedrock's exception names. */
export const scriptedErrors = {
  400: 'ValidationException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
} as const;

/** A status a step may answer. */
export type ScriptedStatus = keyof typeof scriptedErrors;

/** The ConverseStream exception event (a member of the stream's union) for a status, mid-stream. */
export const streamExceptions: Readonly<Record<ScriptedStatus, string>> = {
  400: 'validationException',
  403: 'validationException',
  404: 'validationException',
  424: 'modelStreamErrorException',
  429: 'throttlingException',
  500: 'internalServerException',
  503: 'serviceUnavailableException',
};

/**
 * One scripted reply. `text` and/or `toolUse` make the answer (text first, as models write);
 * `status` answers an error instead — with `text` on ConverseStream, the text's deltas stream
 * first and the error arrives as an exception event mid-stream (Converse answers the error);
 * `delayMs` waits first (alone: waits, then the default brain answers); `deltaDelayMs` spaces a
 * stream's events (so tests see deltas arrive before the end).
 */
export interface BedrockScriptStep {
  readonly text?: string;
  readonly toolUse?: { readonly name: string; readonly input: JsonValue; readonly toolUseId?: string };
  /** Default: estimated from the request and the answer (characters / 4). */
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
  /** Default: tool_use with a toolUse, else end_turn. */
  readonly stopReason?: StopReason;
  readonly status?: ScriptedStatus;
  /** The error's message (with `status`). */
  readonly message?: string;
  readonly delayMs?: number;
  readonly deltaDelayMs?: number;
}

/** A script as added. */
export interface BedrockScript {
  readonly match: string;
  readonly steps: readonly BedrockScriptStep[];
}

/** Raised for a script the control API refuses. */
export class BedrockScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BedrockScriptError';
  }
}

const maxDelayMs = 60_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkDelay(value: unknown, name: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxDelayMs)) {
    throw new BedrockScriptError(`${name} must be an integer from 0 to ${maxDelayMs}`);
  }
}

/**
 * Validates a control-API body `{ match, steps }`.
 *
 * @throws BedrockScriptError naming the first problem.
 */
export function parseScript(body: unknown): BedrockScript {
  if (!isObject(body) || typeof body.match !== 'string' || body.match === '') throw new BedrockScriptError('match must be a non-empty string');
  if (!Array.isArray(body.steps) || body.steps.length === 0) throw new BedrockScriptError('steps must be a non-empty list');
  const steps = body.steps.map((step: unknown, index): BedrockScriptStep => {
    if (!isObject(step)) throw new BedrockScriptError(`step ${index} must be an object`);
    if (step.text !== undefined && typeof step.text !== 'string') throw new BedrockScriptError(`step ${index}: text must be a string`);
    if (step.toolUse !== undefined && (!isObject(step.toolUse) || typeof step.toolUse.name !== 'string' || step.toolUse.name === '')) {
      throw new BedrockScriptError(`step ${index}: toolUse needs a name and an input`);
    }
    if (step.status !== undefined && !(String(step.status) in scriptedErrors)) {
      throw new BedrockScriptError(`step ${index}: status must be one of ${Object.keys(scriptedErrors).join(', ')}`);
    }
    if (step.usage !== undefined && (!isObject(step.usage) || !Number.isInteger(step.usage.inputTokens) || !Number.isInteger(step.usage.outputTokens))) {
      throw new BedrockScriptError(`step ${index}: usage needs integer inputTokens and outputTokens`);
    }
    if (step.stopReason !== undefined && !['end_turn', 'tool_use', 'max_tokens'].includes(String(step.stopReason))) {
      throw new BedrockScriptError(`step ${index}: stopReason must be end_turn, tool_use or max_tokens`);
    }
    checkDelay(step.delayMs, `step ${index}: delayMs`);
    checkDelay(step.deltaDelayMs, `step ${index}: deltaDelayMs`);
    return step as BedrockScriptStep;
  });
  return { match: body.match, steps };
}

/** The scripts the server holds. */
export interface ScriptBook {
  add(script: BedrockScript): void;
  /** The next step for a request whose last user text is `text` (removed from its script). */
  next(text: string): { readonly match: string; readonly step: BedrockScriptStep } | undefined;
  /** Removes the scripts with this match (every script when undefined); returns how many steps were dropped. */
  remove(match?: string): number;
  list(): readonly BedrockScript[];
}

/** Creates an empty script book. */
export function createScriptBook(): ScriptBook {
  let scripts: { match: string; steps: BedrockScriptStep[] }[] = [];
  return {
    add(script) {
      scripts.push({ match: script.match, steps: [...script.steps] });
    },
    next(text) {
      const script = scripts.find((s) => s.steps.length > 0 && text.includes(s.match));
      const step = script?.steps.shift();
      scripts = scripts.filter((s) => s.steps.length > 0);
      return script && step ? { match: script.match, step } : undefined;
    },
    remove(match) {
      const dropped = scripts.filter((s) => match === undefined || s.match === match);
      scripts = scripts.filter((s) => !dropped.includes(s));
      return dropped.reduce((sum, s) => sum + s.steps.length, 0);
    },
    list: () => scripts.map((s) => ({ match: s.match, steps: [...s.steps] })),
  };
}

/**
 * The result a text / toolUse step stands for. `estimate` gives the default usage.
 * Tool-use ids are fresh per play (`tooluse_script_<n>`) unless the step names one.
 */
export function scriptedResult(step: BedrockScriptStep, modelId: string, toolUseId: string, estimate: (content: readonly ContentBlock[]) => { inputTokens: number; outputTokens: number }): ConverseResult {
  const content: ContentBlock[] = [];
  if (step.text !== undefined) content.push({ text: step.text });
  if (step.toolUse !== undefined) content.push({ toolUse: { toolUseId: step.toolUse.toolUseId ?? toolUseId, name: step.toolUse.name, input: step.toolUse.input ?? {} } });
  return {
    content,
    stopReason: step.stopReason ?? (step.toolUse !== undefined ? 'tool_use' : 'end_turn'),
    usage: step.usage ?? estimate(content),
    modelId,
  };
}
