/**
 * outbound-sender — consumes the FIFO outbound queue (one group per conversation) and sends each
 * outgoing message through its channel's provider (Twilio, Meta Graph, SendGrid), with channel
 * rules, token-bucket rate limits, retries with full-jitter backoff via the visibility timeout,
 * and the DLQ after 5 receives. docs/CHANNELS.md "Reliability" describes it.
 */
import { outboundSenderHandler } from '../shared/runtime/queues/outbound-sender.js';

const handler = outboundSenderHandler();
export { handler };
