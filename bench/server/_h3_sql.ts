import pg from 'pg';
import { openDatabase } from '../../server/src/db/database';
import { listExclusions, DEFAULT_EXCLUSION_THRESHOLDS } from '../../server/src/reports/exclusions';
const original = pg.Client.prototype.query;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text: string; values?: unknown[] };
  const text = typeof first === 'string' ? first : first?.text;
  if (text && text.includes(process.env.MATCH ?? 'open_complaints')) {
    const values = (typeof first === 'string' ? args[1] : first.values) as unknown[];
    let out = text;
    values.forEach((v, i) => { out = out.replaceAll(new RegExp(`\\$${i + 1}(?![0-9])`, 'g'), `'${String(v)}'`); });
    console.log(out + ';');
  }
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as never;
const db = await openDatabase({ databaseUrl: process.argv[2], poolSize: 1 });
await listExclusions(db, DEFAULT_EXCLUSION_THRESHOLDS, { limit: Number(process.env.LIMIT ?? 0) || undefined });
await db.close();
