/**
 * Laptop-only modules — layer: runtime (container).
 *
 * The in-process stand-ins (the Orama search index, the local language model, embedder and
 * reranker) serve the laptop only; AWS uses OpenSearch and Bedrock. A Lambda bundle is one ESM
 * file, and esbuild inlines every `import('literal')` into it, so a lazy import alone would still
 * ship them (@orama/orama and our adapters, ~85 KB) in every function that searches or calls a
 * model. {@link importLaptopOnly} imports by a computed specifier instead, which esbuild leaves
 * to Node: the laptop runs the sources (tsx, vitest), where the file is found; a Lambda bundle
 * has no such file, so choosing a laptop backend there fails on first use with Node's
 * ERR_MODULE_NOT_FOUND (AWS functions get `SWITCHBOARD_OPENSEARCH_ENDPOINT` and the Bedrock
 * provider, so they never ask).
 */

/** Where the laptop-only modules are, relative to this directory (`shared/runtime/containers/`). */
export const laptopOnlyModules = {
  orama: '../../adapters/orama/orama-search-index.js',
  localLanguageModel: '../../adapters/local-model/local-language-model.js',
  localEmbedder: '../../adapters/local-model/local-embedder.js',
  localReranker: '../../adapters/local-model/local-reranker.js',
} as const;

/**
 * Imports a laptop-only module (one of {@link laptopOnlyModules}) without bundling it.
 *
 * @example
 * const { createOramaSearchIndex } = await importLaptopOnly<typeof import('../../adapters/orama/orama-search-index.js')>(laptopOnlyModules.orama);
 */
export function importLaptopOnly<T>(specifier: (typeof laptopOnlyModules)[keyof typeof laptopOnlyModules]): Promise<T> {
  // A parameter, not a literal: esbuild cannot resolve it, so it leaves the import to Node.
  return import(specifier) as Promise<T>;
}
