/**
 * The knowledge search index — layer: runtime (container).
 *
 * {@link searchIndex} is the SearchIndex the knowledge indexer writes and retrieval reads, chosen
 * by `config.search.backend`: OpenSearch in AWS (SigV4-signed, `aoss` or `es`), or Orama in the
 * process on the laptop — ONE Orama index per process whatever the number of bases, because the
 * laptop runs every function in one process and they must see the same chunks (and the same
 * snapshot file). Each adapter is imported on first use, so a function loads only the backend
 * its configuration names (and none at all if it never searches); the Orama one is kept out of
 * Lambda bundles altogether (laptop-only.ts).
 */
import type { SearchIndex } from '../../ports/search-index.js';
import type { Base } from './base.js';
import { perBase } from './base.js';
import { importLaptopOnly, laptopOnlyModules } from './laptop-only.js';

type OramaModule = typeof import('../../adapters/orama/orama-search-index.js');

/** The laptop's in-process indexes, by dimension and snapshot file (one per process). */
const processOramaIndexes = new Map<string, Promise<SearchIndex>>();

async function buildSearchIndex(b: Base): Promise<SearchIndex> {
  const { search, ai, region } = b.config;
  const dimensions = ai.embeddingDimensions;
  if (search.backend === 'opensearch' && search.endpoint !== undefined) {
    const [{ createOpenSearchSearchIndex }, { createOpenSearchTransport }] = await Promise.all([
      import('../../adapters/opensearch/opensearch-search-index.js'),
      import('../../adapters/opensearch/client.js'),
    ]);
    return createOpenSearchSearchIndex({
      transport: createOpenSearchTransport({ endpoint: search.endpoint, region, service: search.service }),
      index: search.index,
      dimensions,
    });
  }
  const key = JSON.stringify([dimensions, search.oramaSnapshotFile ?? null]);
  let index = processOramaIndexes.get(key);
  if (index === undefined) {
    index = importLaptopOnly<OramaModule>(laptopOnlyModules.orama).then(({ createOramaSearchIndex }) => createOramaSearchIndex({
      dimensions,
      ...(search.oramaSnapshotFile === undefined ? {} : { snapshotFile: search.oramaSnapshotFile }),
    }));
    // A failed build (a bad snapshot file) is not remembered: the next call reports it again.
    index.catch(() => processOramaIndexes.delete(key));
    processOramaIndexes.set(key, index);
  }
  return index;
}

/** The search index over a base (the process's by default), built on its first call. */
export const searchIndex = /* @__PURE__ */ perBase((b): SearchIndex => {
  let built: Promise<SearchIndex> | undefined;
  const index = (): Promise<SearchIndex> => {
    built ??= buildSearchIndex(b).catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
  return {
    upsert: async (chunks) => (await index()).upsert(chunks),
    deleteBySource: async (accountId, sourceId) => (await index()).deleteBySource(accountId, sourceId),
    replaceSource: async (accountId, sourceId, chunks) => (await index()).replaceSource(accountId, sourceId, chunks),
    search: async (query) => (await index()).search(query),
  };
});
