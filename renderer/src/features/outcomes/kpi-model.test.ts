import { describe, expect, it } from 'vitest';
import { emotionRows, isoWeekKey, MAX_BUCKETS, metricValue, paretoRows, seriesGranularity, seriesPeriods, timeBuckets } from './kpi-model';
import type { KpiFigures } from './api';

describe('timeBuckets', () => {
  it('uses one bucket per day for short ranges and covers the range exactly', () => {
    const from = new Date('2026-03-01T00:00:00.000Z');
    const to = new Date('2026-03-08T00:00:00.000Z');
    const buckets = timeBuckets(from, to);
    expect(buckets).toHaveLength(7);
    expect(buckets[0]).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' });
    expect(buckets.at(-1)!.to).toBe(to.toISOString());
  });

  it('widens buckets to whole days so a long range never needs more than the cap, the last one cut at the end', () => {
    const from = new Date('2026-01-01T00:00:00.000Z');
    const to = new Date('2026-03-02T00:00:00.000Z'); // 60 days → 5-day buckets
    const buckets = timeBuckets(from, to);
    expect(buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(buckets).toHaveLength(12);
    expect(buckets[1]!.from).toBe('2026-01-06T00:00:00.000Z');
    expect(buckets.at(-1)!.to).toBe(to.toISOString());
    expect(timeBuckets(to, from)).toEqual([]);
  });
});

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
