/**
 * ai-responder — consumes the FIFO aiJobs queue (one group per conversation): the AI turn (one
 * answer per burst of customer messages, grounded in the tenant's public knowledge, routed by
 * complexity and budget, streamed to the widget, costed; hand-off to people) and the drafts of
 * knowledge fixes for unresolved problems. docs/AI.md describes it.
 */
import { aiResponderHandler } from '../shared/runtime/queues/ai-responder.js';

const handler = aiResponderHandler();
export { handler };
