/**
 * knowledge-indexer — consumes the standard knowledge queue: for each job, extracts the text of
 * one version of a knowledge source (Markdown, HTML, PDF, FAQ, text), chunks it under its
 * headings, embeds the chunks in batches (progress on the source) and replaces the source's
 * chunks in the search index. docs/KNOWLEDGE.md describes it.
 */
import { knowledgeIndexerHandler } from '../shared/runtime/queues/knowledge-indexer.js';

const handler = knowledgeIndexerHandler();
export { handler };
