/**
 * Contact-center KPIs, computed in SQL over the interactions in a time range and scope.
 * Definitions (what the dashboard and the tests rely on):
 * - contacts: interactions whose queued time (or answer/creation time when not queued) is in [from, to).
 * - AHT: calls answered and ended — mean of talk time (ended − answered) plus after-call work
 *   (wrapped-up − ended, when the wrap-up came later), in seconds.
 * - average wait: inbound calls that were answered — mean of (answered − queued), in seconds.
 * - abandonment rate: inbound calls that were queued but never answered / inbound calls queued.
 * - FCR: share of interactions with a first-contact-resolution answer that say yes (after re-tags).
 * - CSAT: share of CSAT answers (1–5) that are 4 or 5, plus the mean; NPS: % promoters (9–10)
 *   minus % detractors (0–6); CES: mean effort score (1–7). From the interactions' survey scores.
 * - emotions: counts of start and (effective) end emotions; complaint types: counts of the
 *   (effective) complaint type of the interactions, most frequent first.
 * Rates are 0..1 and null when nothing was measured (no division by zero dressed up as 0).
 */
import { sql } from 'kysely';
import { type Emotion, type KpiFigures, type KpiReportFigures, emotionSchema } from '@contract';
import { type Database } from '../db/database';
import { interactionsWhere } from './interactions-where';
import { type ReadScope } from './scope';

export type { KpiFigures } from '@contract';

/** The KPI reply with the scope it was computed for. */
export interface KpiReport extends KpiReportFigures {
  scope: ReadScope;
}

interface FigureRow {
  agent_id: string | null;
  is_total: number;
  contacts: number;
  calls: number;
  aht: number | null;
  wait: number | null;
  inbound_queued: number;
  abandoned: number;
  fcr_answers: number;
  fcr_yes: number;
  csat_n: number;
  csat_sat: number;
  csat_avg: number | null;
  nps_n: number;
  nps_promoters: number;
  nps_detractors: number;
  ces_n: number;
  ces_avg: number | null;
}

const round = (value: number | null, decimals = 4): number | null => (value === null ? null : Math.round(Number(value) * 10 ** decimals) / 10 ** decimals);
const ratio = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole) : null);

function figures(row: FigureRow): KpiFigures {
  return {
    contacts: Number(row.contacts),
    calls: Number(row.calls),
    ahtSeconds: round(row.aht, 2),
    averageWaitSeconds: round(row.wait, 2),
    abandonmentRate: ratio(Number(row.abandoned), Number(row.inbound_queued)),
    firstContactResolution: ratio(Number(row.fcr_yes), Number(row.fcr_answers)),
    csat: { satisfiedShare: ratio(Number(row.csat_sat), Number(row.csat_n)), average: round(row.csat_avg, 2), responses: Number(row.csat_n) },
    nps: {
      score: Number(row.nps_n) > 0 ? round(((Number(row.nps_promoters) - Number(row.nps_detractors)) * 100) / Number(row.nps_n), 2) : null,
      responses: Number(row.nps_n),
    },
    ces: { average: round(row.ces_avg, 2), responses: Number(row.ces_n) },
  };
}

export async function computeKpis(db: Database, scope: ReadScope, range: { from: Date; to: Date }, perAgent: boolean): Promise<KpiReport> {
  const inScope = sql`coalesce(i.queued_at, i.answered_at, i.created_at) >= ${range.from.toISOString()}::timestamptz
    and coalesce(i.queued_at, i.answered_at, i.created_at) < ${range.to.toISOString()}::timestamptz
    ${scope.teamId ? sql`and i.team_id = ${scope.teamId}::uuid` : sql``}
    ${scope.agentId ? sql`and i.agent_id = ${scope.agentId}::uuid` : sql``}`;
  const source = interactionsWhere(inScope);
  const grouping = perAgent && !scope.agentId ? sql`group by grouping sets ((), (e.agent_id))` : sql``;

  const rows = await sql<FigureRow>`
    select ${perAgent && !scope.agentId ? sql`e.agent_id, grouping(e.agent_id)` : sql`null::uuid as agent_id, 1`} as is_total,
      count(*)::int as contacts,
      count(*) filter (where e.channel = 'call')::int as calls,
      avg(extract(epoch from (e.ended_at - e.answered_at))
          + greatest(0, coalesce(extract(epoch from (e.wrapped_up_at - e.ended_at)), 0)))
        filter (where e.channel = 'call' and e.answered_at is not null and e.ended_at is not null)::float8 as aht,
      avg(extract(epoch from (e.answered_at - e.queued_at)))
        filter (where e.channel = 'call' and e.direction = 'inbound' and e.answered_at is not null and e.queued_at is not null)::float8 as wait,
      count(*) filter (where e.channel = 'call' and e.direction = 'inbound' and e.queued_at is not null)::int as inbound_queued,
      count(*) filter (where e.channel = 'call' and e.direction = 'inbound' and e.queued_at is not null and e.answered_at is null)::int as abandoned,
      count(e.first_contact_resolution)::int as fcr_answers,
      count(*) filter (where e.first_contact_resolution)::int as fcr_yes,
      count(e.csat)::int as csat_n,
      count(*) filter (where e.csat >= 4)::int as csat_sat,
      avg(e.csat)::float8 as csat_avg,
      count(e.nps)::int as nps_n,
      count(*) filter (where e.nps >= 9)::int as nps_promoters,
      count(*) filter (where e.nps <= 6)::int as nps_detractors,
      count(e.ces)::int as ces_n,
      avg(e.ces)::float8 as ces_avg,
      ${sql.join(emotionSchema.options.flatMap((emotion) => [
        sql`count(*) filter (where e.emotion_start = ${emotion})::int as ${sql.ref(`start_${emotion}`)}`,
        sql`count(*) filter (where e.emotion_end = ${emotion})::int as ${sql.ref(`end_${emotion}`)}`,
      ]))}
    from ${source} e
    ${grouping}`.execute(db.kysely);

  const complaintRows = await sql<{ type_id: string; label_en: string | null; label_es: string | null; n: number }>`
    select c.type_id, t.label_en, t.label_es, c.n
    from (select e.complaint_type_id as type_id, count(*)::int as n from ${source} e
          where e.complaint_type_id is not null group by e.complaint_type_id) c
    left join lateral (select label_en, label_es from taxonomy_nodes where id = c.type_id order by version desc limit 1) t on true
    order by c.n desc, c.type_id`.execute(db.kysely);

  const total = rows.rows.find((row) => Number(row.is_total) === 1);
  // Emotion counts come from the same pass as the figures (one scan of the interactions).
  const emotionCounts = (which: 'start' | 'end'): Record<Emotion, number> =>
    Object.fromEntries(emotionSchema.options.map((emotion) => [emotion, Number((total as Record<string, unknown> | undefined)?.[`${which}_${emotion}`] ?? 0)])) as Record<Emotion, number>;
  const emotions = { start: emotionCounts('start'), end: emotionCounts('end') };
  const report: KpiReport = {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    scope,
    totals: figures(total ?? emptyRow()),
    emotions,
    complaintTypes: complaintRows.rows.map((row) => ({ typeId: row.type_id, labelEn: row.label_en, labelEs: row.label_es, count: Number(row.n) })),
  };
  if (perAgent && !scope.agentId) {
    const agentRows = rows.rows.filter((row) => Number(row.is_total) === 0 && row.agent_id !== null);
    const names = agentRows.length === 0 ? [] : await db.kysely.selectFrom('users').select(['id', 'display_name'])
      .where('id', 'in', agentRows.map((row) => row.agent_id as string)).execute();
    const nameOf = new Map(names.map((n) => [n.id, n.display_name]));
    report.agents = agentRows
      .map((row) => ({ agentId: row.agent_id as string, displayName: nameOf.get(row.agent_id as string) ?? '', ...figures(row) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
  return report;
}

function emptyRow(): FigureRow {
  return {
    agent_id: null, is_total: 1, contacts: 0, calls: 0, aht: null, wait: null, inbound_queued: 0, abandoned: 0, fcr_answers: 0, fcr_yes: 0,
    csat_n: 0, csat_sat: 0, csat_avg: null, nps_n: 0, nps_promoters: 0, nps_detractors: 0, ces_n: 0, ces_avg: null,
  };
}
