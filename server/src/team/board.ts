/**
 * The live team board for a team lead: each agent's state and since when (from the presence
 * reports, stale ones reading as offline), who is available now, and the team's inbound calls
 * still waiting (queued, not answered, not ended, queued within the last `waitingWindowHours`,
 * so a call whose end was never reported does not wait forever).
 */
import { sql } from 'kysely';
import { type Database } from '../db/database';
import { type AgentPresence, availability, DEFAULT_STALE_AFTER_SECONDS } from '../reports/availability';
import { type AgentState } from '../db/schema';

export const WAITING_WINDOW_HOURS = 4;

export interface TeamBoard {
  at: string;
  teamId: string;
  teamName: string;
  counts: Record<AgentState, number>;
  agentsAvailable: number;
  agents: AgentPresence[];
  callsWaiting: number;
  longestWaitSeconds: number | null;
}

export async function teamBoard(db: Database, teamId: string, now = new Date()): Promise<TeamBoard | null> {
  const team = await db.kysely.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  if (!team) return null;
  const [presence] = await availability(db, { now, staleAfterSeconds: DEFAULT_STALE_AFTER_SECONDS, teamId });
  const waiting = await sql<{ n: number; oldest: Date | null }>`
    select count(*)::int as n, min(queued_at) as oldest from interactions
    where team_id = ${teamId}::uuid and channel = 'call' and direction = 'inbound'
      and queued_at is not null and answered_at is null and ended_at is null
      and queued_at <= ${now.toISOString()}::timestamptz
      and queued_at > ${now.toISOString()}::timestamptz - make_interval(hours => ${WAITING_WINDOW_HOURS})`.execute(db.kysely);
  const row = waiting.rows[0];
  const counts = presence?.counts ?? { offline: 0, available: 0, on_call: 0, wrap_up: 0, paused: 0 };
  return {
    at: now.toISOString(),
    teamId: team.id,
    teamName: team.name,
    counts,
    agentsAvailable: counts.available,
    agents: presence?.agents ?? [],
    callsWaiting: Number(row?.n ?? 0),
    longestWaitSeconds: row?.oldest ? Math.max(0, Math.round((now.getTime() - new Date(row.oldest).getTime()) / 1000)) : null,
  };
}
