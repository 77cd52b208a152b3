/**
 * The KPI inputs per UTC day, team and agent, from one of two sources with the same columns:
 * - `summary`: the interaction_day_stats / interaction_day_complaints tables that a statement
 *   trigger keeps current on every write (migration 003), for the whole days of the range, plus
 *   the raw interactions of the partial days at its edges (an indexed range scan);
 * - `raw`: the interactions themselves over the whole range (the reference the summary is
 *   tested against and the benchmark's baseline).
 * Sums and counts, never averages, so any set of days adds up exactly.
 */
import { type RawBuilder, sql } from 'kysely';
import { emotionSchema } from '@contract';
import { type ReadScope } from './scope';

export type KpiSource = 'summary' | 'raw';

/** Stands in for "no team" in the summary keys (a primary key cannot hold NULL). */
export const NO_TEAM = '00000000-0000-0000-0000-000000000000';

const CALL_ANSWERED = sql`d.channel = 'call' and d.answered_at is not null and d.ended_at is not null`;
const INBOUND_QUEUED = sql`d.channel = 'call' and d.direction = 'inbound' and d.queued_at is not null`;

/** Summary column → how it aggregates raw interaction rows `d` (must match migration 003). */
const COLUMNS: [string, RawBuilder<unknown>][] = [
  ['contacts', sql`count(*)`],
  ['calls', sql`count(*) filter (where d.channel = 'call')`],
  ['aht_sum', sql`coalesce(sum(extract(epoch from (d.ended_at - d.answered_at))
      + greatest(0, coalesce(extract(epoch from (d.wrapped_up_at - d.ended_at)), 0))) filter (where ${CALL_ANSWERED}), 0)`],
  ['aht_n', sql`count(*) filter (where ${CALL_ANSWERED})`],
  ['wait_sum', sql`coalesce(sum(extract(epoch from (d.answered_at - d.queued_at))) filter (where ${INBOUND_QUEUED} and d.answered_at is not null), 0)`],
  ['wait_n', sql`count(*) filter (where ${INBOUND_QUEUED} and d.answered_at is not null)`],
  ['inbound_queued', sql`count(*) filter (where ${INBOUND_QUEUED})`],
  ['abandoned', sql`count(*) filter (where ${INBOUND_QUEUED} and d.answered_at is null)`],
  ['fcr_answers', sql`count(d.first_contact_resolution)`],
  ['fcr_yes', sql`count(*) filter (where d.first_contact_resolution)`],
  ['csat_n', sql`count(d.csat)`],
  ['csat_sat', sql`count(*) filter (where d.csat >= 4)`],
  ['csat_sum', sql`coalesce(sum(d.csat), 0)`],
  ['nps_n', sql`count(d.nps)`],
  ['nps_promoters', sql`count(*) filter (where d.nps >= 9)`],
  ['nps_detractors', sql`count(*) filter (where d.nps <= 6)`],
  ['ces_n', sql`count(d.ces)`],
  ['ces_sum', sql`coalesce(sum(d.ces), 0)`],
  ...emotionSchema.options.flatMap((emotion): [string, RawBuilder<unknown>][] => [
    [`start_${emotion}`, sql`count(*) filter (where d.emotion_start = ${emotion})`],
  ]),
  ...emotionSchema.options.flatMap((emotion): [string, RawBuilder<unknown>][] => [
    [`end_${emotion}`, sql`count(*) filter (where d.emotion_end = ${emotion})`],
  ]),
];
export const DAILY_COLUMNS = COLUMNS.map(([name]) => name);

const OCCURRED = sql`coalesce(d.queued_at, d.answered_at, d.created_at)`;
const DAY = sql`(${OCCURRED} at time zone 'UTC')::date`;

interface Range { from: Date; to: Date }

function rawInRange(scope: ReadScope, ranges: Range[]): RawBuilder<unknown> {
  const inRanges = sql.join(ranges.map((r) => sql`(${OCCURRED} >= ${r.from.toISOString()}::timestamptz and ${OCCURRED} < ${r.to.toISOString()}::timestamptz)`), sql` or `);
  return sql`(select d.* from interactions d where (${inRanges})
    ${scope.teamId ? sql`and d.team_id = ${scope.teamId}::uuid` : sql``}
    ${scope.agentId ? sql`and d.agent_id = ${scope.agentId}::uuid` : sql``})`;
}

const startOfUtcDay = (date: Date): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Whole UTC days inside [from, to) for the summary, and the partial-day edges left for the raw rows. */
export function splitRange(range: Range): { days: { first: string; end: string } | null; edges: Range[] } {
  const floorFrom = startOfUtcDay(range.from);
  const firstDay = floorFrom.getTime() === range.from.getTime() ? floorFrom : new Date(floorFrom.getTime() + 86_400_000);
  const endDay = startOfUtcDay(range.to);
  if (firstDay >= endDay) return { days: null, edges: [range] };
  const edges = [{ from: range.from, to: firstDay }, { from: endDay, to: range.to }].filter((edge) => edge.from < edge.to);
  return { days: { first: isoDay(firstDay), end: isoDay(endDay) }, edges };
}

function summaryScope(scope: ReadScope): RawBuilder<unknown> {
  return sql`${scope.teamId ? sql`and s.team_id = ${scope.teamId}::uuid` : sql``} ${scope.agentId ? sql`and s.agent_id = ${scope.agentId}::uuid` : sql``}`;
}

/** Rows (day, team_id, agent_id, …DAILY_COLUMNS) covering `range` in `scope`. */
export function dailyFigures(scope: ReadScope, range: Range, source: KpiSource): RawBuilder<unknown> {
  const aggregate = (ranges: Range[]) => sql`select ${DAY} as day, coalesce(d.team_id, ${NO_TEAM}::uuid) as team_id, d.agent_id,
      ${sql.join(COLUMNS.map(([name, expression]) => sql`${expression} as ${sql.ref(name)}`))}
    from ${rawInRange(scope, ranges)} d group by 1, 2, 3`;
  if (source === 'raw') return sql`(${aggregate([range])})`;
  const { days, edges } = splitRange(range);
  const parts: RawBuilder<unknown>[] = [];
  if (days) {
    parts.push(sql`select s.day, s.team_id, s.agent_id, ${sql.join(DAILY_COLUMNS.map((name) => sql.ref(`s.${name}`)))}
      from interaction_day_stats s where s.day >= ${days.first}::date and s.day < ${days.end}::date ${summaryScope(scope)}`);
  }
  if (edges.length > 0) parts.push(aggregate(edges));
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/** Rows (day, team_id, agent_id, complaint_type_id, n) covering `range` in `scope`. */
export function dailyComplaintTypes(scope: ReadScope, range: Range, source: KpiSource): RawBuilder<unknown> {
  const aggregate = (ranges: Range[]) => sql`select ${DAY} as day, coalesce(d.team_id, ${NO_TEAM}::uuid) as team_id, d.agent_id,
      d.complaint_type_id, count(*) as n
    from ${rawInRange(scope, ranges)} d where d.complaint_type_id is not null group by 1, 2, 3, 4`;
  if (source === 'raw') return sql`(${aggregate([range])})`;
  const { days, edges } = splitRange(range);
  const parts: RawBuilder<unknown>[] = [];
  if (days) {
    parts.push(sql`select s.day, s.team_id, s.agent_id, s.complaint_type_id, s.n
      from interaction_day_complaints s where s.day >= ${days.first}::date and s.day < ${days.end}::date ${summaryScope(scope)}`);
  }
  if (edges.length > 0) parts.push(aggregate(edges));
  return sql`(${sql.join(parts, sql` union all `)})`;
}
