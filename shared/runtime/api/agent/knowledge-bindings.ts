/**
 * The agents' knowledge routes — layer: runtime (thin handlers: zod → one service → shape the
 * response). docs/API.md "Knowledge".
 *
 * The account always comes from the session (`caller`), never from the request.
 */
import {
  CreateKnowledgeSource, DeleteKnowledgeSource, GetKnowledgeSource, ListKnowledgeSources, ReindexKnowledgeSource,
  SearchKnowledge, UpdateKnowledgeSource,
} from '../../../contracts/http/knowledge.js';
import { knowledgeSourceView } from '../../../domain/knowledge.js';
import { knowledgeSources } from '../../containers/knowledge.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { signedIn } from './auth-bindings.js';

/** Every route of docs/API.md "Knowledge". */
export const knowledgeBindings: RouteBinding<AgentApiCaller>[] = [
  bind(ListKnowledgeSources, async ({ caller }) => {
    const sources = await knowledgeSources().listKnowledgeSources({ accountId: signedIn(caller).accountId });
    return { sources: sources.map(knowledgeSourceView) };
  }),

  bind(CreateKnowledgeSource, async ({ body, caller }) => {
    const source = await knowledgeSources().createKnowledgeSource({ accountId: signedIn(caller).accountId, input: body });
    return { source: knowledgeSourceView(source) };
  }),

  bind(GetKnowledgeSource, async ({ params, caller }) => {
    const source = await knowledgeSources().getKnowledgeSource({ accountId: signedIn(caller).accountId, sourceId: params.sourceId });
    return { source: knowledgeSourceView(source) };
  }),

  bind(UpdateKnowledgeSource, async ({ params, body, caller }) => {
    const source = await knowledgeSources().updateKnowledgeSource({ accountId: signedIn(caller).accountId, sourceId: params.sourceId, input: body });
    return { source: knowledgeSourceView(source) };
  }),

  bind(ReindexKnowledgeSource, async ({ params, caller }) => {
    const source = await knowledgeSources().reindexKnowledgeSource({ accountId: signedIn(caller).accountId, sourceId: params.sourceId });
    return { source: knowledgeSourceView(source) };
  }),

  bind(DeleteKnowledgeSource, async ({ params, caller }) => {
    await knowledgeSources().deleteKnowledgeSource({ accountId: signedIn(caller).accountId, sourceId: params.sourceId });
    return undefined;
  }),

  bind(SearchKnowledge, async ({ query, caller }) => {
    const result = await knowledgeSources().searchKnowledge({ accountId: signedIn(caller).accountId, query: query.q, visibility: query.visibility });
    return {
      hits: result.hits.map((hit) => ({
        chunkId: hit.chunkId, sourceId: hit.sourceId, title: hit.title, ...(hit.heading === undefined ? {} : { heading: hit.heading }),
        text: hit.text, score: hit.score, semanticScore: hit.semanticScore, keywordScore: hit.keywordScore,
      })),
      confidence: result.confidence,
      answerable: result.answerable,
    };
  }),
];
