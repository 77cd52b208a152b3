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
 * - teams: the same figures per team; emotionSeries: start and end emotion counts per UTC day,
 *   ISO week or month, oldest first (periods without contacts are left out); kpiSeries: every
 *   figure above per the same periods (the trend chart), from the same one grouped query.
 * Rates are 0..1 and null when nothing was measured (no division by zero dressed up as 0).
 * The figures come from per-day summaries kept current by a trigger (kpi-daily.ts).
 */
import { type RawBuilder, sql } from 'kysely';
import { type Emotion, type KpiFigures, type KpiReportFigures, emotionSchema } from '@contract';
import { type Database } from '../db/database';
import { DAILY_COLUMNS, type KpiSource, NO_TEAM, dailyComplaintTypes, dailyFigures } from './kpi-daily';
import { type ReadScope } from './scope';

export type { KpiFigures } from '@contract';

/** The KPI reply with the scope it was computed for. */
export interface KpiReport extends KpiReportFigures {
  scope: ReadScope;
}

/** Summed daily columns (numeric sums arrive as strings, counts as numbers). */
type DailySums = Record<string, unknown>;

const round = (value: number | null, decimals = 4): number | null => (value === null ? null : Math.round(Number(value) * 10 ** decimals) / 10 ** decimals);
const ratio = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole) : null);

const n = (row: DailySums, column: string): number => Number(row[column] ?? 0);
const mean = (row: DailySums, sum: string, count: string): number | null => (n(row, count) > 0 ? n(row, sum) / n(row, count) : null);

function figures(row: DailySums): KpiFigures {
  return {
    contacts: n(row, 'contacts'),
    calls: n(row, 'calls'),
    ahtSeconds: round(mean(row, 'aht_sum', 'aht_n'), 2),
    averageWaitSeconds: round(mean(row, 'wait_sum', 'wait_n'), 2),
    abandonmentRate: ratio(n(row, 'abandoned'), n(row, 'inbound_queued')),
    firstContactResolution: ratio(n(row, 'fcr_yes'), n(row, 'fcr_answers')),
    csat: { satisfiedShare: ratio(n(row, 'csat_sat'), n(row, 'csat_n')), average: round(mean(row, 'csat_sum', 'csat_n'), 2), responses: n(row, 'csat_n') },
    nps: {
      score: n(row, 'nps_n') > 0 ? round(((n(row, 'nps_promoters') - n(row, 'nps_detractors')) * 100) / n(row, 'nps_n'), 2) : null,
      responses: n(row, 'nps_n'),
    },
    ces: { average: round(mean(row, 'ces_sum', 'ces_n'), 2), responses: n(row, 'ces_n') },
  };
}

export type KpiSeries = 'day' | 'week' | 'month';

export interface KpiOptions {
  /** Per-agent breakdown (omitted when the scope is one agent). */
  perAgent?: boolean;
  /** Per-team breakdown. */
  perTeam?: boolean;
  /** Start and end emotion counts per period. */
  series?: KpiSeries;
  /** Where the figures come from; the summary tables unless a test or the bench asks for the raw rows. */
  source?: KpiSource;
}

/** The period label of a UTC day: the day itself, its ISO week (2026-W07) or its month (2026-02). */
const PERIOD: Record<KpiSeries, RawBuilder<unknown>> = {
  day: sql`to_char(x.day, 'YYYY-MM-DD')`,
  week: sql`to_char(x.day, 'IYYY-"W"IW')`,
  month: sql`to_char(x.day, 'YYYY-MM')`,
};

const SUMS = sql.join(DAILY_COLUMNS.map((name) => sql`sum(${sql.ref(`x.${name}`)}) as ${sql.ref(name)}`));

export async function computeKpis(db: Database, scope: ReadScope, range: { from: Date; to: Date }, options: KpiOptions = {}): Promise<KpiReport> {
  const source = options.source ?? 'summary';
  const perAgent = Boolean(options.perAgent) && !scope.agentId;
  const sets = [sql`()`];
  if (perAgent) sets.push(sql`(x.agent_id)`);
  if (options.perTeam) sets.push(sql`(x.team_id)`);
  if (options.series) sets.push(sql`(${PERIOD[options.series]})`);

  // One pass over the daily rows answers the totals and every breakdown (grouping sets).
  const rows = await sql<DailySums & { agent_id: string | null; team_id: string | null; period: string | null }>`
    select ${perAgent ? sql`x.agent_id, grouping(x.agent_id)` : sql`null::uuid as agent_id, 1`} as by_agent_flag,
      ${options.perTeam ? sql`x.team_id, grouping(x.team_id)` : sql`null::uuid as team_id, 1`} as by_team_flag,
      ${options.series ? sql`${PERIOD[options.series]} as period, grouping(${PERIOD[options.series]})` : sql`null::text as period, 1`} as by_period_flag,
      ${SUMS}
    from ${dailyFigures(scope, range, source)} x
    group by grouping sets (${sql.join(sets)})`.execute(db.kysely);

  const complaintRows = await sql<{ type_id: string; label_en: string | null; label_es: string | null; n: number }>`
    select c.type_id, t.label_en, t.label_es, c.n
    from (select x.complaint_type_id as type_id, sum(x.n)::int as n from ${dailyComplaintTypes(scope, range, source)} x
          group by x.complaint_type_id having sum(x.n) > 0) c
    left join lateral (select label_en, label_es from taxonomy_nodes where id = c.type_id order by version desc limit 1) t on true
    order by c.n desc, c.type_id`.execute(db.kysely);

  // grouping() is 1 for a column the row is not grouped by: the total row is 1, 1, 1.
  const flags = (row: Record<string, unknown>) => [Number(row.by_agent_flag), Number(row.by_team_flag), Number(row.by_period_flag)].join('');
  const total = rows.rows.find((row) => flags(row) === '111');
  const report: KpiReport = {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    scope,
    totals: figures(total ?? emptySums()),
    emotions: emotionCounts(total ?? emptySums()),
    complaintTypes: complaintRows.rows.map((row) => ({ typeId: row.type_id, labelEn: row.label_en, labelEs: row.label_es, count: Number(row.n) })),
  };
  if (perAgent) {
    const agentRows = rows.rows.filter((row) => flags(row) === '011' && row.agent_id !== null && Number(row.contacts) > 0);
    const nameOf = await namesOf(db, 'users', agentRows.map((row) => row.agent_id as string));
    report.agents = agentRows
      .map((row) => ({ agentId: row.agent_id as string, displayName: nameOf.get(row.agent_id as string) ?? '', ...figures(row) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
  if (options.perTeam) {
    // Interactions of agents without a team count in the totals only.
    const teamRows = rows.rows.filter((row) => flags(row) === '101' && row.team_id !== null && row.team_id !== NO_TEAM && Number(row.contacts) > 0);
    const nameOf = await namesOf(db, 'teams', teamRows.map((row) => row.team_id as string));
    report.teams = teamRows
      .map((row) => ({ teamId: row.team_id as string, name: nameOf.get(row.team_id as string) ?? '', ...figures(row) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  if (options.series) {
    // The period rows of the same grouping-sets query: no extra read for the trend.
    const periodRows = rows.rows
      .filter((row) => flags(row) === '110' && row.period !== null && Number(row.contacts) > 0)
      .sort((a, b) => (a.period as string).localeCompare(b.period as string));
    report.emotionSeries = periodRows.map((row) => ({ period: row.period as string, ...emotionCounts(row) }));
    report.kpiSeries = periodRows.map((row) => ({ period: row.period as string, ...figures(row) }));
  }
  return report;
}

async function namesOf(db: Database, table: 'users' | 'teams', ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  if (table === 'users') {
    const rows = await db.kysely.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }
  const rows = await db.kysely.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

function emotionCounts(row: DailySums): KpiReportFigures['emotions'] {
  const counts = (which: 'start' | 'end'): Record<Emotion, number> =>
    Object.fromEntries(emotionSchema.options.map((emotion) => [emotion, Number((row as Record<string, unknown>)[`${which}_${emotion}`] ?? 0)])) as Record<Emotion, number>;
  return { start: counts('start'), end: counts('end') };
}

function emptySums(): DailySums {
  return {};
}
