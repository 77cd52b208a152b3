/**
 * The team's work queue, ordered by priority score (highest first) then due time, each item with
 * the score's explanation. Inputs are gathered per customer in SQL; the score itself is computed by
 * `priorityScore` so there is exactly one implementation of the formula.
 */
import { sql } from 'kysely';
import { type Emotion, emotionSchema, type LoyaltyLevel, type QueueItemKind } from '@contract';
import { type Database } from '../db/database';
import { PRIORITY_CAPS, type PriorityScore, type PriorityWeights, parsePriorityWeights, priorityScore } from './priority';

export interface QueueItemView {
  id: string;
  kind: QueueItemKind;
  state: 'open' | 'claimed' | 'done' | 'cancelled';
  teamId: string;
  customerId: string;
  customerName: string;
  complaintId: string | null;
  complaintTypeId: string | null;
  assigneeId: string | null;
  dueAt: string;
  overdue: boolean;
  note: string;
  createdAt: string;
  priority: PriorityScore;
}

export interface QueueQuery {
  teamId: string;
  states: readonly ('open' | 'claimed' | 'done' | 'cancelled')[];
  kind?: QueueItemKind | undefined;
  limit: number;
  offset: number;
  now?: Date;
}

/** Weights: defaults, then PRIORITY_WEIGHTS in the environment, then app_settings "priority_weights". */
export async function loadPriorityWeights(db: Database, env: NodeJS.ProcessEnv = process.env): Promise<PriorityWeights> {
  const base = parsePriorityWeights(env.PRIORITY_WEIGHTS);
  const stored = await db.kysely.selectFrom('app_settings').select('value').where('key', '=', 'priority_weights').executeTakeFirst();
  if (!stored) return base;
  // Validate the stored object, then let only the factors it names override the environment's.
  const parsed = parsePriorityWeights(JSON.stringify(stored.value));
  const named = Object.keys(stored.value as object) as (keyof PriorityWeights)[];
  return { ...base, ...Object.fromEntries(named.map((key) => [key, parsed[key]])) };
}

interface ItemRow {
  id: string;
  kind: QueueItemKind;
  state: QueueItemView['state'];
  team_id: string;
  customer_id: string;
  display_name: string;
  complaint_id: string | null;
  complaint_type_id: string | null;
  assignee_id: string | null;
  due_at: Date;
  note: string;
  created_at: Date;
  loyalty_level: LoyaltyLevel;
  clv: string;
  influencer: boolean;
  influencer_reach: number;
  open_complaints: number;
  overdue_hours: number | null;
  latest_nps: number | null;
  emotion: string | null;
  intensity: number | null;
}

export async function listQueueItems(db: Database, query: QueueQuery, weights: PriorityWeights): Promise<{ items: QueueItemView[]; total: number }> {
  const now = (query.now ?? new Date()).toISOString();
  const rows = await sql<ItemRow>`
    select q.id, q.kind, q.state, q.team_id, q.customer_id, c.display_name, q.complaint_id, qc.type_id as complaint_type_id,
      q.assignee_id, q.due_at, q.note, q.created_at, c.loyalty_level, c.clv, c.influencer, c.influencer_reach,
      coalesce(oc.n, 0)::int as open_complaints, oc.overdue_hours::float8 as overdue_hours, nps.score::int as latest_nps,
      li.emotion_end as emotion, li.emotion_end_intensity::int as intensity
    from queue_items q
    join customers c on c.id = q.customer_id
    left join complaints qc on qc.id = q.complaint_id
    left join lateral (
      select count(*) as n,
        max(extract(epoch from (${now}::timestamptz - sla_due_at)) / 3600) filter (where sla_due_at < ${now}::timestamptz) as overdue_hours
      from complaints where customer_id = q.customer_id and status <> 'resolved'
    ) oc on true
    left join lateral (
      select score from (
        select score, responded_at as at from survey_responses where customer_id = q.customer_id and kind = 'nps'
        union all
        select nps, coalesce(ended_at, created_at) from interactions where customer_id = q.customer_id and nps is not null
      ) answers order by at desc limit 1
    ) nps on true
    left join lateral (
      select i.id, i.emotion_end, i.emotion_end_intensity from interactions i
      where i.customer_id = q.customer_id and i.emotion_end is not null
        and coalesce(i.ended_at, i.queued_at, i.created_at) >= ${now}::timestamptz - make_interval(days => ${PRIORITY_CAPS.recentEmotionDays})
        and coalesce(i.ended_at, i.queued_at, i.created_at) <= ${now}::timestamptz
      order by coalesce(i.ended_at, i.queued_at, i.created_at) desc limit 1
    ) li on true
    where q.team_id = ${query.teamId}::uuid
      and q.state in (${sql.join(query.states.map((state) => sql`${state}`))})
      ${query.kind ? sql`and q.kind = ${query.kind}` : sql``}`.execute(db.kysely);

  const nowMs = new Date(now).getTime();
  const scored = rows.rows.map((row): QueueItemView => {
    const emotion = emotionSchema.safeParse(row.emotion);
    const recentEmotion: { emotion: Emotion; intensity: number } | null = emotion.success && row.intensity !== null
      ? { emotion: emotion.data, intensity: Number(row.intensity) } : null;
    return {
      id: row.id,
      kind: row.kind,
      state: row.state,
      teamId: row.team_id,
      customerId: row.customer_id,
      customerName: row.display_name,
      complaintId: row.complaint_id,
      complaintTypeId: row.complaint_type_id,
      assigneeId: row.assignee_id,
      dueAt: new Date(row.due_at).toISOString(),
      overdue: new Date(row.due_at).getTime() < nowMs,
      note: row.note,
      createdAt: new Date(row.created_at).toISOString(),
      priority: priorityScore({
        loyaltyLevel: row.loyalty_level,
        lifetimeValue: Number(row.clv),
        latestNps: row.latest_nps === null ? null : Number(row.latest_nps),
        influencer: row.influencer,
        influencerReach: Number(row.influencer_reach),
        openComplaints: Number(row.open_complaints),
        slaOverdueHours: row.overdue_hours === null ? 0 : Number(row.overdue_hours),
        recentEmotion,
      }, weights),
    };
  });
  scored.sort((a, b) => b.priority.score - a.priority.score || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  return { items: scored.slice(query.offset, query.offset + query.limit), total: scored.length };
}
