/**
 * The model conversation of one turn — layer: services.
 *
 * Streams the model's reply (text deltas go to the answer stream), runs the tools it asks for
 * and sends their results back, for at most {@link maxToolRounds} rounds. A `handoff_to_human`
 * call ends the conversation with the model at once. Every call's tokens go to the turn's spend.
 */
import type { ModelTier } from '../../domain/entities.js';
import type { ContentBlock, ConversationMessage, LanguageModel, ToolResult, ToolUse } from '../../ports/language-model.js';
import type { AnswerStream } from './answer-stream.js';
import { answerMaxTokens, maxToolRounds } from './deps.js';
import type { TurnSpend } from './spend.js';
import { answerTools } from './tools.js';

/** What running one tool call gave. */
export interface ToolOutcome {
  readonly result: ToolResult;
  readonly ok: boolean;
  /** Set by `handoff_to_human`: stop and hand over. */
  readonly handoff?: { readonly detail?: string };
}

/** How the model conversation ended. */
export interface ConverseOutcome {
  /** The answer's text (every round's text, in order). */
  readonly text: string;
  readonly toolCalls: readonly { readonly name: string; readonly ok: boolean }[];
  /** The model asked for a person. */
  readonly handoff?: { readonly detail?: string };
  /** Milliseconds since the epoch of the first streamed token. */
  readonly firstTokenAtMs?: number;
  /** The model that answered last. */
  readonly modelId: string;
}

/** Runs the model with the bot's tools. */
export async function converseWithTools(input: {
  readonly model: LanguageModel;
  readonly tier: ModelTier;
  readonly system: string;
  readonly messages: readonly ConversationMessage[];
  readonly stream: AnswerStream;
  readonly spend: TurnSpend;
  readonly runTool: (toolUse: ToolUse) => Promise<ToolOutcome>;
  readonly nowMs: () => number;
}): Promise<ConverseOutcome> {
  const messages: ConversationMessage[] = [...input.messages];
  const texts: string[] = [];
  const toolCalls: { name: string; ok: boolean }[] = [];
  let firstTokenAtMs: number | undefined;
  let modelId = input.model.modelId;

  for (let round = 0; round <= maxToolRounds; round += 1) {
    let roundText = '';
    let content: readonly ContentBlock[] = [];
    let stopReason = 'end_turn';
    for await (const event of input.model.converseStream({ system: input.system, messages, tools: answerTools, maxTokens: answerMaxTokens, temperature: 0.2 })) {
      if (event.contentBlockDelta) {
        const piece = event.contentBlockDelta.delta.text;
        if (!piece) continue;
        if (!roundText && texts.length > 0) input.stream.push('\n\n');
        roundText += piece;
        firstTokenAtMs ??= input.nowMs();
        input.stream.push(piece);
      } else if (event.result) {
        content = event.result.content;
        stopReason = event.result.stopReason;
        modelId = event.result.modelId;
        input.spend.addModel(input.tier, event.result.modelId, event.result.usage);
      }
    }
    const text = content.map((b) => b.text ?? '').join('').trim() || roundText.trim();
    if (text) texts.push(text);
    const uses = content.flatMap((b) => (b.toolUse ? [b.toolUse] : []));
    if (stopReason !== 'tool_use' || uses.length === 0 || round === maxToolRounds) break;
    const results: ContentBlock[] = [];
    for (const use of uses) {
      const outcome = await input.runTool(use);
      toolCalls.push({ name: use.name, ok: outcome.ok });
      if (outcome.handoff) return { text: texts.join('\n\n'), toolCalls, handoff: outcome.handoff, modelId, ...(firstTokenAtMs !== undefined ? { firstTokenAtMs } : {}) };
      results.push({ toolResult: outcome.result });
    }
    messages.push({ role: 'assistant', content }, { role: 'user', content: results });
  }
  return { text: texts.join('\n\n'), toolCalls, modelId, ...(firstTokenAtMs !== undefined ? { firstTokenAtMs } : {}) };
}
