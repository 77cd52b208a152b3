import { describe, expect, it } from 'vitest';
import { MAX_BUCKETS, metricValue, paretoRows, timeBuckets } from './kpi-model';
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
