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
  /** A second admin of the demo team (no MFA), so journeys do not depend on the first admin's MFA state. */
  readonly agent: { readonly email: string; readonly password: string };
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
  // The handlers' INFO lines (a line per job) would bury the test report; warnings and errors still show.
  process.env.SWITCHBOARD_LOG_LEVEL ??= 'WARN';
  const cloud = await startLaptopCloud({ gatewayPort: 0, streamDeltaDelayMs: 25, staticRoots: { '/': webDir }, log: (line) => lines.push(line) }).catch((error: unknown) => {
    console.error(lines.join('\n'));
    throw error;
  });
  const app = buildContainer(loadConfig(cloud.env));
  const hasher = makeArgon2PasswordHasher();
  const login = await seedDemo({
    repositories: app.repositories, hasher, ids: app.ids, clock: app.clock,
    knowledge: app.services,
    channels: { channels: app.channels, credentials: app.credentials, publicUrl: app.config.channels.publicUrl },
  });
  // The demo articles are indexed by the knowledge-indexer in the background: the journeys start once they are searchable.
  for (const started = Date.now(); ;) {
    const sources = await app.services.listKnowledgeSources({ accountId: login.accountId });
    if (sources.length > 0 && sources.every((source) => source.status === 'ready')) break;
    if (Date.now() - started > 60_000) throw new Error(`the demo knowledge was not indexed in 60 s: ${sources.map((s) => `${s.title} ${s.status}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const agent = { email: `ada+${login.accountId.toLowerCase()}@northwind.example`, password: app.ids.secretToken().slice(0, 16) };
  await app.repositories.agents.create({
    accountId: login.accountId, id: app.ids.next(), email: agent.email, name: 'Ada Admin', role: 'admin',
    passwordHash: await hasher.hash(agent.password), disabled: false, createdAt: app.clock.nowIso(),
  });
  writeFileSync(join(webDir, 'demo', 'config.js'), `window.SWITCHBOARD_DEMO_TOKEN = ${JSON.stringify(login.widgetToken)};\n`);
  project.provide('e2e', {
    baseUrl: cloud.urls.gateway, email: login.email, password: login.password, widgetToken: login.widgetToken, accountId: login.accountId, agent,
  });
  return async () => {
    await cloud.stop();
    rmSync(webDir, { recursive: true, force: true });
  };
}
