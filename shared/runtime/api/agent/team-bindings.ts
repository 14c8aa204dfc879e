/**
 * Team routes of agent-api (agents, availability, the account) — layer: runtime.
 */
import { GetAccount, InviteAgent, ListAgents, SetAvailability, UpdateAccount, UpdateAgent } from '../../../contracts/http/agents.js';
import { auth } from '../../containers/auth.js';
import { processBase } from '../../containers/base.js';
import type { HttpRequest } from '../../http/request.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { signedIn } from './auth-bindings.js';
import { accountView, agentView } from './auth-views.js';

/**
 * Where the dashboard is: the request's Origin when it is allowed (the admin's own dashboard),
 * else the first allowed origin.
 */
function dashboardOrigin(request: HttpRequest): string {
  const allowed = processBase().config.allowedOrigins;
  const origin = request.headers.origin;
  return origin !== undefined && allowed.includes(origin) ? origin : (allowed[0] ?? '');
}

/** The `Agents` routes (docs/API.md), except teams (conversation-bindings.ts). */
export const teamBindings: RouteBinding<AgentApiCaller>[] = [
  bind(ListAgents, async ({ caller }) => {
    const agents = await auth().listAgents(signedIn(caller).accountId);
    return { items: agents.map(agentView) };
  }),

  bind(InviteAgent, async ({ body, caller, request }) => {
    const admin = signedIn(caller);
    const invitation = await auth().inviteAgent({ ...body, accountId: admin.accountId, invitedBy: admin.agentId });
    const acceptUrl = `${dashboardOrigin(request)}/#/accept-invitation?token=${encodeURIComponent(invitation.token)}`;
    return { ...invitation, acceptUrl };
  }),

  bind(UpdateAgent, async ({ body, params, caller }) => {
    const admin = signedIn(caller);
    const updated = await auth().updateAgent({ ...body, accountId: admin.accountId, actorId: admin.agentId, agentId: params.agentId });
    return agentView(updated);
  }),

  bind(SetAvailability, async ({ body, caller }) => {
    const agent = signedIn(caller);
    return agentView(await auth().setAgentAvailability(agent.accountId, agent.agentId, body.availability));
  }),

  bind(GetAccount, async ({ caller }) => accountView(await auth().getAccount(signedIn(caller).accountId))),

  bind(UpdateAccount, async ({ body, caller }) => accountView(await auth().updateAccount(signedIn(caller).accountId, body))),
];
