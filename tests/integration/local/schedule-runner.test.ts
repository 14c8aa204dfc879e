/**
 * The local schedule runner: plays EventBridge for `schedule` functions (rate expressions).
 */
import { describe, expect, it } from 'vitest';
import { ratePeriodMs, startScheduleRunner } from '../../../infra/local/schedule-runner.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('schedule runner', () => {
  it('reads EventBridge rate expressions and refuses anything else', () => {
    expect(ratePeriodMs('rate(1 minute)')).toBe(60_000);
    expect(ratePeriodMs('rate(5 minutes)')).toBe(300_000);
    expect(ratePeriodMs('rate(2 hours)')).toBe(7_200_000);
    expect(ratePeriodMs('rate(1 day)')).toBe(86_400_000);
    expect(ratePeriodMs('rate(0 minutes)')).toBeUndefined();
    expect(ratePeriodMs('cron(0 12 * * ? *)')).toBeUndefined();
  });

  it('invokes the handler with a Scheduled Event on its period, never overlapping runs, until stopped', async () => {
    // Prepare
    const events: { 'detail-type': string }[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const runner = startScheduleRunner({
      functionName: 'scheduler', expression: 'rate(1 minute)', region: 'eu-west-1', periodMs: 20, log: () => undefined,
      handler: async (event) => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        events.push(event as { 'detail-type': string });
        await sleep(50);
        concurrent -= 1;
      },
    });
    // Act
    await sleep(200);
    await runner.stop();
    const afterStop = events.length;
    await sleep(60);
    // Assess
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0]?.['detail-type']).toBe('Scheduled Event');
    expect(maxConcurrent).toBe(1);
    expect(events.length).toBe(afterStop);
    expect(runner.health().ok).toBe(true);
  });
});
