/**
 * Model routing — layer: domain (pure).
 *
 * Each turn picks the cheapest tier likely to answer well. A complexity score in [0, 1] is the
 * capped sum of signals from the customer's words and the retrieval:
 *
 *   signal                                              weight
 *   length (0 at ≤ 80 chars … full at ≥ 600)            ≤ 0.25
 *   several questions or intents ("and also", 2+ "?")   0.15 per extra, ≤ 0.3
 *   account/order/money words (refund, invoice, …)      0.2
 *   negation or frustration ("doesn't work", "again")   0.15
 *   conditions and comparisons ("if", "compare", "vs")  0.1
 *   low retrieval confidence (1 − confidence) × 0.3     ≤ 0.3
 *
 *   tiers: < 0.4 small · 0.4–0.7 mid · > 0.7 premium · an image → vision
 *
 * The tenant's `maxTier` and the budget can only lower the tier: above the monthly budget only
 * the small model answers (`over_budget`); at the hard cap the bot hands off (`exhausted`,
 * decided by the caller before routing).
 */
import type { ModelTier } from './entities.js';

/** The budget state routing honours (H5's `budgetState`). */
export type RoutingBudgetState = 'ok' | 'over_budget' | 'exhausted';

/** The text tiers, cheapest first. */
export const textTiers = ['small', 'mid', 'premium'] as const;
export type TextTier = (typeof textTiers)[number];

/** What routing decided. */
export interface RouteDecision {
  readonly tier: ModelTier;
  /** The complexity score used, in [0, 1], rounded to 2 decimals. */
  readonly complexity: number;
  /** Why this tier, for the agents' trace: e.g. "complexity 0.32 → small". */
  readonly reason: string;
}

const moneyWords = /\b(refund|return|order|invoice|bill|billing|charge[ds]?|payment|paid|pay|subscription|cancel\w*|account|password|login|warranty|delivery|shipping|tracking|damaged|broken|exchange)\b/gi;
const frustration = /\b(not working|doesn'?t work|didn'?t|don'?t|won'?t|can'?t|cannot|never|still|again|wrong|error|fail\w*|angry|frustrat\w*|terrible|unacceptable|disappoint\w*|complain\w*)\b/gi;
const conditions = /\b(if|unless|compare|comparison|versus|vs\.?|difference|better|which one|whether)\b/gi;
const intentJoiners = /\b(and also|also|another question|besides|in addition|plus|secondly|second,)\b/gi;

/**
 * The complexity score of a question, in [0, 1].
 *
 * @example
 * complexityScore('What are your opening hours?', 0.9) // → ≈ 0.03 (small)
 */
export function complexityScore(question: string, confidence: number): number {
  const text = question.trim();
  const length = Math.min(0.25, Math.max(0, (text.length - 80) / (600 - 80)) * 0.25);
  const questionMarks = (text.match(/\?/g) ?? []).length;
  const joiners = (text.match(intentJoiners) ?? []).length;
  const extraIntents = Math.max(0, questionMarks - 1) + joiners;
  const intents = Math.min(0.3, extraIntents * 0.15);
  const money = moneyWords.test(text) ? 0.2 : 0;
  moneyWords.lastIndex = 0;
  const upset = frustration.test(text) ? 0.15 : 0;
  frustration.lastIndex = 0;
  const conditional = conditions.test(text) ? 0.1 : 0;
  conditions.lastIndex = 0;
  const uncertain = (1 - Math.min(1, Math.max(0, confidence))) * 0.3;
  const score = Math.min(1, length + intents + money + upset + conditional + uncertain);
  return Math.round(score * 100) / 100;
}

/** The text tier of a complexity score. */
export function tierForComplexity(complexity: number): TextTier {
  if (complexity > 0.7) return 'premium';
  if (complexity >= 0.4) return 'mid';
  return 'small';
}

/**
 * The tier of a turn: from the complexity (or `vision` for an image), lowered by the tenant's
 * maximum and by the budget.
 *
 * @example
 * routeTurn({ question: 'Hi, my order never arrived and I was charged twice, can you refund?', confidence: 0.4, hasImage: false, maxTier: 'premium', budget: 'ok' })
 * // → { tier: 'mid', complexity: 0.6…, reason: 'complexity 0.6… → mid' }
 */
export function routeTurn(input: {
  readonly question: string;
  readonly confidence: number;
  readonly hasImage: boolean;
  readonly maxTier: TextTier;
  readonly budget: RoutingBudgetState;
}): RouteDecision {
  const complexity = complexityScore(input.question, input.confidence);
  if (input.budget !== 'ok') {
    return { tier: 'small', complexity, reason: `complexity ${complexity.toFixed(2)}; budget above the monthly limit → small` };
  }
  if (input.hasImage) return { tier: 'vision', complexity, reason: `image in the question → vision` };
  const wanted = tierForComplexity(complexity);
  const capped = textTiers.indexOf(wanted) > textTiers.indexOf(input.maxTier) ? input.maxTier : wanted;
  const reason = capped === wanted
    ? `complexity ${complexity.toFixed(2)} → ${wanted}`
    : `complexity ${complexity.toFixed(2)} → ${wanted}, capped by the tenant's maximum → ${capped}`;
  return { tier: capped, complexity, reason };
}
