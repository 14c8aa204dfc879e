/**
 * Auth routes of agent-api — layer: runtime (thin handlers: zod → one service → shape).
 *
 * Answers that open a session set the cookie and never put the token in the body; the client IP
 * for the brute-force limits is API Gateway's `sourceIp`, never a header.
 */
import {
  AcceptInvitation, DisableMfa, EnableMfa, IssueRealtimeTicket, LogIn, LogOut, Me, SetUpMfa, SignUp, VerifyMfa,
} from '../../../contracts/http/auth.js';
import { UnauthenticatedError } from '../../../services/auth/errors.js';
import type { IssuedSession } from '../../../services/auth/session-policy.js';
import { sessionExpiresAt } from '../../../services/auth/session-policy.js';
import { auth } from '../../containers/auth.js';
import { processBase } from '../../containers/base.js';
import { connectTickets } from '../../containers/realtime.js';
import { repositories as allRepositories } from '../../containers/repositories.js';
import { badRequest } from '../../http/http-error.js';
import type { HttpRequest } from '../../http/request.js';
import { reply } from '../../http/responses.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller, AgentCaller } from '../callers.js';
import { realtimeUrl } from '../realtime-url.js';
import { accountView, selfView } from './auth-views.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';

/** The signed-in caller of an `agent` route (the authenticator guarantees it). */
export function signedIn(caller: AgentApiCaller): AgentCaller {
  if (caller.kind !== 'agent') throw new UnauthenticatedError();
  return caller;
}

function cookieFor(request: HttpRequest, issued: IssuedSession): string {
  return sessionCookie(request, issued.token, issued.session.expiresAt, processBase().clock.nowMs());
}

/** The `Auth` routes (docs/API.md). */
export const authBindings: RouteBinding<AgentApiCaller>[] = [
  bind(SignUp, async ({ body, request }) => {
    const result = await auth().signUp(body);
    return reply({ account: accountView(result.account), agent: selfView(result.agent) }, { status: 201, cookies: [cookieFor(request, result)] });
  }),

  bind(LogIn, async ({ body, request }) => {
    const result = await auth().logIn({ ...body, ip: request.sourceIp });
    if (result.status === 'mfa_required') return { status: result.status, mfaToken: result.mfaToken, expiresAt: result.expiresAt };
    return reply(
      { status: result.status, agent: selfView(result.agent), account: accountView(result.account) },
      { cookies: [cookieFor(request, result)] },
    );
  }),

  bind(VerifyMfa, async ({ body, request }) => {
    const result = await auth().verifyMfa(body);
    return reply({ status: 'signed_in', agent: selfView(result.agent), account: accountView(result.account) }, { cookies: [cookieFor(request, result)] });
  }),

  bind(SetUpMfa, async ({ caller }) => {
    const agent = signedIn(caller);
    return auth().setUpMfa({ accountId: agent.accountId, agentId: agent.agentId, sessionTokenHash: agent.sessionTokenHash });
  }),

  bind(EnableMfa, async ({ body, caller, request }) => {
    const agent = signedIn(caller);
    const result = await auth().enableMfa({ accountId: agent.accountId, agentId: agent.agentId, sessionTokenHash: agent.sessionTokenHash }, body.code);
    return reply({ recoveryCodes: result.recoveryCodes }, { cookies: [cookieFor(request, result)] });
  }),

  bind(DisableMfa, async ({ body, caller }) => {
    const agent = signedIn(caller);
    await auth().disableMfa({ accountId: agent.accountId, agentId: agent.agentId, sessionTokenHash: agent.sessionTokenHash }, body.code);
    return undefined;
  }),

  bind(LogOut, async ({ caller, request }) => {
    const agent = signedIn(caller);
    await auth().logOut({ accountId: agent.accountId, agentId: agent.agentId, sessionTokenHash: agent.sessionTokenHash });
    return reply(undefined, { status: 204, cookies: [clearedSessionCookie(request)] });
  }),

  bind(Me, async ({ caller }) => {
    const signedInAgent = signedIn(caller);
    const repositories = allRepositories();
    const [agent, account, session] = await Promise.all([
      repositories.agents.get(signedInAgent.accountId, signedInAgent.agentId),
      auth().getAccount(signedInAgent.accountId),
      repositories.sessions.get(signedInAgent.accountId, signedInAgent.sessionTokenHash),
    ]);
    if (!agent || !session) throw new UnauthenticatedError();
    return {
      agent: selfView(agent),
      account: accountView(account),
      mfaEnabled: agent.mfa?.enabled === true,
      mfaEnrolmentRequired: signedInAgent.mfaLimited,
      sessionExpiresAt: sessionExpiresAt(session),
    };
  }),

  bind(AcceptInvitation, async ({ body, request }) => {
    const result = await auth().acceptInvitation(body);
    return reply({ agent: selfView(result.agent), account: accountView(result.account) }, { status: 201, cookies: [cookieFor(request, result)] });
  }),

  bind(IssueRealtimeTicket, async ({ caller, request }) => {
    const agent = signedIn(caller);
    const origin = request.headers.origin;
    if (!origin) throw badRequest('origin_required', 'send the Origin header of the page that will open the WebSocket');
    const ticket = await connectTickets().issueConnectTicket({ accountId: agent.accountId, principal: { kind: 'agent', agentId: agent.agentId }, origin });
    return { ...ticket, url: realtimeUrl(processBase().config) };
  }),
];
