/**
 * Report latency at scale on PostgreSQL 15 (started here): `GET /api/kpis` for a month and for
 * 200 days, and the first page and the CSV of `GET /api/exclusions`, each beside its baseline
 * measured in the same run over the same data — the raw query over the interactions (KPIs:
 * `source: 'raw'`; exclusions: the whole-population query, kept as `listExclusionsRaw`).
 * Writes bench/results/server-reports.json. Run by the server suite (run.ts) at a size that fits
 * a few minutes, or alone at any size: bench/server/reports.ts.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../../server/src/app';
import { listExclusionsRaw } from '../../server/src/reports/exclusions-raw';
import { DEFAULT_EXCLUSION_THRESHOLDS } from '../../server/src/reports/exclusions';
import { computeKpis } from '../../server/src/reports/kpis';
import { refreshExclusionFacts } from '../../server/src/reports/exclusion-facts';
import { withBenchPostgres } from '../support/postgres';
import { type Figure, percentile, report } from '../support/stats';
import { generateReportData, type ReportDataSize } from './report-data';

const DAY_MS = 86_400_000;

async function samples(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

/** Runs the report benchmark on `size` (`runs` samples per figure), prints it and writes its JSON. */
export async function benchReports(size: ReportDataSize, runs: number): Promise<Figure[]> {
  const figures = await withBenchPostgres('bench_reports', 4, async (db, accounts) => {
    const figures: Figure[] = [];
    const generateStarted = performance.now();
    await generateReportData(db, size);
    console.log(`generated ${size.interactions} interactions for ${size.customers} customers in ${Math.round((performance.now() - generateStarted) / 1000)} s`);
    // The bulk load marked every customer stale: the first exclusion read catches up in one grouped pass.
    const catchUp = await samples(1, () => refreshExclusionFacts(db));
    figures.push({ name: `exclusion facts catch-up after the bulk load (${size.customers} customers)`, value: catchUp[0]!, unit: 'ms' });
    await sql`analyze`.execute(db.kysely);
    const app = await buildApp({ db, authSecret: randomBytes(32) });
    try {
      const adminToken = app.tokenSigner.sign({ sub: accounts.users.admin!, usr: 'admin', role: 'admin', team: null });
      const leadToken = app.tokenSigner.sign({ sub: accounts.users.lead1!, usr: 'lead1', role: 'team_lead', team: accounts.teams['Team A'] });
      const get = async (token: string, url: string) => {
        const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        if (response.statusCode !== 200) throw new Error(`GET ${url} → ${response.statusCode}: ${response.body.slice(0, 300)}`);
        return response;
      };
      const now = Date.now();
      const adminScope = { teamId: null, agentId: null };
      const leadScope = { teamId: accounts.teams['Team A']!, agentId: null };
      for (const [label, days] of [['a month', 30], ['200 days', 200]] as const) {
        const from = new Date(now - days * DAY_MS);
        const to = new Date(now);
        for (const [who, token, scope] of [['admin, all teams', adminToken, adminScope], ['team lead, own team', leadToken, leadScope]] as const) {
          // The raw baseline runs the same report code over the interactions instead of the summaries.
          const raw = await samples(Math.min(runs, 5), () => computeKpis(db, scope, { from, to }, { perAgent: true, perTeam: who.startsWith('admin'), series: 'day', source: 'raw' }));
          const summary = await samples(runs, () => get(token, `/api/kpis?from=${from.toISOString()}&to=${to.toISOString()}${who.startsWith('admin') ? '&teams=1' : ''}&series=day`));
          figures.push({
            name: `GET /api/kpis, ${label} (${who}; per agent${who.startsWith('admin') ? ', per team' : ''}, daily emotions) p50`, value: percentile(summary, 50), unit: 'ms',
            baseline: { name: 'raw query over the interactions', value: percentile(raw, 50) }, goal: 'well under 1,000 ms',
          });
        }
      }
      const rawExclusions = await samples(3, () => listExclusionsRaw(db, DEFAULT_EXCLUSION_THRESHOLDS, { limit: 1000 }));
      const exclusions = await samples(runs, () => get(leadToken, '/api/exclusions?limit=1000'));
      figures.push({
        name: 'GET /api/exclusions, first 1,000 p50', value: percentile(exclusions, 50), unit: 'ms',
        baseline: { name: 'previous whole-population query', value: percentile(rawExclusions, 50) }, goal: 'well under 1,000 ms',
      });
      const rawAll = await samples(3, () => listExclusionsRaw(db, DEFAULT_EXCLUSION_THRESHOLDS, {}));
      const csv = await samples(3, () => get(leadToken, '/api/exclusions?format=csv'));
      figures.push({
        name: 'GET /api/exclusions?format=csv (every excluded customer) p50', value: percentile(csv, 50), unit: 'ms',
        baseline: { name: 'previous whole-population query, all rows', value: percentile(rawAll, 50) },
      });
    } finally {
      await app.close();
    }
    return figures;
  });
  report('server-reports', figures, { size, runs, engine: 'PostgreSQL 15' });
  return figures;
}
