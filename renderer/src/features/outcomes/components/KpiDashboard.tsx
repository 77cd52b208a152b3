import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { emotionSchema, type Emotion } from '@contract';
import { Alert } from '@components/Alert';
import { useAccess } from '../access';
import { fetchBoard, fetchKpis, outcomesKeys, type KpiFigures, type KpiRequest } from '../api';
import {
  emotionRows, METRICS, METRIC_UNIT, metricValue, paretoRows, seriesGranularity, seriesPeriods, trendPoints, type Metric, type SeriesGranularity,
} from '../kpi-model';
import { formatNumber, formatSeconds, formatShare } from '../labels';
import { useReferenceLists } from '../reference';
import { KpiChart, type ChartRow } from './KpiChart';
import { dayEnd, dayStart } from './TeamCalls';
import { QueryState } from './QueryState';

const EMOTIONS = emotionSchema.options;
const EMOTION_COLOURS: Record<Emotion, string> = {
  angry: '#a3241a', frustrated: '#d9622b', anxious: '#b58900', confused: '#6c5ba7', calm: '#2466b0', satisfied: '#1d7a4f',
};

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A period key of the server's series ("2026-03-04", "2026-W10", "2026-03") for people. */
function seriesLabel(period: string, granularity: SeriesGranularity, language: string, t: TFunction<'outcomes'>): string {
  if (granularity === 'week') {
    const [year, week] = period.split('-W');
    return t('kpis.week', { week: Number(week), year });
  }
  const date = new Date(granularity === 'month' ? `${period}-01T00:00:00Z` : `${period}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return period;
  return granularity === 'month'
    ? date.toLocaleDateString(language, { month: 'short', year: 'numeric', timeZone: 'UTC' })
    : date.toLocaleDateString(language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

function formatMetric(metric: Metric, value: number | null, language: string): string {
  if (value === null) return '—';
  if (METRIC_UNIT[metric] === 's') return formatSeconds(value);
  if (METRIC_UNIT[metric] === '%') return `${formatNumber(value, language)} %`;
  return formatNumber(value, language);
}

function Tiles({ totals }: { totals: KpiFigures }) {
  const { t, i18n } = useTranslation('outcomes');
  const lang = i18n.language;
  const tiles: [string, string, string?][] = [
    [t('kpis.contacts'), String(totals.contacts)],
    [t('kpis.aht'), formatSeconds(totals.ahtSeconds)],
    [t('kpis.wait'), formatSeconds(totals.averageWaitSeconds)],
    [t('kpis.fcr'), formatShare(totals.firstContactResolution, lang)],
    [t('kpis.abandonment'), formatShare(totals.abandonmentRate, lang)],
    [t('kpis.csat'), formatShare(totals.csat.satisfiedShare, lang), t('kpis.responses', { count: totals.csat.responses })],
    [t('kpis.nps'), formatNumber(totals.nps.score, lang), t('kpis.responses', { count: totals.nps.responses })],
    [t('kpis.ces'), formatNumber(totals.ces.average, lang, 2), t('kpis.responses', { count: totals.ces.responses })],
  ];
  return (
    <dl className="lead-tiles" data-testid="kpi-tiles">
      {tiles.map(([label, value, note]) => (
        <div key={label} className="lead-tile">
          <dt>{label}</dt>
          <dd>
            {value}
            {note && <small>{note}</small>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * KPIs from the backend over a date range, for the team (with each agent) or one agent; admins also
 * compare the teams (`teams=1`). The trend and the emotions over time come with that one read
 * (`series=…`: `kpiSeries`, `emotionSeries`), so the dashboard costs a single KPI request.
 */
export function KpiDashboard({ isAdmin = false }: { isAdmin?: boolean }) {
  const { t, i18n } = useTranslation('outcomes');
  const lang = i18n.language;
  const access = useAccess();
  const { complaintTypeLabel } = useReferenceLists();
  const today = new Date();
  const [draft, setDraft] = useState(() => ({ from: isoDay(new Date(today.getTime() - 29 * 86_400_000)), to: isoDay(today), agent: '' }));
  const [applied, setApplied] = useState(draft);
  const [metric, setMetric] = useState<Metric>('aht');
  const [rangeError, setRangeError] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), agent: useId(), metric: useId() };
  const range = { from: dayStart(applied.from) ?? '', to: dayEnd(applied.to) ?? '', agent: applied.agent || undefined };
  const granularity = range.from && range.to ? seriesGranularity(new Date(range.from), new Date(range.to)) : 'day';
  const request: KpiRequest = { ...range, series: granularity, teams: isAdmin && !range.agent ? true : undefined };
  const board = useQuery({ queryKey: outcomesKeys.board(), queryFn: () => fetchBoard(access), refetchInterval: 5_000 });
  const report = useQuery({ queryKey: outcomesKeys.kpis(request), queryFn: () => fetchKpis(access, request), enabled: Boolean(range.from && range.to) });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const from = dayStart(draft.from);
    const to = dayEnd(draft.to);
    if (!from || !to || from >= to) {
      setRangeError(t('kpis.invalidRange'));
      return;
    }
    setRangeError(null);
    setApplied(draft);
  };

  const data = report.data;
  const format = (m: Metric) => (value: number | string | null) => formatMetric(m, typeof value === 'number' ? value : null, lang);
  const formatCell = (value: number | string | null, key: string) =>
    (METRICS as readonly string[]).includes(key) ? formatMetric(key as Metric, typeof value === 'number' ? value : null, lang) : key === 'value' ? format(metric)(value) : String(value ?? '—');
  const figureRow = (label: string, figures: KpiFigures): ChartRow => ({
    label, value: metricValue(figures, metric), contacts: figures.contacts, ...Object.fromEntries(METRICS.map((m) => [m, metricValue(figures, m)])),
  });
  const metricLabel = t(`kpis.${metric}`);
  const metricColumns = [...METRICS.map((m) => ({ key: m, label: t(`kpis.${m}`) })), { key: 'contacts', label: t('kpis.contacts') }];
  const teamValue = data ? metricValue(data.totals, metric) : null;

  // Every period of the range, so days (weeks, months) without calls still have their place on the axis.
  const periods = range.from && range.to ? seriesPeriods(new Date(range.from), new Date(range.to), granularity) : [];
  const label = (period: string) => seriesLabel(period, granularity, lang, t);
  const trendRows: ChartRow[] = trendPoints(data?.kpiSeries ?? [], periods, metric).map(({ period, value }) => ({ label: label(period), value }));
  const emotionChartRows: ChartRow[] = emotionRows(data?.emotionSeries ?? [], periods).map(({ period, ...counts }) => ({ label: label(period), ...counts }));
  const agentRows = (data?.agents ?? []).map((agent) => figureRow(agent.displayName, agent));
  const teamRows = (data?.teams ?? []).map((team) => figureRow(team.name, team));
  const pareto: ChartRow[] = data
    ? paretoRows(data.complaintTypes).map((row) => ({ label: (lang.startsWith('es') ? row.labelEs : row.labelEn) ?? complaintTypeLabel(row.typeId, lang), count: row.count, cumulative: row.cumulative }))
    : [];

  return (
    <section className="lead-kpis" aria-labelledby="lead-kpis-title">
      <h2 id="lead-kpis-title">{t('kpis.title')}</h2>
      <form className="lead-filters" aria-label={t('kpis.range')} onSubmit={apply}>
        <div className="lead-field">
          <label htmlFor={ids.from}>{t('kpis.from')}</label>
          <input id={ids.from} type="date" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
        </div>
        <div className="lead-field">
          <label htmlFor={ids.to}>{t('kpis.to')}</label>
          <input id={ids.to} type="date" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
        </div>
        <div className="lead-field">
          <label htmlFor={ids.agent}>{t('kpis.agent')}</label>
          <select id={ids.agent} value={draft.agent} onChange={(e) => setDraft((d) => ({ ...d, agent: e.target.value }))}>
            <option value="">{isAdmin ? t('kpis.allTeams') : t('kpis.wholeTeam')}</option>
            {(board.data?.agents ?? []).map((agent) => (
              <option key={agent.agentId} value={agent.agentId}>
                {agent.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="lead-filters__actions">
          <button type="submit" className="compact-button compact-button--primary">
            {t('kpis.update')}
          </button>
        </div>
      </form>
      {rangeError && <Alert>{rangeError}</Alert>}
      <QueryState loading={report.isLoading} error={report.error} onRetry={() => void report.refetch()} />
      {data && (
        <>
          <h3>{applied.agent ? (board.data?.agents.find((a) => a.agentId === applied.agent)?.displayName ?? '') : isAdmin ? t('kpis.allTeams') : t('kpis.totals')}</h3>
          <Tiles totals={data.totals} />
          <div className="lead-field lead-field--inline">
            <label htmlFor={ids.metric}>{t('kpis.metric')}</label>
            <select id={ids.metric} value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`kpis.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="lead-charts">
            <KpiChart
              title={t('kpis.trend', { metric: metricLabel })} categoryLabel={t('kpis.period')} rows={trendRows} testId="kpi-trend"
              series={[{ key: 'value', label: metricLabel, colour: '#2466b0', kind: 'line' }]} format={formatCell}
            />
            {agentRows.length > 0 && (
              <KpiChart
                title={t('kpis.byAgent', { metric: metricLabel })} categoryLabel={t('kpis.agentColumn')} rows={agentRows}
                series={[{ key: 'value', label: metricLabel, colour: '#2466b0', kind: 'bar' }]} columns={metricColumns} format={formatCell}
                referenceLine={teamValue !== null ? { value: teamValue, label: t('kpis.totals') } : undefined}
              />
            )}
            {isAdmin && !applied.agent && (data.teams ? (
              <KpiChart
                title={t('kpis.byTeam', { metric: metricLabel })} categoryLabel={t('kpis.teamColumn')} rows={teamRows} testId="kpi-teams"
                series={[{ key: 'value', label: metricLabel, colour: '#1d7a4f', kind: 'bar' }]} columns={metricColumns} format={formatCell}
                referenceLine={teamValue !== null ? { value: teamValue, label: t('kpis.allTeams') } : undefined} empty={t('kpis.noData')}
              />
            ) : (
              <p className="lead-muted">{t('kpis.teamsUnavailable')}</p>
            ))}
            <KpiChart
              title={t('kpis.emotionsOverTime')} categoryLabel={t('kpis.period')} rows={emotionChartRows} integers testId="kpi-emotions"
              series={EMOTIONS.map((emotion) => ({ key: emotion, label: t(`emotions.${emotion}`), colour: EMOTION_COLOURS[emotion], kind: 'bar', stack: 'emotions' }))}
              format={formatCell}
            />
            <KpiChart
              title={t('kpis.pareto')} categoryLabel={t('calls.complaintType')} rows={pareto} angledLabels integers empty={t('kpis.noData')}
              series={[
                { key: 'count', label: t('kpis.count'), colour: '#2466b0', kind: 'bar' },
                { key: 'cumulative', label: t('kpis.cumulative'), colour: '#a3241a', kind: 'line', share: true },
              ]}
              format={(value, key) => (key === 'cumulative' && typeof value === 'number' ? `${formatNumber(value, lang)} %` : String(value ?? '—'))}
            />
          </div>
        </>
      )}
    </section>
  );
}
