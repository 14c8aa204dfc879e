/**
 * The measured process of the cold-start benchmark — layer: bench (tooling).
 *
 * Plain JavaScript run by plain `node` (no tsx, no loader), one fresh process per sample:
 *   node child.mjs <module path> <JSON of { event, context }>
 * It times `await import(module)` followed by the first `await handler(event, context)`, as a
 * Lambda cold start does after the runtime has booted, and prints one line
 *   @@cold-start {"importMs":…,"callMs":…,"totalMs":…,"result":…}
 * (or `{"error":…}` and exit code 1). The marker keeps the line apart from the handler's own
 * log lines on stdout. Parsing the arguments happens before the clock starts.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const marker = '@@cold-start ';

function report(line, code) {
  process.stdout.write(`${marker}${JSON.stringify(line)}\n`, () => process.exit(code));
}

const [modulePath, payload] = process.argv.slice(2);
if (!modulePath || !payload) {
  report({ error: 'usage: node child.mjs <module path> <JSON of { event, context }>' }, 1);
} else {
  const { event, context: contextFields } = JSON.parse(payload);
  const deadline = Date.now() + 30_000;
  const context = { ...contextFields, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  const url = pathToFileURL(modulePath).href;
  try {
    const t0 = performance.now();
    const module = await import(url);
    const t1 = performance.now();
    const result = await module.handler(event, context);
    const t2 = performance.now();
    // Sockets the SDK keeps alive would hold the process open; the measurement is done.
    report({ importMs: t1 - t0, callMs: t2 - t1, totalMs: t2 - t0, result: result ?? null }, 0);
  } catch (error) {
    report({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, 1);
  }
}
