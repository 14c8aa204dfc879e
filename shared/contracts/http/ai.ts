/**
 * AI settings, costs, notifications and unresolved problems — layer: contracts (function
 * `agent-api`, prefix `/api/v1`, tags `AI settings and costs`, `Notifications`, `Problems`).
 * docs/API.md, docs/COSTS.md.
 *
 * Money is integer nano-US-dollars in storage and US dollars (`…Usd`, 6 decimals) here. The account
 * always comes from the session: another tenant's notification or problem answers 404.
 */
import * as z from 'zod/mini';
import { modelTiers } from '../../domain/entities.js';
import { notificationKinds } from '../../domain/notifications.js';
import { problemStatuses } from '../../domain/problems.js';
import { budgetStates } from '../../domain/budget.js';
import { defineRoute } from './route.js';

const settingsTag = 'AI settings and costs';
const notificationsTag = 'Notifications';
const problemsTag = 'Problems';
const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (26-character ULID)'));

const unit = (what: string) => z.number().check(z.minimum(0, `${what} must be between 0 and 1`), z.maximum(1, `${what} must be between 0 and 1`));
const weight = z.number().check(z.minimum(0, 'must be ≥ 0'), z.maximum(100, 'must be ≤ 100'));
const usd = z.number().check(z.gt(0, 'must be more than 0'), z.maximum(1_000_000, 'must be at most 1,000,000'));

/** The settings in force (defaults filled in). */
export const AiSettingsView = z.object({
  enabled: z.boolean(),
  maxTier: z.enum(['small', 'mid', 'premium']),
  fusionWeights: z.object({ semantic: z.number(), keyword: z.number() }),
  minScore: z.number(),
  minConfidence: z.number(),
  rerank: z.boolean(),
  monthlyBudgetUsd: z.number(),
  alertPercents: z.array(z.number()),
  hardCapUsd: z.number(),
});

/** `GET /api/v1/ai/settings` */
export const GetAiSettings = defineRoute({
  method: 'GET', path: '/api/v1/ai/settings', tag: settingsTag, auth: 'agent',
  summary: "The account's AI agent settings",
  description: 'Every setting, with the defaults for those an admin never changed.',
  response: { status: 200, description: 'The settings in force', schema: z.object({ settings: AiSettingsView }) },
});

/** `PUT /api/v1/ai/settings` */
export const UpdateAiSettings = defineRoute({
  method: 'PUT', path: '/api/v1/ai/settings', tag: settingsTag, auth: 'admin',
  summary: "Change the account's AI agent settings",
  description: 'A partial body: only the fields sent change. `fusionWeights` (semantic, keyword) must be ≥ 0 and not both 0; '
    + '`minScore` and `minConfidence` are 0–1; `monthlyBudgetUsd` > 0; `hardCapUsd` ≥ the budget (checked against the settings in force); '
    + '`alertPercents`: 1 to 5 percentages of the budget, each 1–100. `enabled: false` sends every new conversation to people.',
  maxBodyBytes: 4 * 1024,
  body: z.object({
    enabled: z.optional(z.boolean()),
    maxTier: z.optional(z.enum(modelTiers.filter((t) => t !== 'vision') as ['small', 'mid', 'premium'])),
    fusionWeights: z.optional(z.object({ semantic: weight, keyword: weight }).check(z.refine(
      (w) => w.semantic + w.keyword > 0, 'semantic and keyword must not both be 0',
    ))),
    minScore: z.optional(unit('minScore')),
    minConfidence: z.optional(unit('minConfidence')),
    rerank: z.optional(z.boolean()),
    monthlyBudgetUsd: z.optional(usd),
    alertPercents: z.optional(z.array(z.int().check(z.minimum(1, 'must be 1–100'), z.maximum(100, 'must be 1–100')))
      .check(z.minLength(1, 'at least 1 percentage'), z.maxLength(5, 'at most 5 percentages'))),
    hardCapUsd: z.optional(usd),
  }),
  response: { status: 200, description: 'The settings in force after the change', schema: z.object({ settings: AiSettingsView }) },
  errors: [403],
});

const day = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day YYYY-MM-DD'));
const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'));

/** `GET /api/v1/ai/costs` */
export const GetAiCosts = defineRoute({
  method: 'GET', path: '/api/v1/ai/costs', tag: settingsTag, auth: 'admin',
  summary: 'AI cost per day, and the month against the budget',
  description: 'Every day from `from` to `to` (UTC, inclusive, at most 92 days; default the last 30 days), zeros included; '
    + '`month` is the current UTC month with its budget state (`ok`, `over_budget`: only the small model answers, `exhausted`: the bot hands over).',
  query: z.object({ from: z.optional(day), to: z.optional(day) }),
  response: {
    status: 200, description: 'Cost per day and the month',
    schema: z.object({
      days: z.array(z.object({ day: z.string(), costUsd: z.number(), turns: z.number(), inputTokens: z.number(), outputTokens: z.number() })),
      month: z.object({ month: z.string(), spendUsd: z.number(), budgetUsd: z.number(), hardCapUsd: z.number(), state: z.enum(budgetStates) }),
    }),
  },
  errors: [403],
});

/** `GET /api/v1/ai/costs/conversations` */
export const ListConversationCosts = defineRoute({
  method: 'GET', path: '/api/v1/ai/costs/conversations', tag: settingsTag, auth: 'admin',
  summary: "A month's 50 most costly conversations",
  description: 'Ranked by AI cost in the month (UTC; default the current month).',
  query: z.object({ month: z.optional(month) }),
  response: {
    status: 200, description: 'The ranking',
    schema: z.object({ conversations: z.array(z.object({ conversationId: z.string(), contactName: z.optional(z.string()), costUsd: z.number(), turns: z.number() })) }),
  },
  errors: [403],
});

/** A notification as the dashboard shows it. */
export const NotificationView = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  link: z.optional(z.string()),
  createdAt: z.string(),
  readAt: z.optional(z.string()),
});

/** `GET /api/v1/notifications` */
export const ListNotifications = defineRoute({
  method: 'GET', path: '/api/v1/notifications', tag: notificationsTag, auth: 'agent',
  summary: "The account's newest notifications and the unread count",
  description: 'The 50 newest, newest first. New ones arrive live as `notification.created` on the `account` topic.',
  response: { status: 200, description: 'Notifications', schema: z.object({ notifications: z.array(NotificationView), unread: z.number() }) },
});

/** `POST /api/v1/notifications/{notificationId}/read` */
export const MarkNotificationRead = defineRoute({
  method: 'POST', path: '/api/v1/notifications/{notificationId}/read', tag: notificationsTag, auth: 'agent',
  summary: 'Mark a notification read',
  description: 'Marking it again changes nothing.',
  params: z.object({ notificationId: ulid }),
  response: { status: 204, description: 'Read' },
});

/** A problem as admins see it (never its embedding). */
export const ProblemView = z.object({
  id: z.string(),
  question: z.string(),
  status: z.enum(problemStatuses),
  affectedContacts: z.number(),
  occurrences: z.number(),
  samples: z.array(z.object({ conversationId: z.string(), contactId: z.string(), question: z.string(), at: z.string() })),
  draft: z.optional(z.object({ title: z.string(), content: z.string(), createdAt: z.string() })),
  sourceId: z.optional(z.string()),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.optional(z.string()),
});

const ProblemPath = z.object({ problemId: ulid });

/** `GET /api/v1/problems` */
export const ListProblems = defineRoute({
  method: 'GET', path: '/api/v1/problems', tag: problemsTag, auth: 'agent',
  summary: 'Questions the bot could not answer, ranked',
  description: 'Grouped by meaning (cosine similarity ≥ 0.85), ranked by distinct affected contacts, then occurrences. '
    + 'One status, or every status when `status` is absent (at most 100).',
  query: z.object({ status: z.optional(z.enum(problemStatuses)) }),
  response: { status: 200, description: 'The ranked problems', schema: z.object({ problems: z.array(ProblemView) }) },
});

/** `GET /api/v1/problems/{problemId}` */
export const GetProblem = defineRoute({
  method: 'GET', path: '/api/v1/problems/{problemId}', tag: problemsTag, auth: 'agent',
  summary: 'One problem with its samples and draft',
  params: ProblemPath,
  response: { status: 200, description: 'The problem', schema: z.object({ problem: ProblemView }) },
});

/** `POST /api/v1/problems/{problemId}/draft` */
export const DraftProblemFix = defineRoute({
  method: 'POST', path: '/api/v1/problems/{problemId}/draft', tag: problemsTag, auth: 'admin',
  summary: 'Ask the AI to draft a knowledge fix',
  description: 'Queued: the AI (mid tier) writes an FAQ entry from what agents replied in the sample conversations; the problem '
    + 'becomes `fix_drafted` and admins get a `problem_fix_drafted` notification. Without any agent reply nothing is drafted '
    + '(the notification says so). A resolved problem answers 409 `problem_state`.',
  params: ProblemPath,
  response: { status: 202, description: 'The draft is queued', schema: z.object({ problem: ProblemView }) },
  errors: [403, 409],
});

/** `POST /api/v1/problems/{problemId}/approve` */
export const ApproveProblemFix = defineRoute({
  method: 'POST', path: '/api/v1/problems/{problemId}/approve', tag: problemsTag, auth: 'admin',
  summary: 'Approve a fix into the knowledge base',
  description: 'The (edited) title and Markdown content become a public Markdown knowledge source, indexed like any other. '
    + 'Once per problem (then edit the source); a resolved problem answers 409 `problem_state`.',
  params: ProblemPath,
  maxBodyBytes: 128 * 1024,
  body: z.object({
    title: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200, 'at most 200 characters')),
    content: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100_000, 'at most 100,000 characters')),
  }),
  response: { status: 200, description: 'The problem and the new source', schema: z.object({ problem: ProblemView, sourceId: z.string() }) },
  errors: [403, 409],
});

/** `POST /api/v1/problems/{problemId}/resolve` */
export const ResolveProblem = defineRoute({
  method: 'POST', path: '/api/v1/problems/{problemId}/resolve', tag: problemsTag, auth: 'admin',
  summary: 'Resolve a problem and tell the customers',
  description: "Each affected contact gets a bot message (`message`, or a default one naming the question) on their most recent "
    + 'conversation, through its channel. `notified` counts them. Resolving twice answers 409 `problem_state`.',
  params: ProblemPath,
  maxBodyBytes: 8 * 1024,
  body: z.object({ message: z.optional(z.string().check(z.maxLength(2000, 'at most 2,000 characters'))) }),
  response: { status: 200, description: 'The resolved problem', schema: z.object({ problem: ProblemView, notified: z.number() }) },
  errors: [403, 409],
});

/** Every contract of this file, in the order of docs/API.md. */
export const agentAiContracts = [
  GetAiSettings, UpdateAiSettings, GetAiCosts, ListConversationCosts, ListNotifications, MarkNotificationRead,
  ListProblems, GetProblem, DraftProblemFix, ApproveProblemFix, ResolveProblem,
] as const;
