/**
 * Queueing the AI turn of a customer message — layer: services.
 *
 * Primary course (after the conversation core stored a widget message):
 *  1. Only a conversation the bot handles gets a job (people answer the others).
 *  2. A new message gets a job; a retried send (same client message id) gets it again while
 *     within SQS's 5-minute deduplication window — the job id is the message id, so a job the
 *     first attempt did queue is dropped by SQS, and one it did not queue is queued now.
 *  3. A queue failure answers 503: the message is stored; the client's retry queues the job.
 */
import type { Conversation, Message } from '../../domain/entities.js';
import type { JobQueue } from '../../ports/job-queue.js';
import type { Clock } from '../../ports/system.js';
import { AiQueueUnavailableError } from './errors.js';

/** SQS FIFO's deduplication window. */
const queueDedupeWindowMs = 5 * 60 * 1000;

/** Creates the step; resolves whether a job was queued. */
export function makeQueueAiTurn(deps: { readonly jobs: Pick<JobQueue, 'enqueueAiJob'>; readonly clock: Clock }) {
  return async function queueAiTurn(input: { readonly conversation: Conversation; readonly message: Message; readonly created: boolean }): Promise<boolean> {
    const { conversation, message } = input;
    if (conversation.handledBy !== 'bot' || message.type !== 'incoming') return false;
    if (!input.created && deps.clock.nowMs() - Date.parse(message.createdAt) >= queueDedupeWindowMs) return false;
    try {
      await deps.jobs.enqueueAiJob({ kind: 'ai-turn', accountId: conversation.accountId, conversationId: conversation.id, messageId: message.id });
    } catch (error) {
      throw new AiQueueUnavailableError(`The message is stored but the assistant could not be asked (${(error as Error).name}); send it again.`);
    }
    return true;
  };
}
