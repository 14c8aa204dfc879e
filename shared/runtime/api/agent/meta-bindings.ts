/**
 * The documentation routes of agent-api — layer: runtime.
 *
 * `openapi.json` is generated from the same contracts the router validates with (built once per
 * cold start); `/docs` is a self-contained page that renders it, with no third-party script.
 */
import { GetApiDocs, GetOpenApi } from '../../../contracts/http/meta.js';
import type { RouteContract } from '../../../contracts/http/route.js';
import { buildOpenApi } from '../../http/openapi.js';
import { reply } from '../../http/responses.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { apiDocsPage } from './api-docs-page.js';

/** The API's description in the OpenAPI document. */
const info = {
  title: 'Switchboard agents API',
  version: '1.0.0',
  description: 'Sign-in, the team, the inbox and conversations. Errors are `{ error: { code, message } }`; anything of another account answers 404. See docs/API.md.',
} as const;

/**
 * Binds the documentation routes; `contracts` lists the API's routes (called once, lazily, so
 * the document covers every binding including these two).
 */
export function metaBindings(contracts: () => readonly RouteContract[]): RouteBinding<AgentApiCaller>[] {
  let document: ReturnType<typeof buildOpenApi> | undefined;
  const openApi = () => (document ??= buildOpenApi(contracts(), info));
  return [
    bind(GetOpenApi, async () => openApi()),
    bind(GetApiDocs, async () => reply(apiDocsPage(info.title), { contentType: 'text/html; charset=utf-8' })),
  ];
}
