/**
 * The AI turn's conversation state — layer: ports (interfaces in domain terms; no SDK types).
 *
 * Two conditional writes on the conversation item the AI turn relies on, so that a burst of
 * jobs, a redelivered job or an agent acting at the same moment never makes the bot answer
 * twice or answer a conversation a person has taken. Adapter: `shared/adapters/dynamodb/ai-turn-repository.ts`.
 */
import type { AiSummary, Conversation, HandledBy } from '../domain/entities.js';

/** A change of who handles a conversation, applied only from the states listed in `from`. */
export interface HandlerChange {
  readonly from: readonly HandledBy[];
  readonly to: HandledBy;
  /** Written with the change (`null` removes it). */
  readonly aiSummary?: AiSummary | null;
  /** Assigns the conversation (take-over by an agent) unless it is assigned already. */
  readonly assignIfUnassigned?: string;
}

export interface AiTurnRepository {
  /**
   * AP-90: claims the answer to the customer's messages up to `throughMessageId` (a ULID): sets
   * `aiAnsweredThrough` only while the bot handles the conversation and nothing at or after that
   * message was claimed. Resolves the conversation, or undefined when the claim does not hold.
   */
  claimTurn(accountId: string, conversationId: string, throughMessageId: string): Promise<Conversation | undefined>;
  /**
   * AP-90: gives a claim back (a retryable model failure: the queue retries the job) — sets
   * `aiAnsweredThrough` back to `previous` (absent: removed) only while it is still `throughMessageId`.
   */
  releaseTurn(accountId: string, conversationId: string, throughMessageId: string, previous: string | undefined): Promise<void>;
  /**
   * AP-91: changes `handledBy` only from one of `change.from` (the state the caller decided on).
   * Resolves the conversation, or undefined when it does not exist or its handler is not in `from`.
   */
  changeHandler(accountId: string, conversationId: string, change: HandlerChange): Promise<Conversation | undefined>;
}
