/**
 * The hand-off route of agent-api — layer: runtime (thin handler: the router validated the input;
 * the account and the agent are the session's).
 */
import { ChangeHandoff } from '../../../contracts/http/handoff.js';
import { conversationView } from '../../../domain/conversation-rules.js';
import { handoffActions } from '../../containers/handoff.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { signedIn } from './auth-bindings.js';

/** docs/API.md "Hand-off". */
export const handoffBindings: RouteBinding<AgentApiCaller>[] = [
  bind(ChangeHandoff, async ({ caller, params, body }) => {
    const agent = signedIn(caller);
    const conversation = await handoffActions().changeHandoff({ accountId: agent.accountId, agentId: agent.agentId, conversationId: params.conversationId, to: body.to });
    return { conversation: conversationView(conversation) };
  }),
];
