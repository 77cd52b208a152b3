/** Pure helpers of the KPI dashboard: series periods, the trend, metric accessors, the Pareto table. */
import { emotionSchema, type Emotion } from '@contract';
import type { KpiFigures, KpiReport } from './api';

const EMOTIONS = emotionSchema.options;

const DAY_MS = 86_400_000;

export const METRICS = ['aht', 'wait', 'fcr', 'abandonment', 'csat', 'nps', 'ces'] as const;
export type Metric = (typeof METRICS)[number];

/** Each metric's value in the unit it is charted in: seconds, percent (0–100), NPS points, CES score. */
export function metricValue(figures: KpiFigures, metric: Metric): number | null {
  const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
  switch (metric) {
    case 'aht': return figures.ahtSeconds;
    case 'wait': return figures.averageWaitSeconds;
    case 'fcr': return percent(figures.firstContactResolution);
    case 'abandonment': return percent(figures.abandonmentRate);
    case 'csat': return percent(figures.csat.satisfiedShare);
    case 'nps': return figures.nps.score;
    case 'ces': return figures.ces.average;
  }
}

export const METRIC_UNIT: Record<Metric, 's' | '%' | ''> = { aht: 's', wait: 's', fcr: '%', abandonment: '%', csat: '%', nps: '', ces: '' };

export interface ParetoRow { typeId: string; labelEn: string | null; labelEs: string | null; count: number; share: number; cumulative: number }

/** Complaint types, most frequent first, with each one's share and the running (cumulative) share in %. */
export function paretoRows(complaintTypes: KpiReport['complaintTypes']): ParetoRow[] {
  const sorted = [...complaintTypes].sort((a, b) => b.count - a.count || a.typeId.localeCompare(b.typeId));
  const total = sorted.reduce((sum, row) => sum + row.count, 0);
  let running = 0;
  return sorted.map((row) => {
    running += row.count;
    return { ...row, share: total ? Math.round((row.count / total) * 1000) / 10 : 0, cumulative: total ? Math.round((running / total) * 1000) / 10 : 0 };
  });
}

export type SeriesGranularity = 'day' | 'week' | 'month';

/** Days up to a month, weeks up to half a year, months beyond: never more than ~26 points. */
export function seriesGranularity(from: Date, to: Date): SeriesGranularity {
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days <= 31) return 'day';
  if (days <= 26 * 7) return 'week';
  return 'month';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week of a UTC day as the server writes it (`to_char(day, 'IYYY-"W"IW')`). */
export function isoWeekKey(day: Date): string {
  const date = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  // Thursday of this week decides the ISO year.
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const isoYear = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(isoYear, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * DAY_MS));
  return `${isoYear}-W${pad(week)}`;
}

export function periodKey(day: Date, granularity: SeriesGranularity): string {
  const ymd = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  if (granularity === 'day') return ymd;
  if (granularity === 'month') return ymd.slice(0, 7);
  return isoWeekKey(day);
}

/** Every period (UTC day, ISO week or month) that [from, to) touches, oldest first. */
export function seriesPeriods(from: Date, to: Date, granularity: SeriesGranularity): string[] {
  const keys: string[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let at = start; at < to.getTime(); at += DAY_MS) {
    const key = periodKey(new Date(at), granularity);
    if (keys.at(-1) !== key) keys.push(key);
  }
  return keys;
}

export type EmotionCounts = Record<Emotion, number>;

/**
 * The end-emotion counts per period from the KPI reply's `emotionSeries`, with the periods the
 * server left out (no calls) as zeros, so the time axis is even.
 */
export function emotionRows(series: NonNullable<KpiReport['emotionSeries']>, periods: readonly string[]): ({ period: string } & EmotionCounts)[] {
  const byPeriod = new Map(series.map((entry) => [entry.period, entry.end]));
  const keys = [...new Set([...periods, ...byPeriod.keys()])].sort();
  return keys.map((period) => {
    const end = byPeriod.get(period);
    return { period, ...(Object.fromEntries(EMOTIONS.map((emotion) => [emotion, end?.[emotion] ?? 0])) as EmotionCounts) };
  });
}

export interface TrendPoint { period: string; value: number | null }

/**
 * The chosen metric per period from the KPI reply's `kpiSeries` (one request for the whole
 * trend), every period of the range in order; a period without contacts has no value (a gap in
 * the line, "—" in the table), never a made-up zero.
 */
export function trendPoints(series: NonNullable<KpiReport['kpiSeries']>, periods: readonly string[], metric: Metric): TrendPoint[] {
  const byPeriod = new Map(series.map((entry) => [entry.period, entry]));
  const keys = [...new Set([...periods, ...byPeriod.keys()])].sort();
  return keys.map((period) => {
    const figures = byPeriod.get(period);
    return { period, value: figures ? metricValue(figures, metric) : null };
  });
}
