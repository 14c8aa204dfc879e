/**
 * Teams — layer: services.
 */
import type { Team } from '../../domain/entities.js';
import type { ConversationDeps } from './deps.js';
import { NotFoundError } from './errors.js';

/** What agents see of a team. */
export type TeamView = Omit<Team, 'accountId' | 'createdAt'>;

function teamView(team: Team): TeamView {
  return { id: team.id, name: team.name, agentIds: team.agentIds };
}

/** Creates the use case behind `POST /api/v1/teams` (admins): every member must be an agent of the account. */
export function makeCreateTeam(deps: Pick<ConversationDeps, 'teams' | 'agents' | 'clock' | 'ids'>) {
  return async function createTeam(input: { readonly accountId: string; readonly name: string; readonly agentIds: readonly string[] }): Promise<TeamView> {
    const agentIds = [...new Set(input.agentIds)];
    const known = new Set((await deps.agents.list(input.accountId)).map((a) => a.id));
    if (agentIds.some((id) => !known.has(id))) throw new NotFoundError('agent');
    const team: Team = { accountId: input.accountId, id: deps.ids.next(), name: input.name, agentIds, createdAt: deps.clock.nowIso() };
    await deps.teams.create(team);
    return teamView(team);
  };
}

/** Creates the use case behind `GET /api/v1/teams`. */
export function makeListTeams(deps: Pick<ConversationDeps, 'teams'>) {
  return async function listTeams(input: { readonly accountId: string }): Promise<{ readonly items: readonly TeamView[] }> {
    const teams = await deps.teams.list(input.accountId);
    return { items: [...teams].sort((a, b) => a.name.localeCompare(b.name)).map(teamView) };
  };
}
