/**
 * Wake snoozed conversations whose time has come — layer: services (run by `scheduler`).
 *
 * Primary course:
 *  1. Read the cursor: the first minute bucket not fully processed (first run: 15 minutes ago).
 *  2. For each bucket from the cursor to the current minute, list the wake-ups due by now.
 *  3. Reopen each conversation only if it is still snoozed until that very time (a conversation
 *     re-snoozed, reopened or answered meanwhile is left alone), then delete the wake-up.
 *  4. Move the cursor to the current minute (earlier buckets are done).
 * Every step is safe to repeat: a second run finds the same wake-ups and the conditional
 * update refuses to wake a conversation twice.
 */
import { wakeBucket, wakeBucketsBetween } from '../../domain/conversation-rules.js';
import type { ConversationDeps } from './deps.js';

/** The scheduler cursor of this scan. */
const cursorName = 'snooze';
/** How far back the first run looks. */
const firstRunLookbackMs = 15 * 60 * 1000;
/** Most buckets one run reads (a day), so a long outage is caught up over several runs. */
const maxBucketsPerRun = 24 * 60;

/** Creates the use case the scheduler runs every minute. */
export function makeWakeSnoozedConversations(deps: Pick<ConversationDeps, 'conversations' | 'wakeUps' | 'clock'>) {
  return async function wakeSnoozedConversations(): Promise<{ readonly woken: number; readonly buckets: number }> {
    const now = deps.clock.nowIso();
    const current = wakeBucket(now);
    const from = (await deps.wakeUps.cursor(cursorName)) ?? wakeBucket(new Date(deps.clock.nowMs() - firstRunLookbackMs).toISOString());
    const buckets = wakeBucketsBetween(from < current ? from : current, current, maxBucketsPerRun);
    let woken = 0;
    for (const bucket of buckets) {
      for (const wakeUp of await deps.wakeUps.listDue(bucket, now)) {
        const updated = await deps.conversations.update(wakeUp.accountId, wakeUp.conversationId, { status: 'open', snoozedUntil: null }, {
          at: now,
          ifStatus: 'snoozed',
          ifSnoozedUntil: wakeUp.at,
        });
        if (updated) woken += 1;
        await deps.wakeUps.remove(wakeUp);
      }
    }
    const last = buckets[buckets.length - 1];
    if (last !== undefined) await deps.wakeUps.setCursor(cursorName, last);
    return { woken, buckets: buckets.length };
  };
}
