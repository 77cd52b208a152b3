import { openDatabase } from '../../server/src/db/database';
import { listExclusionsRaw } from '../../server/src/reports/exclusions-raw';
import { listExclusions, DEFAULT_EXCLUSION_THRESHOLDS } from '../../server/src/reports/exclusions';
import { computeKpis } from '../../server/src/reports/kpis';
const db = await openDatabase({ databaseUrl: process.argv[2], poolSize: 2 });
const t = async (name: string, fn: () => Promise<unknown>) => { const s = performance.now(); const r = await fn(); console.log(name, Math.round(performance.now() - s), 'ms', Array.isArray(r) ? r.length : ''); return r; };
const now = Date.now();
const range = { from: new Date(now - 30 * 86400000), to: new Date(now) };
const which = process.argv[3] ?? 'all';
if (which.includes('k') || which === 'all') {
  await t('kpi raw month', () => computeKpis(db, { teamId: null, agentId: null }, range, { perAgent: true, perTeam: true, series: 'day', source: 'raw' }));
  await t('kpi summary month', () => computeKpis(db, { teamId: null, agentId: null }, range, { perAgent: true, perTeam: true, series: 'day' }));
  await t('kpi summary month', () => computeKpis(db, { teamId: null, agentId: null }, range, { perAgent: true, perTeam: true, series: 'day' }));
}
if (which.includes('e') || which === 'all') {
  if (!which.includes('n')) await t('excl raw', () => listExclusionsRaw(db, DEFAULT_EXCLUSION_THRESHOLDS, { limit: 1000 }));
  await t('excl new', () => listExclusions(db, DEFAULT_EXCLUSION_THRESHOLDS, { limit: 1000 }));
  await t('excl new', () => listExclusions(db, DEFAULT_EXCLUSION_THRESHOLDS, { limit: 1000 }));
  await t('excl new all', () => listExclusions(db, DEFAULT_EXCLUSION_THRESHOLDS, {}));
}
await db.close();
