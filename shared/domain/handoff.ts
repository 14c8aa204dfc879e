/**
 * The hand-off state machine — layer: domain (pure).
 *
 * Who answers the customer (`Conversation.handledBy`):
 *
 *            bot hands off (tool call, low confidence, customer asked, budget, model failed)
 *     bot ───────────────────────────────────────────▶ pending_handoff
 *      ▲ │                                                   │
 *      │ │ agent takes over / agent replies                  │ agent takes over / agent replies
 *      │ ▼                                                   ▼
 *      └──────────────── agent returns to bot ───────────  human
 *
 *   - a new conversation starts with the bot when the account's AI is enabled, else with a human;
 *   - a resolved conversation the customer reopens goes back to the bot (AI enabled);
 *   - only the CUSTOMER's words can ask for a person ({@link asksForPerson}); model output never
 *     changes the handler except through the `handoff_to_human` tool, which only hands off.
 */
import type { AiSettings } from './ai-settings.js';
import { resolveAiSettings } from './ai-settings.js';
import type { ConversationStatus, HandledBy, HandoffReason } from './entities.js';

/** What can change who handles a conversation. */
export type HandoffEvent =
  | { readonly kind: 'bot_hands_off' }
  | { readonly kind: 'agent_takes_over' }
  | { readonly kind: 'agent_replies' }
  | { readonly kind: 'agent_returns_to_bot' }
  | { readonly kind: 'customer_reopens'; readonly aiEnabled: boolean };

/**
 * The handler after an event, or undefined when the event does not apply in this state (the
 * caller then changes nothing).
 *
 * @example
 * nextHandler('bot', { kind: 'bot_hands_off' }) // → 'pending_handoff'
 * nextHandler('human', { kind: 'bot_hands_off' }) // → undefined (the bot no longer owns it)
 */
export function nextHandler(current: HandledBy, event: HandoffEvent): HandledBy | undefined {
  switch (event.kind) {
    case 'bot_hands_off':
      return current === 'bot' ? 'pending_handoff' : undefined;
    case 'agent_takes_over':
    case 'agent_replies':
      return current === 'human' ? undefined : 'human';
    case 'agent_returns_to_bot':
      return current === 'bot' ? undefined : 'bot';
    case 'customer_reopens':
      return event.aiEnabled && current !== 'bot' ? 'bot' : undefined;
  }
}

/** Who handles a new conversation of an account: the bot when its AI is enabled. */
export function initialHandlerFor(ai: Partial<AiSettings> | undefined): HandledBy {
  return resolveAiSettings(ai).enabled ? 'bot' : 'human';
}

/** The handler after a customer message moved the conversation from `before` to `after`. */
export function handlerAfterCustomerMessage(current: HandledBy, before: ConversationStatus, after: ConversationStatus, ai: Partial<AiSettings> | undefined): HandledBy {
  if (before !== 'resolved' || after === 'resolved') return current;
  return nextHandler(current, { kind: 'customer_reopens', aiEnabled: resolveAiSettings(ai).enabled }) ?? current;
}

const personPatterns: readonly RegExp[] = [
  /\b(talk|speak|chat|connect|transfer)\w*\b[^.?!]{0,30}\b(human|person|someone|somebody|agent|representative|rep|operator|staff|real people|manager|support team)\b/i,
  /\b(real|actual|live)\s+(human|person|agent|people)\b/i,
  /\b(human|live)\s+(agent|support|help|being)\b/i,
  /\b(want|need|get)\b[^.?!]{0,15}\b(a human|a person|an agent|a representative|an operator|a manager|someone real)\b/i,
  /^\s*(human|agent|operator|representative|person)\s*[.!?]*\s*$/i,
  /\bparler\s+à\s+(un|une|quelqu'un)\b|\bconseill(er|ère)\b/i,
  /\bhablar\s+con\s+(un|una|alguien)\b/i,
  /\bmit\s+einem\s+(menschen|mitarbeiter)\b/i,
];

/**
 * True when the customer's words ask for a person ("can I talk to a human?", "agent please").
 * Call it on customer text only.
 *
 * @example
 * asksForPerson('I want to speak to a real person') // → true
 * asksForPerson('What does your travel insurance cover?') // → false
 */
export function asksForPerson(customerText: string): boolean {
  return personPatterns.some((pattern) => pattern.test(customerText));
}

/** How the agents' activity line names each hand-off reason. */
export const handoffReasonLabels: Readonly<Record<HandoffReason, string>> = {
  tool_call: 'the assistant decided a person should answer',
  low_confidence: 'the knowledge base does not cover the question',
  customer_asked: 'the customer asked for a person',
  budget_exhausted: 'the monthly AI budget is used up',
  agent_took_over: 'an agent took over',
  ai_disabled: 'the AI agent is turned off',
  model_failed: 'the assistant could not answer',
};

/**
 * A summary written without the model (when the summary call fails): the customer's own
 * latest words, quoted, with the reason. Extractive, so it never invents anything.
 */
export function extractiveSummary(customerTexts: readonly string[], reason: HandoffReason): string {
  const quoted = customerTexts.slice(-3).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean).map((t) => `"${t.slice(0, 300)}"`);
  const said = quoted.length > 0 ? `The customer wrote: ${quoted.join(' ')}.` : 'The customer has not written anything yet.';
  return `${said} Handed over because ${handoffReasonLabels[reason]}.`;
}
