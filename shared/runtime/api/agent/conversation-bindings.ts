/**
 * The agents' inbox, conversation, contact and team routes — layer: runtime (thin handlers:
 * zod → one service → shape the response).
 *
 * The account and the agent always come from the session (`caller`), never from the request.
 */
import {
  AssignConversation, ChangeConversationStatus, CountConversations, CreateTeam, GetContact, GetConversation, ListContactConversations,
  ListConversationMessages, ListConversations, ListInboxes, ListTeams, MarkConversationRead, ReplyToConversation, SetConversationPriority,
} from '../../../contracts/http/conversations.js';
import { conversations } from '../../containers/conversations.js';
import { HttpError } from '../../http/http-error.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller, AgentCaller } from '../callers.js';

/** The signed-in agent of an `agent` or `admin` route (the authenticator guarantees it). */
function agentOf(caller: AgentApiCaller): AgentCaller {
  if (caller.kind !== 'agent') throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return caller;
}

/** Default page size of the lists (docs/API.md). */
const defaultLimit = 25;

function pageSize(limit: string | undefined): number {
  return limit === undefined ? defaultLimit : Number(limit);
}

/** Every route of docs/API.md "Inbox and conversations", plus the teams. */
export const conversationBindings: RouteBinding<AgentApiCaller>[] = [
  bind(ListInboxes, async ({ caller }) => conversations().listInboxes({ accountId: agentOf(caller).accountId })),

  bind(ListConversations, async ({ caller, query }) => {
    const agent = agentOf(caller);
    return conversations().listConversations({
      accountId: agent.accountId,
      agentId: agent.agentId,
      limit: pageSize(query.limit),
      ...(query.status ? { status: query.status } : {}),
      ...(query.assignee ? { assignee: query.assignee } : {}),
      ...(query.inboxId ? { inboxId: query.inboxId } : {}),
      ...(query.teamId ? { teamId: query.teamId } : {}),
      ...(query.handledBy ? { handledBy: query.handledBy } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  }),

  bind(CountConversations, async ({ caller }) => {
    const agent = agentOf(caller);
    return conversations().countConversations({ accountId: agent.accountId, agentId: agent.agentId });
  }),

  bind(GetConversation, async ({ caller, params }) =>
    conversations().getConversation({ accountId: agentOf(caller).accountId, conversationId: params.conversationId })),

  bind(ListConversationMessages, async ({ caller, params, query }) =>
    conversations().listMessages({
      accountId: agentOf(caller).accountId,
      conversationId: params.conversationId,
      audience: 'agent',
      limit: pageSize(query.limit),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.afterSeq !== undefined ? { afterSeq: Number(query.afterSeq) } : {}),
    })),

  bind(ReplyToConversation, async ({ caller, params, body }) => {
    const agent = agentOf(caller);
    const { accountId: _accountId, ...message } = await conversations().replyToConversation({
      accountId: agent.accountId,
      conversationId: params.conversationId,
      authorId: agent.agentId,
      body: body.body,
      ...(body.private !== undefined ? { private: body.private } : {}),
      ...(body.clientMessageId ? { clientMessageId: body.clientMessageId } : {}),
      ...(body.template ? { template: body.template } : {}),
    });
    return message;
  }),

  bind(AssignConversation, async ({ caller, params, body }) => {
    const agent = agentOf(caller);
    return conversations().assignConversation({
      accountId: agent.accountId,
      conversationId: params.conversationId,
      actorId: agent.agentId,
      assigneeId: body.assigneeId,
      ...(body.teamId !== undefined ? { teamId: body.teamId } : {}),
    });
  }),

  bind(ChangeConversationStatus, async ({ caller, params, body }) =>
    conversations().changeConversationStatus({
      accountId: agentOf(caller).accountId,
      conversationId: params.conversationId,
      status: body.status,
      ...('snoozedUntil' in body ? { snoozedUntil: body.snoozedUntil } : {}),
    })),

  bind(SetConversationPriority, async ({ caller, params, body }) =>
    conversations().setPriority({ accountId: agentOf(caller).accountId, conversationId: params.conversationId, priority: body.priority })),

  bind(MarkConversationRead, async ({ caller, params }) => {
    await conversations().markConversationRead({ accountId: agentOf(caller).accountId, conversationId: params.conversationId, reader: 'agent' });
    return undefined;
  }),

  bind(GetContact, async ({ caller, params }) =>
    conversations().getContact({ accountId: agentOf(caller).accountId, contactId: params.contactId })),

  bind(ListContactConversations, async ({ caller, params, query }) =>
    conversations().listContactConversations({
      accountId: agentOf(caller).accountId,
      contactId: params.contactId,
      limit: pageSize(query.limit),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    })),

  bind(ListTeams, async ({ caller }) => conversations().listTeams({ accountId: agentOf(caller).accountId })),

  bind(CreateTeam, async ({ caller, body }) =>
    conversations().createTeam({ accountId: agentOf(caller).accountId, name: body.name.trim(), agentIds: body.agentIds })),
];
