/**
 * The demo seed — layer: infra/local (laptop only).
 *
 * Gives a fresh laptop something to look at: the "Northwind Outfitters" account, an admin agent
 * whose login is printed at start, one inbox of every channel type, and a few knowledge articles
 * added as knowledge sources (indexed by the knowledge-indexer, so the AI agent answers from them). The login is kept in `<dataDir>/demo-admin.json`
 * (mode 0600) so it survives restarts along with the data; with in-memory data (tests) a fresh
 * account is seeded each time.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountDefaults, channelTypes, type ChannelType } from '../../shared/domain/entities.js';
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import type { PasswordHasher } from '../../shared/ports/password-hasher.js';
import type { KnowledgeSourceInput } from '../../shared/services/knowledge/sources.js';
import type { KnowledgeSourceServices } from '../../shared/runtime/containers/knowledge.js';
import type { Clock, Ids } from '../../shared/ports/system.js';
import { providerOfChannel, type CredentialStore, type InboxCredentials } from '../../shared/ports/channels.js';
import type { ChannelRepository } from '../../shared/ports/channel-store.js';
import type { Inbox } from '../../shared/domain/entities.js';

/** What `npm start` prints so a person can sign in and chat. */
export interface DemoLogin {
  readonly accountId: string;
  readonly accountName: string;
  readonly email: string;
  readonly password: string;
  readonly widgetToken: string;
  readonly inboxCount: number;
  /** The demo knowledge sources (indexed in the background by the knowledge-indexer). */
  readonly knowledgeSources: number;
}

/** Dependencies of {@link seedDemo}. */
export interface SeedDeps {
  readonly repositories: Repositories;
  readonly hasher: PasswordHasher;
  readonly ids: Ids;
  readonly clock: Clock;
  /** The knowledge use cases (the demo articles go in like any admin's source). */
  readonly knowledge: Pick<KnowledgeSourceServices, 'createKnowledgeSource' | 'listKnowledgeSources'>;
  /** Where the login is remembered; undefined for in-memory runs. */
  readonly stateFile?: string;
  /**
   * Channels: every demo channel inbox gets random credentials in the local credential store,
   * its routing items and its webhook URL (the dashboard's inbox set-up shows them).
   */
  readonly channels?: { readonly channels: ChannelRepository; readonly credentials: CredentialStore; readonly publicUrl: string };
}

/** Random demo credentials of a channel inbox (they only ever talk to the local fake provider). */
function demoCredentials(channel: Exclude<ChannelType, 'web'>, ids: Ids): InboxCredentials {
  const hex = (n: number) => Buffer.from(ids.secretToken()).toString('hex').slice(0, n).padEnd(n, '0');
  switch (providerOfChannel[channel]) {
    case 'twilio': return { provider: 'twilio', accountSid: `AC${hex(32)}`, authToken: hex(32) };
    case 'meta': return { provider: 'meta', accessToken: `EAAdemo${ids.secretToken()}` };
    case 'sendgrid': return { provider: 'sendgrid', inboundSecret: ids.secretToken().replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32).padEnd(16, 'x') };
  }
}

/** Writes a demo inbox's credentials (unless it has some) and routing items; idempotent. */
async function setUpDemoChannel(deps: SeedDeps, inbox: Inbox): Promise<void> {
  const channels = deps.channels;
  if (!channels || inbox.channel === 'web') return;
  if (!(await channels.credentials.get(inbox.accountId, inbox.id))) {
    await channels.credentials.put(inbox.accountId, inbox.id, demoCredentials(inbox.channel, deps.ids));
  }
  await channels.channels.putInboxRoute({ accountId: inbox.accountId, inboxId: inbox.id });
  if (providerOfChannel[inbox.channel] === 'meta' && inbox.channelAddress) {
    await channels.channels.putMetaRoute(inbox.channelAddress, { accountId: inbox.accountId, inboxId: inbox.id });
  }
}

/** The demo inbox's channel extras: webhook URL, WhatsApp templates, the voice forwarding number. */
function demoChannelFields(publicUrl: string | undefined, channel: ChannelType, inboxId: string): Partial<Inbox> {
  if (!publicUrl) return {};
  const provider = channel === 'web' ? undefined : providerOfChannel[channel];
  return {
    ...(provider === 'twilio' ? { webhookUrl: `${publicUrl}/webhooks/twilio/${inboxId}` } : {}),
    ...(provider === 'meta' ? { webhookUrl: `${publicUrl}/webhooks/meta` } : {}),
    ...(channel === 'whatsapp' || channel === 'whatsapp_cloud'
      ? { templates: [{ name: 'order_update', language: 'en_US', body: 'Hi {{1}}, there is news about your order {{2}}. Reply to continue the conversation.' }] }
      : {}),
    ...(channel === 'voice' ? { forwardingNumber: '+15005550010' } : {}),
  };
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

/** A demo article: `internal-*.md` files are for agents only; the rest may reach customers. */
function demoArticle(file: string): KnowledgeSourceInput {
  const markdown = readFileSync(join(knowledgeDir, file), 'utf8');
  const title = (markdown.split('\n').find((line) => line.startsWith('# ')) ?? `# ${file}`).slice(2).trim();
  return { kind: 'markdown', title, visibility: file.startsWith('internal-') ? 'internal' : 'public', content: markdown };
}

/**
 * Adds the demo articles as knowledge sources of the account (once: an account that has sources
 * keeps them). They are indexed like any source an admin adds: a job on the knowledge queue, run
 * by the knowledge-indexer function into the search index the AI turn reads.
 *
 * @returns how many sources the account has
 */
async function seedKnowledge(deps: SeedDeps, accountId: string): Promise<number> {
  const existing = await deps.knowledge.listKnowledgeSources({ accountId });
  if (existing.length > 0) return existing.length;
  const files = readdirSync(knowledgeDir).filter((f) => f.endsWith('.md')).sort();
  for (const file of files) await deps.knowledge.createKnowledgeSource({ accountId, input: demoArticle(file) });
  return files.length;
}

function readState(stateFile: string | undefined): Omit<DemoLogin, 'inboxCount' | 'knowledgeSources'> | undefined {
  if (!stateFile || !existsSync(stateFile)) return undefined;
  return JSON.parse(readFileSync(stateFile, 'utf8')) as Omit<DemoLogin, 'inboxCount' | 'knowledgeSources'>;
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
    for (const inbox of inboxes) await setUpDemoChannel(deps, inbox);
    return { ...remembered, inboxCount: inboxes.length, knowledgeSources: await seedKnowledge(deps, remembered.accountId) };
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
    const inboxId = deps.ids.next();
    const inbox: Inbox = {
      accountId, id: inboxId, name, channel, createdAt: now,
      ...demoChannelFields(deps.channels?.publicUrl, channel, inboxId),
      ...(address ? { channelAddress: address } : {}),
      ...(token ? { widgetToken: token } : {}),
      // The tenant's server signs verified widget users with it (HMAC-SHA256 of the user id).
      ...(token ? { widgetSecret: `wsec_${deps.ids.secretToken()}` } : {}),
      ...(token ? { widgetSettings: { greeting: 'Hi! Questions about sizing, an order or a return? Ask away.', replyTime: 'a few minutes' } } : {}),
    };
    await repos.inboxes.create(inbox);
    await setUpDemoChannel(deps, inbox);
  }

  const login = { accountId, accountName, email, password, widgetToken };
  if (deps.stateFile) writeFileSync(deps.stateFile, JSON.stringify(login, null, 2), { mode: 0o600 });
  return { ...login, inboxCount: channelTypes.length, knowledgeSources: await seedKnowledge(deps, accountId) };
}
