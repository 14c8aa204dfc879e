/**
 * scheduler — runs every minute (EventBridge in AWS, the local schedule runner on the laptop)
 * and wakes the snoozed conversations whose time has come. Later issues add SLA clocks,
 * budgets and roll-ups to the same function.
 *
 * A failure throws, so the run is reported failed; the next run (a minute later) picks up from
 * the same cursor, and the wake-ups are idempotent.
 */
import middy from '@middy/core';
import { snoozeWakeUp } from '../shared/runtime/containers/conversations.js';
import { logger } from '../shared/runtime/logger.js';
import { correlation } from '../shared/runtime/middleware/correlation.js';

async function run(): Promise<{ readonly woken: number }> {
  const { woken, buckets } = await snoozeWakeUp().wakeSnoozedConversations();
  if (woken > 0) logger().info('woke snoozed conversations', { woken, buckets });
  return { woken };
}

const handler = middy(run).use(correlation());
export { handler };
