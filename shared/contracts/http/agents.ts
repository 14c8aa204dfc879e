/**
 * The team routes of the agents' API — layer: contracts (function `agent-api`, prefix
 * `/api/v1`, tag `Agents`). docs/API.md "Team" (teams themselves: conversations.ts).
 *
 * The account always comes from the session; an agent id of another tenant answers 404.
 */
import * as z from 'zod/mini';
import { defineRoute } from './route.js';

const tag = 'Agents';
const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (26-character ULID)'));

/** A valid sign-in email (trimmed; at most 254 characters). */
export const Email = z.string().check(z.trim(), z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'));
/** A person's display name. */
export const PersonName = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(120));
export const roles = ['admin', 'agent'] as const;
export const availabilities = ['online', 'away'] as const;

/** What the team sees of an agent. */
export const AgentView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  disabled: z.boolean(),
  mfaEnabled: z.boolean(),
  availability: z.enum(availabilities),
  /** Has at least one open WebSocket. */
  online: z.boolean(),
});

/** The account's settings. */
export const AccountView = z.object({
  id: z.string(),
  name: z.string(),
  mfaRequired: z.boolean(),
  autoAssign: z.boolean(),
  agentCapacity: z.number(),
});

export const ListAgents = defineRoute({
  method: 'GET', path: '/api/v1/agents', tag, auth: 'agent',
  summary: "List the account's agents",
  description: '`online`: the agent has an open WebSocket. Auto-assignment picks only agents that are `online` by availability and by connection.',
  response: { status: 200, description: "The account's agents", schema: z.object({ items: z.array(AgentView) }) },
});

export const InviteAgent = defineRoute({
  method: 'POST', path: '/api/v1/agents/invitations', tag, auth: 'admin',
  summary: 'Invite a person to join as an agent',
  description: 'The token is valid for 7 days and for one use; it is shown only in this answer.',
  body: z.object({ email: Email, name: PersonName, role: z.enum(roles) }),
  response: {
    status: 201, description: 'The invitation',
    schema: z.object({ invitationId: z.string(), token: z.string(), acceptUrl: z.string(), expiresAt: z.string() }),
  },
  errors: [403, 409],
});

export const UpdateAgent = defineRoute({
  method: 'PATCH', path: '/api/v1/agents/{agentId}', tag, auth: 'admin',
  summary: "Change an agent's role or disable it",
  description: "Disabling deletes the agent's sessions and closes its WebSockets. An admin cannot demote or disable themself.",
  params: z.object({ agentId: ulid }),
  body: z.object({ role: z.optional(z.enum(roles)), disabled: z.optional(z.boolean()) }),
  response: { status: 200, description: 'The agent', schema: AgentView },
  errors: [403, 409],
});

export const SetAvailability = defineRoute({
  method: 'PUT', path: '/api/v1/agents/me/availability', tag, auth: 'agent',
  summary: 'Set your availability for new conversations',
  body: z.object({ availability: z.enum(availabilities) }),
  response: { status: 200, description: 'You', schema: AgentView },
});

export const GetAccount = defineRoute({
  method: 'GET', path: '/api/v1/account', tag, auth: 'agent',
  summary: "The account's settings",
  response: { status: 200, description: 'The account', schema: AccountView },
});

export const UpdateAccount = defineRoute({
  method: 'PATCH', path: '/api/v1/account', tag, auth: 'admin',
  summary: "Change the account's settings",
  body: z.object({
    name: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(120))),
    mfaRequired: z.optional(z.boolean()),
    autoAssign: z.optional(z.boolean()),
    agentCapacity: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  }),
  response: { status: 200, description: 'The account', schema: AccountView },
  errors: [403],
});

/** Every team contract, in the order of docs/API.md. */
export const agentTeamContracts = [ListAgents, InviteAgent, UpdateAgent, SetAvailability, GetAccount, UpdateAccount] as const;
