/**
 * One chart of the KPI dashboard and its data as a table: the chart is a single labelled image
 * (screen readers get the table), the table carries the numbers. Every chart of the dashboard is
 * this component with a different spec: series as bars (optionally stacked) or lines, a second
 * axis for shares, a reference line.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const CHART_HEIGHT = 240;

export type ChartRow = { label: string } & Record<string, number | string | null>;

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
  kind: 'bar' | 'line';
  /** Bars with the same stack id are stacked. */
  stack?: string;
  /** Plotted against the right-hand percentage axis. */
  share?: boolean;
}

export interface TableColumn {
  key: string;
  label: string;
}

export interface KpiChartProps {
  title: string;
  /** Header of the table's first column (the category: period, agent, team, type). */
  categoryLabel: string;
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  /** Table columns when they are more than the charted series (e.g. every KPI per agent). */
  columns?: readonly TableColumn[];
  format: (value: number | string | null, key: string) => string;
  referenceLine?: { value: number; label: string };
  /** Long category names (complaint types, teams) are drawn at an angle. */
  angledLabels?: boolean;
  integers?: boolean;
  empty?: string;
  testId?: string;
}

export function KpiChart({ title, categoryLabel, rows, series, columns, format, referenceLine, angledLabels, integers, empty, testId }: KpiChartProps) {
  const { t } = useTranslation('outcomes');
  const titleId = useId();
  const tableColumns = columns ?? series.map(({ key, label }) => ({ key, label }));
  const hasShare = series.some((entry) => entry.share);
  const legend = series.length > 1;
  return (
    <figure className="lead-chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption id={titleId} className="lead-chart__title">
        {title}
      </figcaption>
      <div role="img" aria-label={t('kpis.chartOf', { title })} className="lead-chart__canvas">
        {rows.length === 0 && empty ? (
          <p className="lead-muted">{empty}</p>
        ) : (
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <ComposedChart data={[...rows]} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" {...(angledLabels ? { interval: 0, angle: -35, textAnchor: 'end', height: 96, fontSize: 11 } : {})} />
              <YAxis yAxisId="value" allowDecimals={!integers} />
              {hasShare && <YAxis yAxisId="share" orientation="right" domain={[0, 100]} unit="%" />}
              <Tooltip formatter={(value, name, item) => format(typeof value === 'number' || typeof value === 'string' ? value : null, String(item.dataKey ?? name))} />
              {legend && <Legend />}
              {referenceLine && <ReferenceLine yAxisId="value" y={referenceLine.value} stroke="#a15c07" strokeDasharray="4 4" label={referenceLine.label} />}
              {series.map((entry) =>
                entry.kind === 'bar' ? (
                  <Bar key={entry.key} yAxisId={entry.share ? 'share' : 'value'} dataKey={entry.key} name={entry.label} fill={entry.colour} stackId={entry.stack} isAnimationActive={false} />
                ) : (
                  <Line
                    key={entry.key} yAxisId={entry.share ? 'share' : 'value'} type="monotone" dataKey={entry.key} name={entry.label}
                    stroke={entry.colour} strokeWidth={2} connectNulls isAnimationActive={false}
                  />
                ),
              )}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      <details className="lead-chart__data">
        <summary>{t('kpis.showTable')}</summary>
        <table className="lead-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {tableColumns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {tableColumns.map((column) => (
                  <td key={column.key}>{format(row[column.key] ?? null, column.key)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
