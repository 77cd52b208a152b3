import { useQueries, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { emotionSchema, type Emotion } from '@contract';
import { Alert } from '@components/Alert';
import { useAccess } from '../access';
import { fetchBoard, fetchKpis, outcomesKeys, type KpiFigures } from '../api';
import { METRICS, METRIC_UNIT, metricValue, paretoRows, timeBuckets, type Metric } from '../kpi-model';
import { complaintTypeLabel, formatNumber, formatSeconds, formatShare } from '../labels';
import { dayEnd, dayStart } from './TeamCalls';
import { QueryState } from './QueryState';

const EMOTION_COLOURS: Record<Emotion, string> = {
  angry: '#a3241a', frustrated: '#d9622b', anxious: '#b58900', confused: '#6c5ba7', calm: '#2466b0', satisfied: '#1d7a4f',
};
const CHART_HEIGHT = 240;

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A chart and its data as a table: the chart is one labelled image, the table carries the numbers. */
function ChartFigure({ title, chart, table }: { title: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useTranslation('outcomes');
  const titleId = useId();
  return (
    <figure className="lead-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="lead-chart__title">
        {title}
      </figcaption>
      <div role="img" aria-label={t('kpis.chartOf', { title })} className="lead-chart__canvas">
        {chart}
      </div>
      <details className="lead-chart__data">
        <summary>{t('kpis.showTable')}</summary>
        {table}
      </details>
    </figure>
  );
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

/** KPIs from the backend over a date range, for the team (with each agent) or one agent. */
export function KpiDashboard() {
  const { t, i18n } = useTranslation('outcomes');
  const lang = i18n.language;
  const access = useAccess();
  const today = new Date();
  const [draft, setDraft] = useState(() => ({ from: isoDay(new Date(today.getTime() - 29 * 86_400_000)), to: isoDay(today), agent: '' }));
  const [applied, setApplied] = useState(draft);
  const [metric, setMetric] = useState<Metric>('aht');
  const [rangeError, setRangeError] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), agent: useId(), metric: useId() };
  const range = { from: dayStart(applied.from) ?? '', to: dayEnd(applied.to) ?? '', agent: applied.agent || undefined };
  const board = useQuery({ queryKey: outcomesKeys.board(), queryFn: () => fetchBoard(access), refetchInterval: 5_000 });
  const report = useQuery({ queryKey: outcomesKeys.kpis(range), queryFn: () => fetchKpis(access, range), enabled: Boolean(range.from && range.to) });
  const buckets = useMemo(() => (range.from && range.to ? timeBuckets(new Date(range.from), new Date(range.to)) : []), [range.from, range.to]);
  const series = useQueries({
    queries: buckets.map((bucket) => {
      const bucketRange = { from: bucket.from, to: bucket.to, agent: range.agent };
      return { queryKey: outcomesKeys.kpis(bucketRange), queryFn: () => fetchKpis(access, bucketRange) };
    }),
  });

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

  const periodLabel = (from: string) => new Date(from).toLocaleDateString(lang, { day: 'numeric', month: 'short' });
  const emotionRows = buckets.map((bucket, index) => {
    const end = series[index]?.data?.emotions.end;
    return { period: periodLabel(bucket.from), ...Object.fromEntries(emotionSchema.options.map((e) => [e, end?.[e] ?? 0])) } as { period: string } & Record<Emotion, number>;
  });
  const trendRows = buckets.map((bucket, index) => {
    const figures = series[index]?.data?.totals;
    return { period: periodLabel(bucket.from), value: figures ? metricValue(figures, metric) : null };
  });
  const data = report.data;
  const agentRows = (data?.agents ?? []).map((agent) => ({ name: agent.displayName, value: metricValue(agent, metric), figures: agent as KpiFigures }));
  const pareto = data ? paretoRows(data.complaintTypes).map((row) => ({ ...row, label: complaintTypeLabel(row.typeId, lang, row) })) : [];
  const metricLabel = t(`kpis.${metric}`);
  const teamValue = data ? metricValue(data.totals, metric) : null;

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
            <option value="">{t('kpis.wholeTeam')}</option>
            {(board.data?.agents ?? []).map((agent) => (
              <option key={agent.agentId} value={agent.agentId}>
                {agent.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="lead-filters__actions">
          <button type="submit" className="lead-button lead-button--primary">
            {t('kpis.update')}
          </button>
        </div>
      </form>
      {rangeError && <Alert>{rangeError}</Alert>}
      <QueryState loading={report.isLoading} error={report.error} onRetry={() => void report.refetch()} />
      {data && (
        <>
          <h3>{applied.agent ? (board.data?.agents.find((a) => a.agentId === applied.agent)?.displayName ?? '') : t('kpis.totals')}</h3>
          <Tiles totals={data.totals} />
          <div className="lead-field lead-field--inline">
            <label htmlFor={ids.metric}>{t('kpis.period')} / {t('kpis.perAgent')}</label>
            <select id={ids.metric} value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`kpis.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="lead-charts">
            <ChartFigure
              title={`${metricLabel} · ${t('kpis.period')}`}
              chart={
                <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
                  <LineChart data={trendRows} accessibilityLayer={false}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="period" />
                    <YAxis />
                    <Tooltip formatter={(value) => formatMetric(metric, typeof value === 'number' ? value : null, lang)} />
                    <Line type="monotone" dataKey="value" name={metricLabel} stroke="#2466b0" strokeWidth={2} connectNulls isAnimationActive={false} />
                  </LineChart>
                </ResponsiveContainer>
              }
              table={
                <table className="lead-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('kpis.period')}</th>
                      <th scope="col">{metricLabel}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {trendRows.map((row) => (
                      <tr key={row.period}>
                        <th scope="row">{row.period}</th>
                        <td>{formatMetric(metric, row.value, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
            {agentRows.length > 0 && (
              <ChartFigure
                title={`${metricLabel} · ${t('kpis.perAgent')}`}
                chart={
                  <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
                    <BarChart data={agentRows} accessibilityLayer={false}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="name" />
                      <YAxis />
                      <Tooltip formatter={(value) => formatMetric(metric, typeof value === 'number' ? value : null, lang)} />
                      {teamValue !== null && <ReferenceLine y={teamValue} stroke="#a15c07" strokeDasharray="4 4" label={t('kpis.totals')} />}
                      <Bar dataKey="value" name={metricLabel} fill="#2466b0" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                }
                table={
                  <table className="lead-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('kpis.agentColumn')}</th>
                        {METRICS.map((m) => (
                          <th key={m} scope="col">
                            {t(`kpis.${m}`)}
                          </th>
                        ))}
                        <th scope="col">{t('kpis.contacts')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[{ name: t('kpis.totals'), figures: data.totals }, ...agentRows].map((row) => (
                        <tr key={row.name}>
                          <th scope="row">{row.name}</th>
                          {METRICS.map((m) => (
                            <td key={m}>{formatMetric(m, metricValue(row.figures, m), lang)}</td>
                          ))}
                          <td>{row.figures.contacts}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
            )}
            <ChartFigure
              title={t('kpis.emotionsOverTime')}
              chart={
                <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
                  <BarChart data={emotionRows} accessibilityLayer={false}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="period" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    {emotionSchema.options.map((emotion) => (
                      <Bar key={emotion} dataKey={emotion} name={t(`emotions.${emotion}`)} stackId="emotions" fill={EMOTION_COLOURS[emotion]} isAnimationActive={false} />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              }
              table={
                <table className="lead-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('kpis.period')}</th>
                      {emotionSchema.options.map((emotion) => (
                        <th key={emotion} scope="col">
                          {t(`emotions.${emotion}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {emotionRows.map((row) => (
                      <tr key={row.period}>
                        <th scope="row">{row.period}</th>
                        {emotionSchema.options.map((emotion) => (
                          <td key={emotion}>{row[emotion]}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
            <ChartFigure
              title={t('kpis.pareto')}
              chart={
                pareto.length === 0 ? (
                  <p className="lead-muted">{t('kpis.noData')}</p>
                ) : (
                  <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
                    <ComposedChart data={pareto} accessibilityLayer={false}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="label" interval={0} angle={-20} textAnchor="end" height={60} />
                      <YAxis yAxisId="count" allowDecimals={false} />
                      <YAxis yAxisId="share" orientation="right" domain={[0, 100]} unit="%" />
                      <Tooltip />
                      <Legend />
                      <Bar yAxisId="count" dataKey="count" name={t('kpis.count')} fill="#2466b0" isAnimationActive={false} />
                      <Line yAxisId="share" dataKey="cumulative" name={t('kpis.cumulative')} stroke="#a3241a" strokeWidth={2} isAnimationActive={false} />
                    </ComposedChart>
                  </ResponsiveContainer>
                )
              }
              table={
                <table className="lead-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('calls.complaintType')}</th>
                      <th scope="col">{t('kpis.count')}</th>
                      <th scope="col">{t('kpis.cumulative')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pareto.map((row) => (
                      <tr key={row.typeId}>
                        <th scope="row">{row.label}</th>
                        <td>{row.count}</td>
                        <td>{formatNumber(row.cumulative, lang)} %</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          </div>
        </>
      )}
    </section>
  );
}
