/**
 * End-to-end global setup — test helper (vitest `globalSetup` of the e2e project).
 *
 * Builds the web apps (into a temporary folder), starts the laptop cloud in memory on a random port with the built apps as
 * static files (exactly what `npm start` serves), seeds the demo account and points the demo shop
 * at its widget. The browser tests get the URLs and the admin's login through `inject`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeArgon2PasswordHasher } from '../../shared/adapters/crypto/argon2-password-hasher.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { buildContainer } from '../../shared/runtime/container.js';
import { startLaptopCloud } from '../../infra/local/cloud.js';
import { seedDemo } from '../../infra/local/seed.js';
import { buildWeb } from '../../web/build.js';

/** What the browser tests receive. */
export interface E2eContext {
  readonly baseUrl: string;
  readonly email: string;
  readonly password: string;
  readonly widgetToken: string;
  readonly accountId: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

/** Starts everything; the returned teardown stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A private copy of the built apps, so a developer's `npm start` (serving web/dist) is left alone.
  const webDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-web-'));
  await buildWeb(webDir);
  const lines: string[] = [];
  const cloud = await startLaptopCloud({ gatewayPort: 0, staticRoots: { '/': webDir }, log: (line) => lines.push(line) }).catch((error: unknown) => {
    console.error(lines.join('\n'));
    throw error;
  });
  const app = buildContainer(loadConfig(cloud.env));
  const login = await seedDemo({
    repositories: app.repositories, hasher: makeArgon2PasswordHasher(), ids: app.ids, clock: app.clock,
    knowledge: app.services,
    channels: { channels: app.channels, credentials: app.credentials, publicUrl: app.config.channels.publicUrl },
  });
  writeFileSync(join(webDir, 'demo', 'config.js'), `window.SWITCHBOARD_DEMO_TOKEN = ${JSON.stringify(login.widgetToken)};\n`);
  project.provide('e2e', {
    baseUrl: cloud.urls.gateway, email: login.email, password: login.password, widgetToken: login.widgetToken, accountId: login.accountId,
  });
  return async () => {
    await cloud.stop();
    rmSync(webDir, { recursive: true, force: true });
  };
}
