/**
 * The knowledge area — layer: runtime (container).
 *
 * Two builders, so each function takes only its part:
 * - {@link knowledgeSources}: the admins' source use cases and the agents' test search (agent-api);
 * - {@link knowledgeIndexer}: indexing one version of a source (knowledge-indexer), with the
 *   content extractors (marked, htmlparser2, unpdf) that only that function bundles.
 * A source that fails to index notifies the admins (`knowledge_failed`, through H5's notifier).
 * The embedder and the search index are the ones the AI turn uses (`models.ts`, `search.ts`), so
 * chunks and questions live in one vector space.
 */
import { makeKnowledgeSourceRepository } from '../../adapters/dynamodb/knowledge-repository.js';
import { makeContentExtractor } from '../../adapters/extract/index.js';
import type { KnowledgeSourceRepository } from '../../ports/knowledge.js';
import { makeIndexSource } from '../../services/knowledge/index-source.js';
import { makeRetrieveKnowledge } from '../../services/knowledge/retrieve-knowledge.js';
import {
  makeCreateKnowledgeSource, makeDeleteKnowledgeSource, makeGetKnowledgeSource, makeListKnowledgeSources,
  makeReindexKnowledgeSource, makeSearchKnowledge, makeUpdateKnowledgeSource,
} from '../../services/knowledge/sources.js';
import { notifier } from './ai-admin.js';
import { deferred, perBase } from './base.js';
import { embedder, reranker } from './models.js';
import { fileStorage, jobQueue } from './ports.js';
import { accountRepository } from './repositories.js';
import { searchIndex } from './search.js';

/** The knowledge sources over a base's table. */
export const knowledgeSourceRepository = /* @__PURE__ */ perBase((b): KnowledgeSourceRepository => makeKnowledgeSourceRepository(b.table));

/** The knowledge routes' use cases. */
export interface KnowledgeSourceServices {
  readonly createKnowledgeSource: ReturnType<typeof makeCreateKnowledgeSource>;
  readonly updateKnowledgeSource: ReturnType<typeof makeUpdateKnowledgeSource>;
  readonly reindexKnowledgeSource: ReturnType<typeof makeReindexKnowledgeSource>;
  readonly deleteKnowledgeSource: ReturnType<typeof makeDeleteKnowledgeSource>;
  readonly listKnowledgeSources: ReturnType<typeof makeListKnowledgeSources>;
  readonly getKnowledgeSource: ReturnType<typeof makeGetKnowledgeSource>;
  readonly searchKnowledge: ReturnType<typeof makeSearchKnowledge>;
}

/** The knowledge routes' use cases over a base (the process's by default). */
export const knowledgeSources = /* @__PURE__ */ perBase((b): KnowledgeSourceServices => {
  const deps = () => ({ sources: knowledgeSourceRepository(b), storage: fileStorage(b), jobs: jobQueue(b), clock: b.clock, ids: b.ids });
  return {
    createKnowledgeSource: deferred(() => makeCreateKnowledgeSource(deps())),
    updateKnowledgeSource: deferred(() => makeUpdateKnowledgeSource({ ...deps(), searchIndex: searchIndex(b) })),
    reindexKnowledgeSource: deferred(() => makeReindexKnowledgeSource(deps())),
    deleteKnowledgeSource: deferred(() => makeDeleteKnowledgeSource({ ...deps(), searchIndex: searchIndex(b) })),
    listKnowledgeSources: deferred(() => makeListKnowledgeSources(deps())),
    getKnowledgeSource: deferred(() => makeGetKnowledgeSource(deps())),
    searchKnowledge: deferred(() => makeSearchKnowledge({
      accounts: accountRepository(b),
      // The same retrieval the bot runs (reranked when the tenant turns it on), so the test search shows what the bot would see.
      retrieve: makeRetrieveKnowledge({ embedder: embedder(b), searchIndex: searchIndex(b), reranker: reranker(b) }),
    })),
  };
});

/** The indexer's use case over a base (the process's by default). */
export const knowledgeIndexer = /* @__PURE__ */ perBase((b) => ({
  indexSource: deferred(() => makeIndexSource({
    sources: knowledgeSourceRepository(b), storage: fileStorage(b), extractor: makeContentExtractor(),
    embedder: embedder(b), searchIndex: searchIndex(b), clock: b.clock,
    notifyFailure: async ({ accountId, title, error }) => {
      await notifier(b)({ accountId, kind: 'knowledge_failed', title: `"${title}" could not be indexed`, body: error, link: '/knowledge' });
    },
  })),
}));
