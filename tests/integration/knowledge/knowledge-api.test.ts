/**
 * The knowledge base end to end on the laptop cloud: the agents' API stores a source and queues
 * it, the knowledge-indexer function (queue poller) extracts, chunks, embeds and indexes it, and
 * the test search finds it; re-indexing replaces, deleting removes; every format keeps its
 * headings; bad input answers 4xx; another tenant sees nothing; the dashboard's account feed
 * gets live `knowledge.source` progress.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContainer } from '../../../shared/runtime/container.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { caller, newSignUpDetails, request, sessionCookieOf, signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { minimalPdf } from '../../helpers/minimal-pdf.js';
import { connectSocket, type TestSocket } from '../../helpers/websocket-client.js';

const sourcesPath = '/api/v1/knowledge/sources';
let admin: SignedInAgent;
let other: SignedInAgent;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  const baseUrl = process.env.SWITCHBOARD_WS_ENDPOINT!;
  [admin, other] = await Promise.all([signUp(baseUrl), signUp(baseUrl)]);
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
});

/** Polls a source until it is `ready` or `failed` (the indexer runs behind the queue). */
async function settled(agent: SignedInAgent, sourceId: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await agent.call('GET', `${sourcesPath}/${sourceId}`);
    expect(status).toBe(200);
    if (body.source.status === 'ready' || body.source.status === 'failed') return body.source;
    if (Date.now() > deadline) throw new Error(`source ${sourceId} still ${body.source.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function add(agent: SignedInAgent, input: Record<string, unknown>): Promise<any> {
  const { status, body } = await agent.call('POST', sourcesPath, input);
  expect(status, JSON.stringify(body)).toBe(202);
  return body.source;
}

async function search(agent: SignedInAgent, q: string, visibility: 'public' | 'any' = 'any'): Promise<any> {
  const { status, body } = await agent.call('GET', `/api/v1/knowledge/search?q=${encodeURIComponent(q)}&visibility=${visibility}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

describe('knowledge sources through the queue and the indexer', () => {
  it('indexes a Markdown source under its headings and the test search finds it', async () => {
    // Prepare
    const markdown = '# Returns\n\nUnworn shoes can be returned within 30 days.\n\n## Refunds\n\nRefunds reach the original card within 5 working days.';

    // Act
    const queued = await add(admin, { kind: 'markdown', title: 'Returns policy', content: markdown, url: 'https://shop.test/returns' });
    const ready = await settled(admin, queued.id);
    const result = await search(admin, 'when does my refund reach my card');

    // Assess
    expect(queued).toMatchObject({ kind: 'markdown', status: 'queued', version: 1, visibility: 'public', chunkCount: 0 });
    expect(queued).not.toHaveProperty('accountId');
    expect(queued).not.toHaveProperty('contentKey');
    expect(ready).toMatchObject({ status: 'ready', chunkCount: 2, version: 1 });
    expect(ready.indexedAt).toEqual(expect.any(String));
    expect(ready).not.toHaveProperty('progress');
    expect(result.hits[0]).toMatchObject({ sourceId: queued.id, title: 'Returns policy', heading: 'Returns › Refunds' });
    expect(result.hits[0].text).toContain('5 working days');
    expect(result).toEqual(expect.objectContaining({ confidence: expect.any(Number), answerable: expect.any(Boolean) }));
  });

  it('extracts HTML (without scripts and navigation), FAQ entries and PDF pages with their headings', async () => {
    // Prepare
    const html = '<html><head><script>leak()</script></head><body><nav>Home | Shop</nav><h1>Care</h1><p>Wipe leather with a damp cloth.</p>'
      + '<h2>Suede</h2><p>Brush suede gently once it is dry.</p></body></html>';
    const faq = [{ question: 'Do you ship to Iceland?', answer: 'Yes, Iceland orders arrive within eight days.' }];
    const pdf = Buffer.from(minimalPdf(['Warranty covers soles for two years.', 'Laces are not covered by the warranty.'])).toString('base64');

    // Act
    const [h, f, p] = await Promise.all([
      add(admin, { kind: 'html', title: 'Care guide', content: html }),
      add(admin, { kind: 'faq', title: 'Shipping FAQ', faq }),
      add(admin, { kind: 'pdf', title: 'Warranty', contentBase64: pdf, visibility: 'internal' }),
    ]);
    const settledAll = await Promise.all([settled(admin, h.id), settled(admin, f.id), settled(admin, p.id)]);

    // Assess
    expect(settledAll.map((s) => [s.status, s.chunkCount])).toEqual([['ready', 2], ['ready', 1], ['ready', 2]]);
    expect((await search(admin, 'brush suede dry')).hits[0]).toMatchObject({ sourceId: h.id, heading: 'Care › Suede' });
    expect(JSON.stringify((await search(admin, 'leak home shop')).hits)).not.toMatch(/leak\(\)|Home \| Shop/);
    expect((await search(admin, 'shipping to Iceland')).hits[0]).toMatchObject({ sourceId: f.id, heading: 'Do you ship to Iceland?' });
    expect((await search(admin, 'are laces covered by warranty')).hits[0]).toMatchObject({ sourceId: p.id, heading: 'Page 2' });
    expect((await search(admin, 'are laces covered by warranty', 'public')).hits.map((hit: any) => hit.sourceId)).not.toContain(p.id);
  });

  it('replaces the old text when a source is updated, and keeps it on re-index', async () => {
    // Prepare
    const source = await add(admin, { kind: 'text', title: 'Opening hours', content: 'The flagship store opens at nine on Mondays.' });
    await settled(admin, source.id);

    // Act
    const put = await admin.call('PUT', `${sourcesPath}/${source.id}`, { kind: 'text', title: 'Opening hours', content: 'The flagship store is closed on Sundays for stocktaking.' });
    const updated = await settled(admin, source.id);
    const reindex = await admin.call('POST', `${sourcesPath}/${source.id}/reindex`);
    const reindexed = await settled(admin, source.id);

    // Assess
    expect(put.status).toBe(202);
    expect(put.body.source).toMatchObject({ version: 2, status: 'queued' });
    expect(updated).toMatchObject({ version: 2, status: 'ready', chunkCount: 1 });
    expect(reindex.status).toBe(202);
    expect(reindexed).toMatchObject({ version: 3, status: 'ready', chunkCount: 1 });
    const texts = (await search(admin, 'flagship store opens nine Mondays closed Sundays')).hits
      .filter((hit: any) => hit.sourceId === source.id).map((hit: any) => hit.text);
    expect(texts).toEqual(['The flagship store is closed on Sundays for stocktaking.']);
  });

  it('withdraws a source made internal from the public search at once', async () => {
    // Prepare
    const content = 'Our supplier discount on hiking boots is forty percent.';
    const source = await add(admin, { kind: 'text', title: 'Supplier terms', content });
    await settled(admin, source.id);
    const publicIds = async () => (await search(admin, 'supplier discount hiking boots', 'public')).hits.map((hit: any) => hit.sourceId);
    expect(await publicIds()).toContain(source.id);

    // Act
    const put = await admin.call('PUT', `${sourcesPath}/${source.id}`, { kind: 'text', title: 'Supplier terms', content, visibility: 'internal' });

    // Assess
    expect(put.status).toBe(202);
    expect(await publicIds()).not.toContain(source.id);
    expect(await settled(admin, source.id)).toMatchObject({ status: 'ready', visibility: 'internal', version: 2 });
    expect(await publicIds()).not.toContain(source.id);
    expect((await search(admin, 'supplier discount hiking boots', 'any')).hits.map((hit: any) => hit.sourceId)).toContain(source.id);
  });

  it('deletes a source: its chunks leave the search and it answers 404', async () => {
    const source = await add(admin, { kind: 'text', title: 'Gift cards', content: 'Gift cards never expire and work online and in stores.' });
    await settled(admin, source.id);

    const deleted = await admin.call('DELETE', `${sourcesPath}/${source.id}`);

    expect(deleted.status).toBe(204);
    expect((await admin.call('GET', `${sourcesPath}/${source.id}`)).status).toBe(404);
    expect((await search(admin, 'gift cards expire')).hits.map((hit: any) => hit.sourceId)).not.toContain(source.id);
    expect((await admin.call('GET', sourcesPath)).body.sources.map((s: any) => s.id)).not.toContain(source.id);
  });

  it('fails a source whose content has no text, with a readable reason, and notifies the admins', async () => {
    const source = await add(admin, { kind: 'html', title: 'Scripts only', content: '<script>only()</script>' });

    expect(await settled(admin, source.id)).toMatchObject({ status: 'failed', error: 'The source has no text to index.', chunkCount: 0 });
    const { body } = await admin.call('GET', '/api/v1/notifications');
    expect(body.notifications).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'knowledge_failed', title: '"Scripts only" could not be indexed', body: 'The source has no text to index.' }),
    ]));
  });

  it('lists the account’s sources newest first', async () => {
    const first = await add(admin, { kind: 'text', title: 'First', content: 'One.' });
    const second = await add(admin, { kind: 'text', title: 'Second', content: 'Two.' });

    const { status, body } = await admin.call('GET', sourcesPath);

    expect(status).toBe(200);
    const ids = body.sources.map((s: any) => s.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
  });
});

describe('knowledge input rules', () => {
  it.each([
    ['a kind that does not exist', { kind: 'docx', title: 'x', content: 'y' }],
    ['an empty title', { kind: 'text', title: '  ', content: 'y' }],
    ['a title over 200 characters', { kind: 'text', title: 'x'.repeat(201), content: 'y' }],
    ['text without content', { kind: 'text', title: 'x' }],
    ['a PDF that is not a PDF', { kind: 'pdf', title: 'x', contentBase64: Buffer.from('hello world').toString('base64') }],
    ['an FAQ with no entries', { kind: 'faq', title: 'x', faq: [] }],
    ['content of the wrong kind', { kind: 'faq', title: 'x', content: 'y', faq: [{ question: 'q?', answer: 'a' }] }],
    ['a URL that is not http(s)', { kind: 'text', title: 'x', content: 'y', url: 'javascript:alert(1)' }],
    ['a visibility that does not exist', { kind: 'text', title: 'x', content: 'y', visibility: 'secret' }],
  ])('answers 400 with a message for %s', async (_name, body) => {
    const { status, body: answer } = await admin.call('POST', sourcesPath, body);

    expect(status).toBe(400);
    expect(answer.error.message).toEqual(expect.any(String));
  });

  it('answers 400 for a malformed source id and an empty search', async () => {
    expect((await admin.call('GET', `${sourcesPath}/not-an-id`)).status).toBe(400);
    expect((await admin.call('GET', '/api/v1/knowledge/search?q=')).status).toBe(400);
  });

  it('lets every agent read and search, but only admins change sources', async () => {
    // Prepare
    const baseUrl = process.env.SWITCHBOARD_WS_ENDPOINT!;
    const details = newSignUpDetails();
    const invited = await admin.call('POST', '/api/v1/agents/invitations', { email: details.email, name: details.name, role: 'agent' });
    const accepted = await request(baseUrl, 'POST', '/api/v1/auth/invitations/accept', { token: invited.body.token, name: details.name, password: details.password });
    const agent = caller(baseUrl, sessionCookieOf(accepted.setCookies)!);
    const source = await add(admin, { kind: 'text', title: 'Role check', content: 'Agents may read this.' });

    // Act
    const reads = await Promise.all([agent('GET', sourcesPath), agent('GET', `${sourcesPath}/${source.id}`), agent('GET', '/api/v1/knowledge/search?q=agents')]);
    const writes = await Promise.all([
      agent('POST', sourcesPath, { kind: 'text', title: 'x', content: 'y' }),
      agent('PUT', `${sourcesPath}/${source.id}`, { kind: 'text', title: 'x', content: 'y' }),
      agent('POST', `${sourcesPath}/${source.id}/reindex`),
      agent('DELETE', `${sourcesPath}/${source.id}`),
    ]);

    // Assess
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(writes.map((r) => r.status)).toEqual([403, 403, 403, 403]);
  });

  it('answers 401 without a session', async () => {
    const response = await fetch(new URL(sourcesPath, process.env.SWITCHBOARD_WS_ENDPOINT!));

    expect(response.status).toBe(401);
  });
});

describe('knowledge tenant isolation', () => {
  it("answers 404 for another tenant's source on every route and never returns its chunks", async () => {
    // Prepare
    const source = await add(admin, { kind: 'text', title: 'Vault', content: 'The backroom vault code is changed every Friday by the manager.' });
    await settled(admin, source.id);
    const path = `${sourcesPath}/${source.id}`;

    // Act
    const answers = await Promise.all([
      other.call('GET', path),
      other.call('PUT', path, { kind: 'text', title: 'Mine', content: 'Taken over.' }),
      other.call('POST', `${path}/reindex`),
      other.call('DELETE', path),
    ]);
    const found = await search(other, 'backroom vault code Friday manager');
    const listed = await other.call('GET', sourcesPath);

    // Assess
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain('vault');
    expect(found.hits).toEqual([]);
    expect(listed.body.sources).toEqual([]);
    expect(await settled(admin, source.id)).toMatchObject({ status: 'ready', version: 1, title: 'Vault' });
  });
});

describe('knowledge live progress', () => {
  it('pushes knowledge.source events with the status to the account feed', async () => {
    // Prepare
    const app = buildContainer(loadConfig(process.env));
    const origin = app.config.allowedOrigins[0]!;
    const wsUrl = `${app.config.wsManagementEndpoint.replace(/^http/, 'ws')}/ws`;
    const { ticket } = await app.services.issueConnectTicket({ accountId: admin.account.id, principal: { kind: 'agent', agentId: admin.agent.id }, origin });
    const socket = await connectSocket(`${wsUrl}?ticket=${ticket}`, origin);
    sockets.push(socket);
    socket.send({ action: 'subscribe', topics: ['account'], id: 'feed' });
    await socket.waitFor((f) => f.type === 'subscribed');

    // Act
    const source = await add(admin, { kind: 'markdown', title: 'Live', content: '# Live\n\nProgress is pushed while indexing.' });

    // Assess
    const ready = await socket.waitFor((f) => f.type === 'event' && f.topic === 'account' && f.event.type === 'knowledge.source'
      && f.event.source.id === source.id && f.event.source.status === 'ready', 30_000);
    const statuses = socket.frames.filter((f) => f.type === 'event' && f.event.type === 'knowledge.source' && f.event.source.id === source.id)
      .map((f) => f.event.source.status);
    expect(statuses).toContain('queued');
    expect(socket.frames.some((f) => f.type === 'event' && f.event.type === 'knowledge.source' && f.event.source.id === source.id
      && f.event.source.status === 'indexing' && f.event.source.progress?.total === 1)).toBe(true);
    expect(ready.event.source).toMatchObject({ chunkCount: 1, version: 1 });
    expect(ready.event.source).not.toHaveProperty('accountId');
    await admin.call('DELETE', `${sourcesPath}/${source.id}`);
    await socket.waitFor((f) => f.type === 'event' && f.event.type === 'knowledge.source.deleted' && f.event.sourceId === source.id, 15_000);
  });
});
