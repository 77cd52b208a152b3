/**
 * Who may read what. Every read route turns the signed-in user and the requested filters into a
 * scope here, so the rules live in one place: agents see their own work, team leads their team,
 * admins everything; asking for more is a 403, never a silently narrowed answer.
 */
import { type AuthUser } from '../auth';
import { type Database } from '../db/database';
import { forbidden, notFound } from '../http/errors';

export type Viewer = Pick<AuthUser, 'id' | 'role' | 'teamId'>;

export interface ReadScope {
  teamId: string | null;
  agentId: string | null;
}

/** The scope of a KPI-style read for `viewer` asking for `team`/`agent` (either may be absent). */
export async function resolveScope(db: Database, viewer: Viewer, requested: { team?: string | undefined; agent?: string | undefined }): Promise<ReadScope> {
  if (viewer.role === 'admin') {
    if (requested.agent && requested.team) await assertAgentInTeam(db, requested.agent, requested.team);
    return { teamId: requested.team ?? null, agentId: requested.agent ?? null };
  }
  if (requested.team && requested.team !== viewer.teamId) throw forbidden('you can only read your own team');
  if (viewer.role === 'agent') {
    if (requested.agent && requested.agent !== viewer.id) throw forbidden('agents can only read their own figures');
    return { teamId: viewer.teamId, agentId: viewer.id };
  }
  if (!viewer.teamId) throw forbidden('a team lead without a team has nothing to read');
  if (requested.agent) await assertAgentInTeam(db, requested.agent, viewer.teamId);
  return { teamId: viewer.teamId, agentId: requested.agent ?? null };
}

async function assertAgentInTeam(db: Database, agentId: string, teamId: string): Promise<void> {
  const agent = await db.kysely.selectFrom('users').select('team_id').where('id', '=', agentId).executeTakeFirst();
  if (!agent) throw notFound('no such agent');
  if (agent.team_id !== teamId) throw forbidden('that agent is not on this team');
}

/** Team leads and admins only (exclusions, team call lists). */
export function requireLeadOrAdmin(viewer: Viewer): void {
  if (viewer.role !== 'team_lead' && viewer.role !== 'admin') throw forbidden('team leads and admins only');
}
