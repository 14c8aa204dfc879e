/**
 * The AI settings, costs, notifications and problems routes of agent-api — layer: runtime (thin
 * handlers: the router validated the input and checked the role; the account is the session's).
 */
import {
  ApproveProblemFix, DraftProblemFix, GetAiCosts, GetAiSettings, GetProblem, ListConversationCosts, ListNotifications, ListProblems,
  MarkNotificationRead, ResolveProblem, UpdateAiSettings,
} from '../../../contracts/http/ai.js';
import type { Notification } from '../../../domain/notifications.js';
import type { Problem } from '../../../domain/problems.js';
import { aiAdmin } from '../../containers/ai-admin.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { signedIn } from './auth-bindings.js';

/** What admins see of a problem: never its embedding, account or version. */
export function problemView(problem: Problem) {
  const { accountId: _a, embedding: _e, version: _v, ...view } = problem;
  return view;
}

/** What the dashboard sees of a notification. */
export function notificationView(notification: Notification) {
  const { accountId: _a, ...view } = notification;
  return view;
}

/** The `AI settings and costs`, `Notifications` and `Problems` routes (docs/API.md). */
export const aiBindings: RouteBinding<AgentApiCaller>[] = [
  bind(GetAiSettings, async ({ caller }) => ({ settings: await aiAdmin().getAiSettings(signedIn(caller).accountId) })),

  bind(UpdateAiSettings, async ({ caller, body }) => ({ settings: await aiAdmin().updateAiSettings(signedIn(caller).accountId, body) })),

  bind(GetAiCosts, async ({ caller, query }) => aiAdmin().getAiCosts(signedIn(caller).accountId, {
    ...(query.from !== undefined ? { from: query.from } : {}),
    ...(query.to !== undefined ? { to: query.to } : {}),
  })),

  bind(ListConversationCosts, async ({ caller, query }) => ({
    conversations: await aiAdmin().listConversationCosts(signedIn(caller).accountId, query.month),
  })),

  bind(ListNotifications, async ({ caller }) => {
    const { notifications, unread } = await aiAdmin().listNotifications(signedIn(caller).accountId);
    return { notifications: notifications.map(notificationView), unread };
  }),

  bind(MarkNotificationRead, async ({ caller, params }) => {
    await aiAdmin().markNotificationRead(signedIn(caller).accountId, params.notificationId);
    return undefined;
  }),

  bind(ListProblems, async ({ caller, query }) => ({
    problems: (await aiAdmin().listProblems(signedIn(caller).accountId, query.status)).map(problemView),
  })),

  bind(GetProblem, async ({ caller, params }) => ({ problem: problemView(await aiAdmin().getProblem(signedIn(caller).accountId, params.problemId)) })),

  bind(DraftProblemFix, async ({ caller, params }) => ({
    problem: problemView(await aiAdmin().requestProblemFixDraft(signedIn(caller).accountId, params.problemId)),
  })),

  bind(ApproveProblemFix, async ({ caller, params, body }) => {
    const { problem, sourceId } = await aiAdmin().approveProblemFix(signedIn(caller).accountId, params.problemId, body);
    return { problem: problemView(problem), sourceId };
  }),

  bind(ResolveProblem, async ({ caller, params, body }) => {
    const { problem, notified } = await aiAdmin().resolveProblem(signedIn(caller).accountId, params.problemId, body.message);
    return { problem: problemView(problem), notified };
  }),
];
