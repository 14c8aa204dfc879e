/**
 * Integration global setup — test helper (vitest `globalSetup` of the integration project).
 *
 * Starts the laptop cloud once for the whole run, in memory and on random ports: DynamoDB
 * Local, fauxqs, the gateway, and the pollers that feed the manifest's functions. Those
 * handlers run in this process (the vitest main process), so the realtime path — stream
 * poller → realtime-fanout → Management API → gateway → client socket — works end to end for
 * every test file. The handlers' environment is handed to the test workers with
 * `provide('cloudEnv')` (tests/helpers/integration-env.ts copies it into `process.env`).
 */
import type { TestProject } from 'vitest/node';
import { startLaptopCloud } from '../../infra/local/cloud.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cloudEnv: Record<string, string>;
    /** The fake provider every sender calls (tests/helpers/fake-provider.ts drives it). */
    fakeProviderUrl: string;
    /** The local Bedrock server the Bedrock adapters call (tests/helpers/fake-bedrock.ts drives it). */
    bedrockUrl: string;
  }
}

/** Starts the cloud; the returned teardown stops it (no Java process is left behind). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const lines: string[] = [];
  // The handlers' INFO lines (a line per job) would bury the test report; warnings and errors still show.
  process.env.SWITCHBOARD_LOG_LEVEL ??= 'WARN';
  const cloud = await startLaptopCloud({
    gatewayPort: 0,
    // Quiet unless something goes wrong: the lines are printed when start-up fails or a part logs a failure.
    log: (line) => {
      lines.push(line);
      if (/fail|unavailable|skipping|retrying|refused|invalid/i.test(line)) console.warn(line);
    },
  }).catch((error: unknown) => {
    console.error(lines.join('\n'));
    throw error;
  });
  project.provide('cloudEnv', { ...cloud.env });
  project.provide('fakeProviderUrl', cloud.urls.fakeProvider);
  project.provide('bedrockUrl', cloud.urls.bedrock);
  return () => cloud.stop();
}
