/** The reply of `GET /api/kpis`: written by server/src/reports/kpis.ts, read by the team-lead dashboard. */
import type { Emotion } from './domain';

export interface KpiFigures {
  contacts: number;
  calls: number;
  ahtSeconds: number | null;
  averageWaitSeconds: number | null;
  abandonmentRate: number | null;
  firstContactResolution: number | null;
  csat: { satisfiedShare: number | null; average: number | null; responses: number };
  nps: { score: number | null; responses: number };
  ces: { average: number | null; responses: number };
}

export interface KpiReportFigures {
  from: string;
  to: string;
  totals: KpiFigures;
  emotions: { start: Record<Emotion, number>; end: Record<Emotion, number> };
  complaintTypes: { typeId: string; labelEn: string | null; labelEs: string | null; count: number }[];
  /** Per-agent figures for team leads and admins; omitted when the scope is one agent. */
  agents?: (KpiFigures & { agentId: string; displayName: string })[];
  /** Per-team figures, asked with `teams=1` by admins for a cross-team comparison; omitted otherwise. */
  teams?: (KpiFigures & { teamId: string; name: string })[];
  /**
   * Emotions per period (UTC day, ISO week or month, as asked with `series=day|week|month`), oldest
   * first, so the dashboard's emotion-over-time chart costs one request. Omitted unless asked.
   */
  emotionSeries?: { period: string; start: Record<Emotion, number>; end: Record<Emotion, number> }[];
  /**
   * Every KPI per period (the same periods as `emotionSeries`, from the same query), oldest first,
   * so the dashboard's trend chart costs no extra request. Omitted unless `series` was asked.
   */
  kpiSeries?: (KpiFigures & { period: string })[];
}
