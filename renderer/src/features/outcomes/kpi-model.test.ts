import { describe, expect, it } from 'vitest';
import { emotionRows, isoWeekKey, metricValue, paretoRows, seriesGranularity, seriesPeriods, trendPoints } from './kpi-model';
import type { KpiFigures } from './api';

describe('metricValue', () => {
  const figures: KpiFigures = {
    contacts: 10, calls: 9, ahtSeconds: 312.5, averageWaitSeconds: 20, abandonmentRate: 0.1234, firstContactResolution: 0.75,
    csat: { satisfiedShare: 0.8, average: 4.1, responses: 5 }, nps: { score: -20, responses: 5 }, ces: { average: 2.5, responses: 4 },
  };
  it('charts rates as percentages and keeps other units', () => {
    expect(metricValue(figures, 'aht')).toBe(312.5);
    expect(metricValue(figures, 'fcr')).toBe(75);
    expect(metricValue(figures, 'abandonment')).toBe(12.3);
    expect(metricValue(figures, 'csat')).toBe(80);
    expect(metricValue(figures, 'nps')).toBe(-20);
    expect(metricValue({ ...figures, firstContactResolution: null }, 'fcr')).toBeNull();
  });
});

describe('paretoRows', () => {
  it('orders by count and accumulates the share', () => {
    const rows = paretoRows([
      { typeId: 'b', labelEn: null, labelEs: null, count: 2 },
      { typeId: 'a', labelEn: null, labelEs: null, count: 6 },
      { typeId: 'c', labelEn: null, labelEs: null, count: 2 },
    ]);
    expect(rows.map((r) => [r.typeId, r.share, r.cumulative])).toEqual([['a', 60, 60], ['b', 20, 80], ['c', 20, 100]]);
    expect(paretoRows([])).toEqual([]);
  });
});

describe('emotion series periods', () => {
  const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

  it('picks days up to a month, then weeks, then months', () => {
    expect(seriesGranularity(day('2026-03-01'), day('2026-03-31'))).toBe('day');
    expect(seriesGranularity(day('2026-01-01'), day('2026-05-01'))).toBe('week');
    expect(seriesGranularity(day('2025-01-01'), day('2026-01-01'))).toBe('month');
  });

  it('writes ISO weeks as PostgreSQL does (IYYY-"W"IW), across a year boundary', () => {
    expect(isoWeekKey(day('2026-01-01'))).toBe('2026-W01');
    expect(isoWeekKey(day('2027-01-01'))).toBe('2026-W53');
    expect(isoWeekKey(day('2024-12-30'))).toBe('2025-W01');
    expect(isoWeekKey(day('2026-03-04'))).toBe('2026-W10');
  });

  it('lists every period the range touches, oldest first', () => {
    expect(seriesPeriods(day('2026-03-30'), day('2026-04-02'), 'day')).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
    expect(seriesPeriods(day('2026-02-27'), day('2026-03-10'), 'week')).toEqual(['2026-W09', '2026-W10', '2026-W11']);
    expect(seriesPeriods(day('2026-01-15'), day('2026-03-02'), 'month')).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('fills the periods the server left out (no calls) with zeros, keeping the end emotions', () => {
    const zero = { angry: 0, frustrated: 0, anxious: 0, confused: 0, calm: 0, satisfied: 0 };
    const rows = emotionRows([{ period: '2026-03-02', start: { ...zero, angry: 9 }, end: { ...zero, angry: 2, calm: 5 } }], ['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(rows).toEqual([
      { period: '2026-03-01', ...zero },
      { period: '2026-03-02', ...zero, angry: 2, calm: 5 },
      { period: '2026-03-03', ...zero },
    ]);
  });
});

describe('trendPoints', () => {
  const figures = (overrides: Partial<KpiFigures>): KpiFigures => ({
    contacts: 4, calls: 4, ahtSeconds: 100, averageWaitSeconds: 10, abandonmentRate: 0.25, firstContactResolution: 0.5,
    csat: { satisfiedShare: null, average: null, responses: 0 }, nps: { score: 40, responses: 5 }, ces: { average: null, responses: 0 }, ...overrides,
  });

  it("charts the chosen metric per period, leaving the server's empty periods as gaps, not zeros", () => {
    const series = [{ period: '2026-W10', ...figures({ ahtSeconds: 80 }) }, { period: '2026-W12', ...figures({ ahtSeconds: 200, abandonmentRate: 0 }) }];
    const periods = ['2026-W10', '2026-W11', '2026-W12'];
    expect(trendPoints(series, periods, 'aht')).toEqual([
      { period: '2026-W10', value: 80 }, { period: '2026-W11', value: null }, { period: '2026-W12', value: 200 },
    ]);
    expect(trendPoints(series, periods, 'abandonment').map((p) => p.value)).toEqual([25, null, 0]);
    // A measured-nothing figure stays null (no CSAT answers that week).
    expect(trendPoints(series, periods, 'csat').map((p) => p.value)).toEqual([null, null, null]);
  });

  it('keeps a period the server sent even if the client did not expect it, in order', () => {
    const series = [{ period: '2026-03-05', ...figures({ nps: { score: -10, responses: 3 } }) }];
    expect(trendPoints(series, ['2026-03-04', '2026-03-06'], 'nps')).toEqual([
      { period: '2026-03-04', value: null }, { period: '2026-03-05', value: -10 }, { period: '2026-03-06', value: null },
    ]);
    expect(trendPoints([], [], 'aht')).toEqual([]);
  });
});
