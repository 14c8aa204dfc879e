/**
 * What the AI turn stands on — layer: services (ports and other services' functions only).
 *
 * The knowledge retrieval (H2), the budget gate and cost recording (H5) and the price table (H1)
 * come in as functions, so the turn is tested over in-memory fakes and the container wires the
 * real ones.
 */
import type { AiSettings } from '../../domain/ai-settings.js';
import type { Account, Citation, ModelTier } from '../../domain/entities.js';
import type { RoutingBudgetState } from '../../domain/model-routing.js';
import type { AiTurnRepository } from '../../ports/ai-turns.js';
import type { FileStorage } from '../../ports/file-storage.js';
import type { LanguageModel, TokenUsage } from '../../ports/language-model.js';
import type { AccountRepository, ConversationRepository, InboxRepository, MessageRepository } from '../../ports/repositories.js';
import type { SearchHit } from '../../ports/search-index.js';
import type { Clock, Ids } from '../../ports/system.js';
import type { Conversation } from '../../domain/entities.js';
import type { AnswerStreams } from './answer-stream.js';
import type { SendBotMessage } from './send-bot-message.js';
import type { AiCostEntry } from '../../ports/cost-ledger.js';

/** H2's retrieval, as the turn calls it (public knowledge only). */
export type RetrieveForTurn = (input: {
  readonly accountId: string;
  readonly query: string;
  readonly visibility: 'public';
  readonly settings: AiSettings;
}) => Promise<{
  readonly hits: readonly SearchHit[];
  readonly citations: readonly Citation[];
  readonly confidence: number;
  readonly answerable: boolean;
  readonly embeddingTokens: number;
  /** The question's embedding: an unanswered question's problem is matched with it (no second embedding). */
  readonly queryEmbedding: readonly number[];
}>;

/** What one model call or embedding cost, priced with H1's table. */
export interface Pricing {
  /** The cost of a model call; `pricedAs` is the table's model (the tier's when `modelId` is not in the table). */
  model(tier: ModelTier, modelId: string, usage: TokenUsage): { readonly costNanoUsd: number; readonly pricedAs: string };
  /** The cost of embedding `tokens` tokens (the question's retrieval). */
  embedding(tokens: number): number;
}

/** What the turn already read, handed to the steps after it so they do not read it again. */
export interface TurnLoaded {
  /** The account (absent: not read yet, or not found; the step reads it). */
  readonly account?: Account;
}

/** H5's cost recording (ledger, conversation total, month, alerts); `loaded.account` spares its account read. */
export type RecordAiCost = (input: AiCostEntry & { readonly conversationId: string }, loaded?: TurnLoaded) => Promise<unknown>;

/** H5's budget gate: the month's state for an account (`loaded.account` spares its account read). */
export type BudgetGate = (accountId: string, loaded?: TurnLoaded) => Promise<{ readonly state: RoutingBudgetState; readonly settings: AiSettings; readonly monthSpendNanoUsd: number }>;

/** H5's problem record for a question the knowledge base does not cover, with the embedding retrieval made of it. */
export type RecordUnanswered = (input: {
  readonly accountId: string; readonly conversationId: string; readonly contactId: string; readonly question: string; readonly embedding: readonly number[];
}) => Promise<unknown>;

/** Every port and function the AI turn uses. */
export interface AiTurnDeps {
  readonly accounts: Pick<AccountRepository, 'get'>;
  readonly inboxes: Pick<InboxRepository, 'get'>;
  readonly conversations: ConversationRepository;
  readonly messages: MessageRepository;
  readonly aiTurns: AiTurnRepository;
  /** One model per tier (routing picks). */
  readonly models: Readonly<Record<ModelTier, LanguageModel>>;
  readonly retrieve: RetrieveForTurn;
  /** The attachments bucket (the customer's images for a vision-capable model); absent: text only. */
  readonly files?: Pick<FileStorage, 'getObject'>;
  readonly budgetGate: BudgetGate;
  readonly recordAiCost: RecordAiCost;
  readonly recordUnanswered: RecordUnanswered;
  readonly pricing: Pricing;
  readonly streams: AnswerStreams;
  readonly sendBotMessage: SendBotMessage;
  /** Round-robin assignment of a conversation handed to people (the conversation core's); `loaded.account` spares its account read. */
  readonly autoAssign: (conversation: Conversation, loaded?: TurnLoaded) => Promise<Conversation>;
  readonly clock: Clock;
  readonly ids: Ids;
  /** Waits (the burst's quiet period); tests pass one that advances a fixed clock. */
  readonly sleep: (ms: number) => Promise<void>;
  /** How long after the newest customer message the turn waits for more (default 1,200 ms). */
  readonly burstQuietMs: number;
  /** Structured log lines (customer text is redacted before it gets here). */
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
}

/** The default quiet period of a burst. */
export const defaultBurstQuietMs = 1_200;
/** The longest a turn waits for a burst to end before answering anyway. */
export const maxBurstWaitMs = 8_000;
/** Most tool rounds of one turn. */
export const maxToolRounds = 3;
/** Output tokens of one answer. */
export const answerMaxTokens = 700;
