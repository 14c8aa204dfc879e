/**
 * `npm start` — layer: infra/local (the laptop's entry point).
 *
 * Brings the whole system up on 127.0.0.1 with embedded defaults (no AWS account): the laptop
 * cloud (DynamoDB Local, fauxqs, the gateway, the pollers, the local Bedrock server, the Orama
 * search index kept in `<dataDir>/search-index.json`), and the demo account. Prints the URLs and the admin's login; Ctrl-C stops
 * everything and leaves no child process behind. A missing prerequisite or a taken port is
 * explained in one line with its fix.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeArgon2PasswordHasher } from '../../shared/adapters/crypto/argon2-password-hasher.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { buildContainer } from '../../shared/runtime/container.js';
import { repositoryRoot, startLaptopCloud, type LaptopCloud } from './cloud.js';
import { PrerequisiteError } from './errors.js';
import { errorMessage } from './log.js';
import { seedDemo } from './seed.js';

const webDistDir = resolve(repositoryRoot, 'web/dist');

/**
 * Points the demo shop page at the demo inbox's widget token (the page loads `/demo/config.js`
 * before it injects the widget's script tag).
 */
function writeDemoConfig(widgetToken: string): void {
  const demoDir = resolve(webDistDir, 'demo');
  if (!existsSync(demoDir)) throw new PrerequisiteError('web/dist/demo is missing. Fix: run `npm run build:web` (npm start does it for you).');
  writeFileSync(resolve(demoDir, 'config.js'), `window.SWITCHBOARD_DEMO_TOKEN = ${JSON.stringify(widgetToken)};\n`);
}

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new PrerequisiteError(`${name}=${raw} is not a port number (1–65535). Fix: unset it or pick a free port.`);
  }
  return port;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const dataDir = resolve(repositoryRoot, process.env.SWITCHBOARD_DATA_DIR || '.data');
  mkdirSync(dataDir, { recursive: true });
  const cloud: LaptopCloud = await startLaptopCloud({
    dataDir,
    // The dashboard at `/`, the widget at `/widget.js`, the demo shop at `/demo/` (built by `npm run build:web`).
    staticRoots: { '/': webDistDir },
    gatewayPort: portFrom('PORT', 3000),
    dynamoPort: portFrom('DYNAMODB_PORT', 8000),
    // The local model answers at once; streaming its words at ~40 a second shows the answer being written.
    streamDeltaDelayMs: 25,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[cloud] ${signal}: stopping…`);
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    const app = buildContainer(loadConfig(cloud.env));
    const login = await seedDemo({
      repositories: app.repositories, hasher: makeArgon2PasswordHasher(), ids: app.ids, clock: app.clock,
      knowledge: app.services, stateFile: resolve(dataDir, 'demo-admin.json'),
      channels: { channels: app.channels, credentials: app.credentials, publicUrl: app.config.channels.publicUrl },
    });
    writeDemoConfig(login.widgetToken);
    cloud.registerHealthCheck('demo knowledge', async () => {
      const sources = await app.services.listKnowledgeSources({ accountId: login.accountId });
      const ready = sources.filter((source) => source.status === 'ready').length;
      const failed = sources.filter((source) => source.status === 'failed').map((source) => source.title);
      return { ok: failed.length === 0, detail: `${ready} of ${sources.length} sources indexed${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}` };
    });
    cloud.registerHealthCheck('demo-seed', async () => {
      const account = await app.repositories.accounts.get(login.accountId);
      return account ? { ok: true, detail: `${account.name}: ${login.inboxCount} inboxes` } : { ok: false, detail: 'demo account missing' };
    });

    const health = await cloud.health();
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(
      [
        '',
        `  Switchboard is running (${health.status}, ${seconds} s)`,
        '',
        `  Dashboard    ${cloud.urls.gateway}/`,
        `  Demo shop    ${cloud.urls.gateway}/demo/   (chat with the widget here)`,
        `  API docs     ${cloud.urls.gateway}/api/v1/docs`,
        `  Gateway      ${cloud.urls.gateway}`,
        `  WebSocket    ${cloud.urls.websocket}`,
        `  Health       ${cloud.urls.health}`,
        `  Outbox       ${cloud.urls.fakeProvider}/outbox   (SMS, WhatsApp, Messenger and email sends land here)`,
        `  Bedrock      ${cloud.urls.bedrock}   (local stand-in models behind Bedrock's wire protocol)`,
        '',
        `  Demo account ${login.accountName} (${login.inboxCount} inboxes, ${login.knowledgeSources} knowledge sources)`,
        `  Admin login  ${login.email} / ${login.password}`,
        `  Widget token ${login.widgetToken}`,
        '',
        `  Data in ${dataDir} (delete it to start over). Ctrl-C stops everything.`,
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`[start] failed after the cloud came up: ${errorMessage(error)}`);
    await cloud.stop();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  if (error instanceof PrerequisiteError) {
    console.error(`\n  Cannot start: ${error.message}\n`);
  } else {
    console.error(`\n  Start failed: ${errorMessage(error)}\n`);
  }
  process.exit(1);
});
