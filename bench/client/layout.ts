/**
 * What the compact customer row (renderer/src/features/sync/stored-rows.ts) saves on the initial
 * download's writes, measured in one run so machine load hits both sides alike: every snapshot
 * page's customer rows are written with raw IndexedDB puts in the layout before compaction (children
 * whole, `fieldTs` kept) and in the compact one, alternating which goes first per page
 * (renderer/src/sync-lab/bench.ts `rawLayoutCompare`); a third write of the compact rows into a
 * store without the `*childIds` index shows that index's share, and two floors, in the same
 * rotation, show what any layout can reach here: one two-field record per customer with no index
 * (the least a one-record-per-customer store can write) and one record per page of customers.
 * Then the whole download (customers and their children) in the current layout against a segment
 * layout (renderer/src/sync-lab/segment-layout.ts: ~100 customers per record and app-built
 * lookup blocks), with phone lookups timed on both.
 * Needs a build with the test pages:
 *
 *   CENTRALITA_BENCH_DOWNLOAD=100000 CENTRALITA_BENCH_SEED_CACHE=<dir> CENTRALITA_BENCH_WEB_ROOT=<build copy> npx tsx bench/client/layout.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend } from '../../e2e/support/backend';
import { openLab, persistentContext, seedDataDir, tokenFor } from './download';
import { percentile } from '../support/stats';

interface LayoutLab {
  __centralitaSync: {
    bench: {
      rawLayoutCompare(accessToken: string, limit: number): Promise<{
        pages: number; customers: number; wholeJsonBytes: number; compactJsonBytes: number;
        ms: { whole: number; compact: number; compactNoChildIndex: number; onePutPerCustomer: number; onePutPerPage: number };
      }>;
      rawSegmentCompare(accessToken: string, limit: number, lookups: number, sizes?: { segment: number; block: number }): Promise<{
        pages: number; customers: number; recordsMs: number; segmentsMs: number; blocksMs: number; segmentRecords: number; blockRecords: number;
        lookup: { records: number[]; segments: number[]; misses: number };
      }>;
    };
  };
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const count = Number(process.env.CENTRALITA_BENCH_DOWNLOAD ?? 5000);
  const webRoot = process.env.CENTRALITA_BENCH_WEB_ROOT;
  const dataDir = await seedDataDir(count);
  const backend = await startBackend({ env: { DATA_DIR: dataDir, ...(webRoot ? { WEB_ROOT: webRoot } : {}) } });
  const profile = mkdtempSync(join(tmpdir(), 'centralita-bench-profile-'));
  const context = await persistentContext(profile);
  try {
    const page = await openLab(context, backend.url);
    const token = await tokenFor(backend, 'agent1');
    const figure = await page.evaluate(([accessToken, limit]) => (globalThis as unknown as LayoutLab).__centralitaSync.bench.rawLayoutCompare(accessToken, limit), [token, 1000] as const);
    const per = (bytes: number) => round(bytes / figure.customers, 0);
    const s = (ms: number) => `${round(ms / 1000)} s`;
    console.log(`customer rows of ${figure.customers} customers (${figure.pages} pages), raw IndexedDB puts, same run, alternating:`);
    console.log(`  whole (before): ${s(figure.ms.whole)}, ${per(figure.wholeJsonBytes)} B JSON per row`);
    console.log(`  compact (now):  ${s(figure.ms.compact)}, ${per(figure.compactJsonBytes)} B JSON per row (${round(figure.ms.compact / figure.ms.whole)}× the time)`);
    console.log(`  compact without the *childIds index (what that index costs): ${s(figure.ms.compactNoChildIndex)}`);
    console.log(`  floor, one two-field record per customer, no index: ${s(figure.ms.onePutPerCustomer)}`);
    console.log(`  one record per page of ${Math.round(figure.customers / figure.pages)} compact rows, no index: ${s(figure.ms.onePutPerPage)} (${round(figure.ms.onePutPerPage / figure.ms.compact)}× the compact rows)`);
    console.log(JSON.stringify(figure));

    // CENTRALITA_BENCH_SEGMENT / CENTRALITA_BENCH_BLOCK: customers per segment record, keys per lookup block.
    const sizes = { segment: Number(process.env.CENTRALITA_BENCH_SEGMENT ?? 100), block: Number(process.env.CENTRALITA_BENCH_BLOCK ?? 1000) };
    const segments = await page.evaluate(([accessToken, limit, layout]) => (globalThis as unknown as LayoutLab).__centralitaSync.bench.rawSegmentCompare(accessToken, limit, 2000, layout), [token, 1000, sizes] as const);
    const ms3 = (value: number) => round(value, 3);
    console.log(`the whole download (customers, interactions, complaints, queue items, outcome tags), raw IndexedDB, same run, alternating per page:`);
    console.log(`  one record per row, with the store's indexes (now): ${s(segments.recordsMs)}`);
    console.log(`  segments of ${sizes.segment} customers (${segments.segmentRecords} records) + lookup blocks of ${sizes.block} keys (${segments.blockRecords} records): ${s(segments.segmentsMs + segments.blocksMs)} (blocks ${s(segments.blocksMs)}; ${round((segments.segmentsMs + segments.blocksMs) / segments.recordsMs)}× the time)`);
    const timed = (samples: number[]) => `${ms3(percentile(samples, 50))} / ${ms3(percentile(samples, 99))} ms`;
    console.log(`  phone lookup p50/p99: index get ${timed(segments.lookup.records)}, segments ${timed(segments.lookup.segments)} (${segments.lookup.misses} misses)`);
    console.log(JSON.stringify({ ...segments, lookup: undefined }));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await backend.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
