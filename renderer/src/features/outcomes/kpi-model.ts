/** Pure helpers of the KPI dashboard: time buckets, metric accessors, the Pareto table. */
import type { KpiFigures, KpiReport } from './api';

export const MAX_BUCKETS = 12;
const DAY_MS = 86_400_000;

export interface Bucket { from: string; to: string }

/** Splits [from, to) into at most MAX_BUCKETS consecutive periods of whole days. */
export function timeBuckets(from: Date, to: Date): Bucket[] {
  const span = to.getTime() - from.getTime();
  if (!(span > 0)) return [];
  const days = Math.ceil(span / DAY_MS);
  const size = Math.max(1, Math.ceil(days / MAX_BUCKETS)) * DAY_MS;
  const buckets: Bucket[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += size) {
    buckets.push({ from: new Date(start).toISOString(), to: new Date(Math.min(start + size, to.getTime())).toISOString() });
  }
  return buckets;
}

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
