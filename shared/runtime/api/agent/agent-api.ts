/**
 * The agents' API, assembled — layer: runtime.
 *
 * Joins the route bindings of each area with the session authenticator into one router, and
 * lists the contracts the OpenAPI document is generated from.
 */
import type { RouteContract } from '../../../contracts/http/route.js';
import { httpRouter, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { aiBindings } from './ai-bindings.js';
import { authBindings } from './auth-bindings.js';
import { authenticateAgent } from './authenticate.js';
import { channelInboxBindings } from './channel-inbox-bindings.js';
import { conversationBindings } from './conversation-bindings.js';
import { handoffBindings } from './handoff-bindings.js';
import { inboxBindings } from './inbox-bindings.js';
import { knowledgeBindings } from './knowledge-bindings.js';
import { metaBindings } from './meta-bindings.js';
import { teamBindings } from './team-bindings.js';

/** Every binding of agent-api except the documentation routes. */
function apiBindings(): RouteBinding<AgentApiCaller>[] {
  return [...authBindings, ...teamBindings, ...conversationBindings, ...inboxBindings, ...channelInboxBindings, ...aiBindings, ...handoffBindings, ...knowledgeBindings];
}

/** Every contract of agent-api, for the OpenAPI document. */
export function agentApiContracts(): RouteContract[] {
  return [...apiBindings(), ...metaBindings(() => [])].map((b) => b.contract);
}

/** The Lambda handler of agent-api. */
export function agentApiHandler() {
  return httpRouter<AgentApiCaller>([...apiBindings(), ...metaBindings(agentApiContracts)], { authenticate: authenticateAgent });
}
