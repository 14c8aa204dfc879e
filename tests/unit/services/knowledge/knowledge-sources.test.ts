// Knowledge sources and their indexing (shared/services/knowledge/{sources,index-source}.ts) — unit specification
// over in-memory ports, the in-process Orama index and the local embedder.
import { describe, expect, it } from 'vitest';
import { defaultAiSettings } from '../../../../shared/domain/ai-settings.js';
import { createLocalEmbedder } from '../../../../shared/adapters/local-model/local-embedder.js';
import { createOramaSearchIndex } from '../../../../shared/adapters/orama/orama-search-index.js';
import { makeContentExtractor } from '../../../../shared/adapters/extract/index.js';
import type { Embedder } from '../../../../shared/ports/embedder.js';
import { makeIndexSource, type IndexSourceDeps } from '../../../../shared/services/knowledge/index-source.js';
import {
  makeCreateKnowledgeSource, makeDeleteKnowledgeSource, makeGetKnowledgeSource, makeListKnowledgeSources,
  makeReindexKnowledgeSource, makeUpdateKnowledgeSource, queueFailureMessage,
} from '../../../../shared/services/knowledge/sources.js';
import { KnowledgeSourceInvalidError, KnowledgeSourceNotFoundError } from '../../../../shared/services/knowledge/errors.js';
import { makeRetrieveKnowledge } from '../../../../shared/services/knowledge/retrieve-knowledge.js';
import {
  memoryKnowledgeSources, memoryObjectStorage, recordingKnowledgeQueue, steppingClockAndIds,
} from '../../../helpers/knowledge-memory-ports.js';

const accountId = '01ACCOUNTAAAAAAAAAAAAAAAAA';
const otherAccountId = '01ACCOUNTBBBBBBBBBBBBBBBBB';

function world(options: { embedder?: Embedder; notifyFailure?: IndexSourceDeps['notifyFailure'] } = {}) {
  const sources = memoryKnowledgeSources();
  const storage = memoryObjectStorage();
  const jobs = recordingKnowledgeQueue();
  const { clock, ids } = steppingClockAndIds();
  const embedder = options.embedder ?? createLocalEmbedder({ dimensions: 64 });
  const searchIndex = createOramaSearchIndex({ dimensions: 64 });
  const deps = { sources, storage, jobs, clock, ids };
  const indexSource = makeIndexSource({
    sources, storage, extractor: makeContentExtractor(), embedder, searchIndex, clock,
    ...(options.notifyFailure ? { notifyFailure: options.notifyFailure } : {}),
  });
  const retrieve = makeRetrieveKnowledge({ embedder, searchIndex });
  const search = async (query: string, account = accountId) =>
    (await retrieve({ accountId: account, query, visibility: 'any', settings: { ...defaultAiSettings, minScore: 0 } })).hits;
  const runJobs = async () => {
    const results = [];
    while (jobs.jobs.length > 0) results.push(await indexSource(jobs.jobs.shift()!, { lastAttempt: false }));
    return results;
  };
  return {
    sources, storage, jobs, searchIndex, indexSource, search, runJobs,
    create: makeCreateKnowledgeSource(deps),
    update: makeUpdateKnowledgeSource({ ...deps, searchIndex }),
    reindex: makeReindexKnowledgeSource(deps),
    remove: makeDeleteKnowledgeSource({ sources, storage, searchIndex }),
    list: makeListKnowledgeSources(deps),
    get: makeGetKnowledgeSource(deps),
  };
}

const returnsMarkdown = '# Returns\n\nYou can return unworn shoes within 30 days.\n\n## Refunds\n\nRefunds reach your card in 5 working days.';

describe('createKnowledgeSource', () => {
  it('stores the content, writes version 1 as queued and queues its indexing', async () => {
    // Prepare
    const w = world();

    // Act
    const source = await w.create({ accountId, input: { kind: 'markdown', title: 'Returns', content: returnsMarkdown } });

    // Assess
    expect(source).toMatchObject({ accountId, kind: 'markdown', title: 'Returns', visibility: 'public', status: 'queued', version: 1, chunkCount: 0 });
    expect(source.contentKey).toBe(`accounts/${accountId}/knowledge/${source.id}/v1`);
    expect(new TextDecoder().decode(w.storage.objects.get(source.contentKey))).toBe(returnsMarkdown);
    expect(w.jobs.jobs).toEqual([{ kind: 'index-source', accountId, sourceId: source.id, version: 1 }]);
  });

  it('refuses a PDF that does not start with %PDF', async () => {
    const w = world();

    await expect(w.create({ accountId, input: { kind: 'pdf', title: 'Manual', contentBase64: Buffer.from('hello').toString('base64') } }))
      .rejects.toBeInstanceOf(KnowledgeSourceInvalidError);
  });

  it('refuses content fields that do not belong to the kind', async () => {
    const w = world();

    await expect(w.create({ accountId, input: { kind: 'faq', title: 'FAQ', content: 'text', faq: [{ question: 'Q?', answer: 'A.' }] } }))
      .rejects.toThrow(/faq source takes faq, not content/);
  });

  it('marks the source failed, with a way out, when its job cannot be queued', async () => {
    const w = world();
    w.jobs.down = true;

    const source = await w.create({ accountId, input: { kind: 'text', title: 'Hours', content: 'Open 9 to 5.' } });

    expect(source).toMatchObject({ status: 'failed', error: queueFailureMessage });
  });
});

describe('indexSource', () => {
  it('indexes a Markdown source with its headings, and search finds it', async () => {
    // Prepare
    const w = world();
    const source = await w.create({ accountId, input: { kind: 'markdown', title: 'Returns', content: returnsMarkdown } });

    // Act
    const [result] = await w.runJobs();

    // Assess
    expect(result).toEqual({ outcome: 'indexed', chunkCount: 2 });
    expect(await w.get({ accountId, sourceId: source.id })).toMatchObject({ status: 'ready', chunkCount: 2, version: 1 });
    expect((await w.get({ accountId, sourceId: source.id })).progress).toBeUndefined();
    const hits = await w.search('refunds card working days');
    expect(hits[0]).toMatchObject({ sourceId: source.id, heading: 'Returns › Refunds', title: 'Returns' });
  });

  it('indexes an FAQ as one chunk per question', async () => {
    const w = world();
    await w.create({ accountId, input: { kind: 'faq', title: 'FAQ', faq: [
      { question: 'Do you ship to Norway?', answer: 'Yes, in five days.' },
      { question: 'Can I pay by invoice?', answer: 'Only business customers can.' },
    ] } });

    const [result] = await w.runJobs();

    expect(result).toEqual({ outcome: 'indexed', chunkCount: 2 });
    expect((await w.search('invoice payment'))[0]).toMatchObject({ heading: 'Can I pay by invoice?', text: 'Only business customers can.' });
  });

  it('indexes HTML without its scripts and navigation', async () => {
    const w = world();
    const html = '<html><head><title>T</title><script>var secret = 1</script></head><body><nav>Home Shop</nav>'
      + '<h1>Care</h1><p>Wash leather with a damp cloth.</p><h2>Suede</h2><p>Brush suede when dry.</p></body></html>';
    await w.create({ accountId, input: { kind: 'html', title: 'Care guide', content: html } });

    await w.runJobs();

    const hits = await w.search('suede brush');
    expect(hits[0]).toMatchObject({ heading: 'Care › Suede', text: 'Brush suede when dry.' });
    expect(hits.map((h) => h.text).join(' ')).not.toMatch(/secret|Home Shop/);
  });

  it('replaces the old text when a new version is indexed', async () => {
    // Prepare
    const w = world();
    const source = await w.create({ accountId, input: { kind: 'text', title: 'Hours', content: 'The shop opens at nine on Mondays.' } });
    await w.runJobs();

    // Act
    const updated = await w.update({ accountId, sourceId: source.id, input: { kind: 'text', title: 'Hours', content: 'Closed on Sundays for inventory.' } });
    await w.runJobs();

    // Assess
    expect(updated.version).toBe(2);
    expect(await w.get({ accountId, sourceId: source.id })).toMatchObject({ status: 'ready', version: 2, chunkCount: 1 });
    const texts = (await w.search('shop opens nine Mondays inventory Sundays')).map((h) => h.text);
    expect(texts).toEqual(['Closed on Sundays for inventory.']);
  });

  it('withdraws a source made internal from public search at once, before its new version is indexed', async () => {
    // Prepare
    const w = world();
    const source = await w.create({ accountId, input: { kind: 'text', title: 'Margins', content: 'Our margin on boots is forty percent.' } });
    await w.runJobs();
    const retrieve = makeRetrieveKnowledge({ embedder: createLocalEmbedder({ dimensions: 64 }), searchIndex: w.searchIndex });
    const publicHits = async () => (await retrieve({ accountId, query: 'margin on boots', visibility: 'public', settings: { ...defaultAiSettings, minScore: 0 } })).hits;
    expect(await publicHits()).toHaveLength(1);

    // Act
    await w.update({ accountId, sourceId: source.id, input: { kind: 'text', title: 'Margins', content: 'Our margin on boots is forty percent.', visibility: 'internal' } });

    // Assess
    expect(await publicHits()).toEqual([]);
    await w.runJobs();
    expect(await publicHits()).toEqual([]);
    expect(await w.search('margin on boots')).toHaveLength(1);
  });

  it('does nothing for a job of an older version than the source', async () => {
    const w = world();
    const source = await w.create({ accountId, input: { kind: 'text', title: 'Hours', content: 'Open nine to five.' } });
    const oldJob = w.jobs.jobs.shift()!;
    await w.reindex({ accountId, sourceId: source.id });

    const result = await w.indexSource(oldJob, { lastAttempt: false });

    expect(result).toEqual({ outcome: 'stale' });
    expect((await w.get({ accountId, sourceId: source.id })).status).toBe('queued');
  });

  it('fails the source with a readable reason when its content has no text, and tells the admins', async () => {
    // Prepare
    const notified: unknown[] = [];
    const w = world({ notifyFailure: async (input) => { notified.push(input); } });
    const source = await w.create({ accountId, input: { kind: 'html', title: 'Empty page', content: '<script>only()</script>' } });

    // Act
    const [result] = await w.runJobs();

    // Assess
    expect(result).toEqual({ outcome: 'failed', error: 'The source has no text to index.' });
    expect(await w.get({ accountId, sourceId: source.id })).toMatchObject({ status: 'failed', error: 'The source has no text to index.' });
    expect(notified).toEqual([{ accountId, sourceId: source.id, title: 'Empty page', error: 'The source has no text to index.' }]);
  });

  it('leaves a transient failure to the queue, and marks the source failed on the last attempt', async () => {
    // Prepare
    const broken: Embedder = { dimensions: 64, modelId: 'broken', embed: async () => { throw new Error('embedder unavailable'); } };
    const w = world({ embedder: broken });
    const source = await w.create({ accountId, input: { kind: 'text', title: 'Hours', content: 'Open nine to five.' } });
    const job = w.jobs.jobs[0]!;

    // Act + Assess
    await expect(w.indexSource(job, { lastAttempt: false })).rejects.toThrow('embedder unavailable');
    const last = await w.indexSource(job, { lastAttempt: true });
    expect(last.outcome).toBe('failed');
    expect((await w.get({ accountId, sourceId: source.id })).error).toMatch(/embedder unavailable.*re-index/);
  });

  it('removes what it wrote when the source was deleted while it ran', async () => {
    // Prepare
    const w = world();
    const source = await w.create({ accountId, input: { kind: 'text', title: 'Hours', content: 'Open nine to five on weekdays.' } });
    const job = w.jobs.jobs.shift()!;
    const replaceSource = w.searchIndex.replaceSource.bind(w.searchIndex);
    w.searchIndex.replaceSource = async (a, s, chunks) => {
      await replaceSource(a, s, chunks);
      w.sources.items.clear();
    };

    // Act
    const result = await w.indexSource(job, { lastAttempt: false });

    // Assess
    expect(result).toEqual({ outcome: 'stale' });
    expect(await w.search('open weekdays')).toEqual([]);
    expect(source.id).toBeTruthy();
  });
});

describe('deleteKnowledgeSource', () => {
  it('removes the chunks, the item and every stored version', async () => {
    // Prepare
    const w = world();
    const source = await w.create({ accountId, input: { kind: 'text', title: 'Hours', content: 'Open nine to five on weekdays.' } });
    await w.runJobs();
    await w.update({ accountId, sourceId: source.id, input: { kind: 'text', title: 'Hours', content: 'Open ten to six on weekdays.' } });
    await w.runJobs();

    // Act
    await w.remove({ accountId, sourceId: source.id });

    // Assess
    expect(await w.search('open weekdays')).toEqual([]);
    await expect(w.get({ accountId, sourceId: source.id })).rejects.toBeInstanceOf(KnowledgeSourceNotFoundError);
    expect([...w.storage.objects.keys()]).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it("answers not found for another tenant's source and never returns its chunks", async () => {
    // Prepare
    const w = world();
    const source = await w.create({ accountId, input: { kind: 'text', title: 'Secret', content: 'The vault code is kept by the manager.' } });
    await w.runJobs();

    // Act + Assess
    await expect(w.get({ accountId: otherAccountId, sourceId: source.id })).rejects.toBeInstanceOf(KnowledgeSourceNotFoundError);
    await expect(w.update({ accountId: otherAccountId, sourceId: source.id, input: { kind: 'text', title: 'x', content: 'y' } }))
      .rejects.toBeInstanceOf(KnowledgeSourceNotFoundError);
    await expect(w.remove({ accountId: otherAccountId, sourceId: source.id })).rejects.toBeInstanceOf(KnowledgeSourceNotFoundError);
    expect(await w.list({ accountId: otherAccountId })).toEqual([]);
    expect(await w.search('vault code manager', otherAccountId)).toEqual([]);
  });
});
