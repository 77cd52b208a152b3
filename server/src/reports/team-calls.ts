/**
 * The team lead's view of their team's interactions: a filtered, keyset-paged list, and the review
 * of one interaction (wrap-up, script answers, complaint, re-tag audit trail, customer timeline).
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { emotionSchema } from '@contract';
import { type AuthUser } from '../auth';
import { type Database } from '../db/database';
import { badRequest, forbidden, notFound } from '../http/errors';
import { outcomeOf, type Outcome } from '../db/outcome';

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');
const isoParam = z.string().datetime({ offset: true });

export const teamCallsQuerySchema = z.object({
  team: z.uuid().optional(),
  agent: z.uuid().optional(),
  from: isoParam.optional(),
  to: isoParam.optional(),
  disposition: z.string().min(1).max(64).optional(),
  emotion: emotionSchema.optional(),
  complaintType: z.string().min(1).max(64).optional(),
  fcr: booleanParam.optional(),
  transferred: booleanParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
export type TeamCallsQuery = z.infer<typeof teamCallsQuerySchema>;

export interface TeamCallRow extends Outcome {
  id: string;
  agentId: string;
  agentName: string;
  customerId: string | null;
  customerName: string | null;
  channel: string;
  direction: string;
  startedAt: string;
  waitSeconds: number | null;
  handleSeconds: number | null;
  transferred: boolean;
  retagCount: number;
}

/** The cursor is the last row's (start time, id): stable under inserts, no OFFSET scans. */
function encodeCursor(startedAt: string, id: string): string {
  return Buffer.from(`${startedAt}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { startedAt: string; id: string } {
  const [startedAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!startedAt || !id || Number.isNaN(Date.parse(startedAt)) || !/^[0-9a-f-]{36}$/i.test(id)) throw badRequest('invalid_cursor', 'The cursor is not one this server gave out');
  return { startedAt, id };
}

/** Which team the viewer may list: a lead only their own (403 for another), an admin any or all. */
export function teamForViewer(viewer: Pick<AuthUser, 'role' | 'teamId'>, requested: string | undefined): string | null {
  if (viewer.role === 'admin') return requested ?? null;
  if (viewer.role !== 'team_lead' || !viewer.teamId) throw forbidden('team leads and admins only');
  if (requested && requested !== viewer.teamId) throw forbidden('you can only review your own team');
  return viewer.teamId;
}

export async function listTeamCalls(db: Database, teamId: string | null, query: TeamCallsQuery): Promise<{ items: TeamCallRow[]; nextCursor: string | null }> {
  const started = sql`coalesce(i.queued_at, i.answered_at, i.created_at)`;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const conditions = [
    teamId ? sql`i.team_id = ${teamId}::uuid` : null,
    query.agent ? sql`i.agent_id = ${query.agent}::uuid` : null,
    query.from ? sql`${started} >= ${query.from}::timestamptz` : null,
    query.to ? sql`${started} < ${query.to}::timestamptz` : null,
    query.disposition ? sql`i.disposition = ${query.disposition}` : null,
    query.emotion ? sql`(i.emotion_start = ${query.emotion} or i.emotion_end = ${query.emotion})` : null,
    query.complaintType ? sql`i.complaint_type_id = ${query.complaintType}` : null,
    query.fcr !== undefined ? sql`i.first_contact_resolution = ${query.fcr}` : null,
    query.transferred !== undefined
      ? (query.transferred ? sql`(i.transfer_target is not null or i.transferred_from is not null)` : sql`(i.transfer_target is null and i.transferred_from is null)`)
      : null,
    after ? sql`(${started}, i.id) < (${after.startedAt}::timestamptz, ${after.id}::uuid)` : null,
  ].filter((condition) => condition !== null);

  const rows = await sql<{
    id: string; agent_id: string; agent_name: string; customer_id: string | null; customer_name: string | null; channel: string; direction: string;
    started_at: Date; wait: number | null; handle: number | null; disposition: string | null; emotion_start: string | null;
    emotion_start_intensity: number | null; emotion_end: string | null; emotion_end_intensity: number | null; complaint_type_id: string | null;
    first_contact_resolution: boolean | null; transferred: boolean; retags: number;
  }>`
    select i.id, i.agent_id, u.display_name as agent_name, i.customer_id, c.display_name as customer_name, i.channel, i.direction,
      ${started} as started_at,
      extract(epoch from (i.answered_at - i.queued_at))::float8 as wait,
      extract(epoch from (i.ended_at - i.answered_at))::float8 as handle,
      i.disposition, i.emotion_start, i.emotion_start_intensity, i.emotion_end, i.emotion_end_intensity, i.complaint_type_id,
      i.first_contact_resolution, (i.transfer_target is not null or i.transferred_from is not null) as transferred,
      (select count(*) from outcome_retags r where r.interaction_id = i.id)::int as retags
    from interactions i
    join users u on u.id = i.agent_id
    left join customers c on c.id = i.customer_id
    ${conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
    order by ${started} desc, i.id desc
    limit ${query.limit + 1}`.execute(db.kysely);

  const page = rows.rows.slice(0, query.limit);
  const items = page.map((row): TeamCallRow => ({
    id: row.id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    channel: row.channel,
    direction: row.direction,
    startedAt: new Date(row.started_at).toISOString(),
    waitSeconds: row.wait === null ? null : Number(row.wait),
    handleSeconds: row.handle === null ? null : Number(row.handle),
    ...outcomeOf(row),
    transferred: row.transferred,
    retagCount: Number(row.retags),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.rows.length > query.limit && last ? encodeCursor(last.startedAt, last.id) : null };
}

/**
 * One interaction for review. Allowed: admins, a team lead of the interaction's team, and the agent
 * who handled it (so agents see how and why their calls were re-tagged). Everyone else: 403.
 */
export async function reviewInteraction(db: Database, viewer: Pick<AuthUser, 'id' | 'role' | 'teamId'>, id: string) {
  const row = await db.kysely.selectFrom('interactions as i')
    .innerJoin('users as u', 'u.id', 'i.agent_id')
    .leftJoin('customers as c', 'c.id', 'i.customer_id')
    .selectAll('i').select(['u.display_name as agent_name', 'c.display_name as customer_name'])
    .where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('No such interaction');
  const allowed = viewer.role === 'admin'
    || (viewer.role === 'team_lead' && row.team_id !== null && row.team_id === viewer.teamId)
    || row.agent_id === viewer.id;
  if (!allowed) throw forbidden('Only a team lead of this team (or the agent who handled it) may review this interaction');

  const retags = await db.kysely.selectFrom('outcome_retags as r').innerJoin('users as u', 'u.id', 'r.retagged_by')
    .select(['r.id', 'r.retagged_by', 'u.display_name', 'r.retagged_at', 'r.old', 'r.new', 'r.reason'])
    .where('r.interaction_id', '=', id).orderBy('r.retagged_at').orderBy('r.id').execute();
  const complaint = row.complaint_id
    ? await db.kysely.selectFrom('complaints').select(['id', 'type_id', 'status', 'opened_at', 'sla_due_at', 'resolved_at', 'description'])
      .where('id', '=', row.complaint_id).executeTakeFirst()
    : undefined;
  const started = row.queued_at ?? row.answered_at ?? row.created_at;
  // The customer's timeline around this interaction: up to five before and five after.
  const timeline = row.customer_id ? await sql<{ id: string; channel: string; started_at: Date; agent_name: string; disposition: string | null; emotion_end: string | null; complaint_type_id: string | null }>`
    (select i.id, i.channel, coalesce(i.queued_at, i.answered_at, i.created_at) as started_at, u.display_name as agent_name, i.disposition, i.emotion_end, i.complaint_type_id
       from interactions i join users u on u.id = i.agent_id
      where i.customer_id = ${row.customer_id}::uuid and i.id <> ${id}::uuid and coalesce(i.queued_at, i.answered_at, i.created_at) <= ${new Date(started).toISOString()}::timestamptz
      order by 3 desc limit 5)
    union all
    (select i.id, i.channel, coalesce(i.queued_at, i.answered_at, i.created_at), u.display_name, i.disposition, i.emotion_end, i.complaint_type_id
       from interactions i join users u on u.id = i.agent_id
      where i.customer_id = ${row.customer_id}::uuid and i.id <> ${id}::uuid and coalesce(i.queued_at, i.answered_at, i.created_at) > ${new Date(started).toISOString()}::timestamptz
      order by 3 asc limit 5)
    order by 3 desc`.execute(db.kysely) : { rows: [] };

  const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);
  return {
    id: row.id,
    agent: { id: row.agent_id, displayName: row.agent_name },
    teamId: row.team_id,
    customer: row.customer_id ? { id: row.customer_id, displayName: row.customer_name } : null,
    channel: row.channel,
    direction: row.direction,
    queue: row.queue,
    remoteNumber: row.remote_number,
    queuedAt: iso(row.queued_at),
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at),
    wrappedUpAt: iso(row.wrapped_up_at),
    holdSeconds: row.hold_seconds,
    transferTarget: row.transfer_target,
    transferredFrom: row.transferred_from,
    outcome: outcomeOf(row),
    notes: row.notes,
    script: row.script_id ? { id: row.script_id, version: row.script_version, answers: row.script_answers ?? {} } : null,
    surveys: { csat: row.csat, nps: row.nps, ces: row.ces },
    complaint: complaint ? {
      id: complaint.id, typeId: complaint.type_id, status: complaint.status, description: complaint.description,
      openedAt: iso(complaint.opened_at), slaDueAt: iso(complaint.sla_due_at), resolvedAt: iso(complaint.resolved_at),
    } : null,
    retags: retags.map((r) => ({
      id: r.id, by: { id: r.retagged_by, displayName: r.display_name }, at: iso(r.retagged_at), old: r.old, new: r.new, reason: r.reason,
    })),
    timeline: timeline.rows.map((t) => ({
      id: t.id, channel: t.channel, startedAt: iso(t.started_at), agentName: t.agent_name, disposition: t.disposition,
      emotionEnd: t.emotion_end, complaintTypeId: t.complaint_type_id,
    })),
  };
}
