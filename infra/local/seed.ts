/**
 * The demo seed — layer: infra/local (laptop only).
 *
 * Gives a fresh laptop something to look at: the "Northwind Outfitters" account, an admin agent
 * whose login is printed at start, one inbox of every channel type, and a few knowledge articles
 * indexed into the in-process search index. The login is kept in `<dataDir>/demo-admin.json`
 * (mode 0600) so it survives restarts along with the data; with in-memory data (tests) a fresh
 * account is seeded each time.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountDefaults, channelTypes, type ChannelType } from '../../shared/domain/entities.js';
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import type { Embedder } from '../../shared/ports/embedder.js';
import type { PasswordHasher } from '../../shared/ports/password-hasher.js';
import type { IndexedChunk, SearchIndex } from '../../shared/ports/search-index.js';
import type { Clock, Ids } from '../../shared/ports/system.js';

/** What `npm start` prints so a person can sign in and chat. */
export interface DemoLogin {
  readonly accountId: string;
  readonly accountName: string;
  readonly email: string;
  readonly password: string;
  readonly widgetToken: string;
  readonly inboxCount: number;
  readonly knowledgeChunks: number;
}

/** Dependencies of {@link seedDemo}. */
export interface SeedDeps {
  readonly repositories: Repositories;
  readonly hasher: PasswordHasher;
  readonly ids: Ids;
  readonly clock: Clock;
  readonly searchIndex: SearchIndex;
  readonly embedder: Embedder;
  /** Where the login is remembered; undefined for in-memory runs. */
  readonly stateFile?: string;
}

const knowledgeDir = fileURLToPath(new URL('./demo/knowledge/', import.meta.url));

const inboxNames: Readonly<Record<ChannelType, { name: string; address?: string }>> = {
  web: { name: 'Website chat' },
  sms: { name: 'SMS', address: '+15005550006' },
  whatsapp: { name: 'WhatsApp (Twilio)', address: 'whatsapp:+14155238886' },
  voice: { name: 'Phone line', address: '+15005550007' },
  messenger: { name: 'Facebook Messenger', address: '100000000000001' },
  instagram: { name: 'Instagram', address: '17841400000000001' },
  whatsapp_cloud: { name: 'WhatsApp Cloud', address: '100000000000002' },
  email: { name: 'Support email', address: 'support@northwind.example' },
};

/**
 * Splits a Markdown article into one chunk per `##` section, each keeping its heading, so a
 * retrieved passage says where it came from.
 */
export function markdownSections(markdown: string): { title: string; sections: { heading?: string; text: string }[] } {
  const lines = markdown.split('\n');
  const title = (lines.find((l) => l.startsWith('# ')) ?? '# Untitled').slice(2).trim();
  const sections: { heading?: string; text: string }[] = [];
  let heading: string | undefined;
  let body: string[] = [];
  const flush = () => {
    const text = body.join(' ').replace(/\s+/g, ' ').trim();
    if (text) sections.push(heading ? { heading, text } : { text });
    body = [];
  };
  for (const line of lines) {
    if (line.startsWith('# ')) continue;
    if (line.startsWith('## ')) {
      flush();
      heading = line.slice(3).trim();
    } else {
      body.push(line);
    }
  }
  flush();
  return { title, sections };
}

async function indexKnowledge(deps: SeedDeps, accountId: string): Promise<number> {
  const files = readdirSync(knowledgeDir).filter((f) => f.endsWith('.md')).sort();
  const pending: Omit<IndexedChunk, 'embedding'>[] = [];
  for (const file of files) {
    const sourceId = file.replace(/\.md$/, '');
    const { title, sections } = markdownSections(readFileSync(join(knowledgeDir, file), 'utf8'));
    sections.forEach((section, i) => {
      pending.push({ accountId, sourceId, chunkId: `${sourceId}#${i}`, title, ...section, visibility: 'public' });
    });
  }
  const embeddings = await deps.embedder.embed(pending.map((c) => [c.title, c.heading, c.text].filter(Boolean).join('\n')));
  await deps.searchIndex.upsert(pending.map((chunk, i) => ({ ...chunk, embedding: embeddings[i]! })));
  return pending.length;
}

function readState(stateFile: string | undefined): Omit<DemoLogin, 'inboxCount' | 'knowledgeChunks'> | undefined {
  if (!stateFile || !existsSync(stateFile)) return undefined;
  return JSON.parse(readFileSync(stateFile, 'utf8')) as Omit<DemoLogin, 'inboxCount' | 'knowledgeChunks'>;
}

/**
 * Seeds the demo account once (or finds the one seeded before) and indexes its knowledge.
 *
 * @example
 * const login = await seedDemo({ ...deps, stateFile: '.data/demo-admin.json' });
 * console.log(login.email, login.password);
 */
export async function seedDemo(deps: SeedDeps): Promise<DemoLogin> {
  const { repositories: repos } = deps;
  const remembered = readState(deps.stateFile);
  if (remembered && (await repos.accounts.get(remembered.accountId))) {
    const inboxes = await repos.inboxes.list(remembered.accountId);
    return { ...remembered, inboxCount: inboxes.length, knowledgeChunks: await indexKnowledge(deps, remembered.accountId) };
  }

  const now = deps.clock.nowIso();
  const accountId = deps.ids.next();
  const accountName = 'Northwind Outfitters';
  await repos.accounts.create({ id: accountId, name: accountName, mfaRequired: false, ...accountDefaults, createdAt: now });

  const password = deps.ids.secretToken().slice(0, 16);
  // In-memory runs seed a new account each time, so the admin's email carries the account id.
  const email = deps.stateFile ? 'admin@northwind.example' : `admin+${accountId.toLowerCase()}@northwind.example`;
  await repos.agents.create({
    accountId, id: deps.ids.next(), email, name: 'Nora Admin', role: 'admin',
    passwordHash: await deps.hasher.hash(password), disabled: false, createdAt: now,
  });

  let widgetToken = '';
  for (const channel of channelTypes) {
    const { name, address } = inboxNames[channel];
    const token = channel === 'web' ? `wt_${deps.ids.secretToken()}` : undefined;
    if (token) widgetToken = token;
    await repos.inboxes.create({
      accountId, id: deps.ids.next(), name, channel, createdAt: now,
      ...(address ? { channelAddress: address } : {}),
      ...(token ? { widgetToken: token } : {}),
      // The tenant's server signs verified widget users with it (HMAC-SHA256 of the user id).
      ...(token ? { widgetSecret: `wsec_${deps.ids.secretToken()}` } : {}),
      ...(token ? { widgetSettings: { greeting: 'Hi! Questions about sizing, an order or a return? Ask away.', replyTime: 'a few minutes' } } : {}),
    });
  }

  const login = { accountId, accountName, email, password, widgetToken };
  if (deps.stateFile) writeFileSync(deps.stateFile, JSON.stringify(login, null, 2), { mode: 0o600 });
  return { ...login, inboxCount: channelTypes.length, knowledgeChunks: await indexKnowledge(deps, accountId) };
}
