/**
 * Agent presence and availability. Clients report their state with POST /api/presence on every
 * change and as a heartbeat (every 60 s); a state not refreshed within `staleAfterSeconds` reads as
 * offline, so a crashed client never shows a phantom available agent to campaign planners.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { type AgentState } from '../db/schema';
import { type Database } from '../db/database';
import { badRequest } from '../http/errors';

export const AGENT_STATES = ['offline', 'available', 'on_call', 'wrap_up', 'paused'] as const satisfies readonly AgentState[];
export const DEFAULT_STALE_AFTER_SECONDS = 180;

export const presenceBodySchema = z.object({
  state: z.enum(AGENT_STATES),
  pauseCode: z.string().min(1).max(64).nullable().optional(),
}).strict();
export type PresenceBody = z.infer<typeof presenceBodySchema>;

export interface AgentPresence {
  agentId: string;
  displayName: string;
  role: 'agent' | 'team_lead';
  state: AgentState;
  pauseCode: string | null;
  since: string | null;
  secondsInState: number | null;
  stale: boolean;
  /** The pause code's limit (maxMinutes) while paused, else null. */
  pauseMaxMinutes: number | null;
  /** Paused longer than the pause code allows: the board flags it. */
  pauseOverrun: boolean;
}

export interface TeamAvailability {
  teamId: string;
  name: string;
  counts: Record<AgentState, number>;
  agents: AgentPresence[];
}

/** Records the caller's own state; `since` moves only when the state (or pause code) changes. */
export async function reportPresence(db: Database, userId: string, body: PresenceBody, now = new Date()): Promise<AgentPresence> {
  const pauseCode = body.state === 'paused' ? (body.pauseCode ?? null) : null;
  if (body.state === 'paused') {
    if (!pauseCode) throw badRequest('pause_code_required', 'Say why you are paused (pauseCode)');
    const known = await db.kysely.selectFrom('pause_codes').select('code').where('code', '=', pauseCode).where('active', '=', true).executeTakeFirst();
    if (!known) throw badRequest('unknown_pause_code', `Unknown pause code "${pauseCode}"`);
  } else if (body.pauseCode) {
    throw badRequest('invalid_request', 'A pause code goes only with the paused state');
  }
  const at = now.toISOString();
  await sql`
    insert into agent_status (user_id, state, pause_code, since, updated_at)
    values (${userId}::uuid, ${body.state}, ${pauseCode}, ${at}::timestamptz, ${at}::timestamptz)
    on conflict (user_id) do update set
      since = case when agent_status.state is distinct from excluded.state or agent_status.pause_code is distinct from excluded.pause_code
                   then excluded.since else agent_status.since end,
      state = excluded.state, pause_code = excluded.pause_code, updated_at = excluded.updated_at`.execute(db.kysely);
  const [team] = await availability(db, { now, staleAfterSeconds: DEFAULT_STALE_AFTER_SECONDS, userId });
  const mine = team?.agents.find((agent) => agent.agentId === userId);
  if (!mine) throw new Error('presence was recorded but cannot be read back');
  return mine;
}

export async function availability(
  db: Database, options: { now?: Date; staleAfterSeconds: number; teamId?: string | undefined; userId?: string },
): Promise<TeamAvailability[]> {
  const now = options.now ?? new Date();
  let query = db.kysely.selectFrom('users as u')
    .innerJoin('teams as t', 't.id', 'u.team_id')
    .leftJoin('agent_status as s', 's.user_id', 'u.id')
    .leftJoin('pause_codes as pc', 'pc.code', 's.pause_code')
    .select(['t.id as team_id', 't.name as team_name', 'u.id as user_id', 'u.display_name', 'u.role', 's.state', 's.pause_code', 's.since', 's.updated_at', 'pc.max_minutes'])
    .where('u.role', 'in', ['agent', 'team_lead'])
    .where('u.disabled_at', 'is', null)
    .orderBy('t.name').orderBy('u.display_name');
  if (options.teamId) query = query.where('u.team_id', '=', options.teamId);
  if (options.userId) query = query.where('u.id', '=', options.userId);
  const rows = await query.execute();

  const teams = new Map<string, TeamAvailability>();
  for (const row of rows) {
    let team = teams.get(row.team_id);
    if (!team) {
      team = { teamId: row.team_id, name: row.team_name, counts: { offline: 0, available: 0, on_call: 0, wrap_up: 0, paused: 0 }, agents: [] };
      teams.set(row.team_id, team);
    }
    const updatedAt = row.updated_at ? new Date(row.updated_at).getTime() : null;
    const stale = updatedAt === null || now.getTime() - updatedAt > options.staleAfterSeconds * 1000;
    const state: AgentState = stale || !row.state ? 'offline' : row.state;
    const since = row.since && !stale ? new Date(row.since) : null;
    const secondsInState = since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : null;
    const pauseMaxMinutes = state === 'paused' ? (row.max_minutes ?? null) : null;
    team.counts[state]++;
    team.agents.push({
      agentId: row.user_id,
      displayName: row.display_name,
      role: row.role === 'team_lead' ? 'team_lead' : 'agent',
      state,
      pauseCode: state === 'paused' ? row.pause_code : null,
      since: since ? since.toISOString() : null,
      secondsInState,
      stale: row.state !== null && row.state !== 'offline' && stale,
      pauseMaxMinutes,
      pauseOverrun: pauseMaxMinutes !== null && secondsInState !== null && secondsInState > pauseMaxMinutes * 60,
    });
  }
  return [...teams.values()];
}
