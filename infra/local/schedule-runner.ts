/**
 * Schedule runner — layer: infra (local composition root).
 *
 * Plays EventBridge for functions with a `schedule` trigger: invokes the handler every
 * `rate(...)` period with a Scheduled Event, one invocation at a time (a run still going when
 * the next is due is not overlapped; the next starts after it). `cron(...)` expressions are not
 * run locally; the runner reports them in `/health`.
 */
import { randomUUID } from 'node:crypto';
import type { Log } from './log.js';
import { errorMessage } from './log.js';

/** The period of an EventBridge `rate(...)` expression in milliseconds, or undefined. */
export function ratePeriodMs(expression: string): number | undefined {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (!match) return undefined;
  const count = Number(match[1]);
  if (count < 1) return undefined;
  const unit = match[2]!.replace(/s$/, '');
  const unitMs = unit === 'minute' ? 60_000 : unit === 'hour' ? 3_600_000 : 86_400_000;
  return count * unitMs;
}

/** Options of {@link startScheduleRunner}. */
export interface ScheduleRunnerOptions {
  readonly functionName: string;
  readonly expression: string;
  readonly region: string;
  readonly handler: (event: unknown) => Promise<unknown>;
  readonly log: Log;
  /** Overrides the period (tests); default: from the expression. */
  readonly periodMs?: number;
}

/** A running schedule. */
export interface ScheduleRunner {
  health(): { ok: boolean; detail: string };
  stop(): Promise<void>;
}

/** Starts invoking a scheduled function on its rate. */
export function startScheduleRunner(options: ScheduleRunnerOptions): ScheduleRunner {
  const periodMs = options.periodMs ?? ratePeriodMs(options.expression);
  if (periodMs === undefined) {
    return {
      health: () => ({ ok: true, detail: `${options.expression} is not run locally (only rate(...) is)` }),
      stop: async () => undefined,
    };
  }
  let runs = 0;
  let failures = 0;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        await options.handler({
          version: '0',
          id: randomUUID(),
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          account: '000000000000',
          time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          region: options.region,
          resources: [`arn:aws:events:${options.region}:000000000000:rule/${options.functionName}`],
          detail: {},
        });
        runs += 1;
      } catch (error) {
        failures += 1;
        options.log(`run failed: ${errorMessage(error)}`);
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, periodMs);
  timer.unref();
  return {
    health: () => ({ ok: true, detail: `${options.expression}: ${runs} runs, ${failures} failed` }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
