/**
 * What one turn spent — layer: services.
 *
 * Every model call and the question's embedding of a turn add up here; the total is recorded
 * once, under the message the turn ends with (the answer or the hand-off notice), because H5's
 * ledger counts each message id once (a retried job adds nothing).
 */
import type { ModelTier } from '../../domain/entities.js';
import type { TokenUsage } from '../../ports/language-model.js';
import type { Pricing, RecordAiCost, TurnLoaded } from './deps.js';

/** A turn's running total. */
export class TurnSpend {
  costNanoUsd = 0;
  inputTokens = 0;
  outputTokens = 0;
  /** The last model called (recorded with the cost). */
  modelId = '';
  pricedAs = '';

  constructor(private readonly pricing: Pricing) {}

  /** Adds a model call; resolves its own cost. */
  addModel(tier: ModelTier, modelId: string, usage: TokenUsage): number {
    const { costNanoUsd, pricedAs } = this.pricing.model(tier, modelId, usage);
    this.costNanoUsd += costNanoUsd;
    this.inputTokens += usage.inputTokens;
    this.outputTokens += usage.outputTokens;
    this.modelId = modelId;
    this.pricedAs = pricedAs;
    return costNanoUsd;
  }

  /** Adds the question's embedding. */
  addEmbedding(tokens: number): void {
    if (tokens > 0) this.costNanoUsd += this.pricing.embedding(tokens);
  }

  /** Records the total under a message (nothing when the turn spent nothing); `loaded` is what the turn already read. */
  async record(recordAiCost: RecordAiCost, input: { accountId: string; conversationId: string; messageId: string; at: string }, loaded: TurnLoaded = {}): Promise<void> {
    if (this.costNanoUsd === 0 && this.inputTokens === 0) return;
    await recordAiCost({
      ...input,
      costNanoUsd: Math.ceil(this.costNanoUsd),
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      modelId: this.pricedAs || this.modelId || 'embedding',
    }, loaded);
  }
}
