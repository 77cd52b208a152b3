/**
 * Bytes per stored customer row: the layout before compaction (children stored whole, `fieldTs`
 * kept) against the one the store writes now (renderer/src/features/sync/stored-rows.ts), and what
 * each dropped field cost. Sizes are V8 serializations (`v8.serialize`): Chromium stores an
 * IndexedDB value as V8's structured-clone serialization plus a few bytes of envelope, so these are
 * the bytes written per row, within a few. JSON sizes are given beside them.
 *
 *   CENTRALITA_BENCH_ROW_CUSTOMERS=2000 [CENTRALITA_BENCH_SEED_CACHE=<dir>] npx tsx bench/client/row-bytes.ts
 *
 * The seeded data comes from the same generator as the 100k download bench (bench/client/download.ts).
 */
import { serialize } from 'node:v8';
import { rmSync } from 'node:fs';
import { startBackend } from '../../e2e/support/backend';
import { seedDataDir, tokenFor } from './download';
import { withChildIndexes } from '../../renderer/src/features/sync/customer-children';
import { foldName } from '../../renderer/src/features/sync/normalize';
import { withoutFieldStamps } from '../../renderer/src/features/sync/stored-rows';
import type { CustomerRow, EntityRow } from '../../renderer/src/features/sync/rows';

type Row = EntityRow & Record<string, unknown>;
interface Page { customers: Row[]; identities: Row[]; consents: Row[]; next: string | null }

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

function grouped(page: Page): Map<string, { identities: Row[]; consents: Row[] }> {
  const children = new Map<string, { identities: Row[]; consents: Row[] }>();
  for (const field of ['identities', 'consents'] as const) {
    for (const row of page[field]) {
      const customerId = String(row.customerId);
      let own = children.get(customerId);
      if (!own) children.set(customerId, (own = { identities: [], consents: [] }));
      own[field].push(row);
    }
  }
  return children;
}

/** The row as stored before compaction: children whole (v3), `fieldTs` kept. */
function wholeRow(row: Row, own: { identities: Row[]; consents: Row[] }): Row {
  const values = (kind: string) => [...new Set(own.identities.filter((identity) => identity.kind === kind).map((identity) => String(identity.value)))];
  return {
    ...row, displayName: String(row.displayName ?? ''), nameLower: foldName(String(row.displayName ?? '')), ...own,
    childIds: [...own.identities, ...own.consents].map((child) => child.id),
    phones: values('phone'), emails: values('email'), customerNumbers: values('customer_number'),
  };
}

/** The row as the store writes it now (what snapshot.ts does per customer). */
function storedRow(row: Row, own: { identities: Row[]; consents: Row[] }): Row {
  return withChildIndexes({ ...withoutFieldStamps(row), displayName: String(row.displayName ?? ''), nameLower: foldName(String(row.displayName ?? '')), ...own } as CustomerRow);
}

/** The whole row without one field in every child (or in the customer, for `fieldTs`). */
function without(row: Row, field: string): Row {
  const strip = (children: unknown) => (children as Row[]).map(({ [field]: _dropped, ...rest }) => rest);
  if (field === 'fieldTs') return withoutFieldStamps(row);
  return { ...row, identities: strip(row.identities), consents: strip(row.consents) };
}

async function main(): Promise<void> {
  const count = Number(process.env.CENTRALITA_BENCH_ROW_CUSTOMERS ?? 2000);
  const dataDir = await seedDataDir(count);
  const backend = await startBackend({ env: { DATA_DIR: dataDir } });
  try {
    const token = await tokenFor(backend, 'agent1');
    const totals = { rows: 0, whole: 0, stored: 0, wholeJson: 0, storedJson: 0 };
    const fieldCost = new Map<string, number>();
    const fields = ['id', 'customerId', 'rev', 'label', 'stampedAt', 'revokedAt', 'fieldTs'];
    for (let after: string | null = null; ;) {
      const response: Response = await fetch(`${backend.url}/api/sync/snapshot?limit=1000${after ? `&after=${after}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
      const page = (await response.json()) as Page;
      const children = grouped(page);
      for (const row of page.customers) {
        const own = children.get(row.id) ?? { identities: [], consents: [] };
        const whole = wholeRow(row, own);
        const wholeBytes = serialize(whole).length;
        totals.rows += 1;
        totals.whole += wholeBytes;
        totals.stored += serialize(storedRow(row, own)).length;
        totals.wholeJson += JSON.stringify(whole).length;
        totals.storedJson += JSON.stringify(storedRow(row, own)).length;
        for (const field of fields) fieldCost.set(field, (fieldCost.get(field) ?? 0) + wholeBytes - serialize(without(whole, field)).length);
      }
      after = page.next;
      if (after === null) break;
    }
    const per = (bytes: number) => round(bytes / totals.rows);
    console.log(`customer rows measured: ${totals.rows}`);
    console.log(`  before (children whole, fieldTs kept): ${per(totals.whole)} B per row (V8), ${per(totals.wholeJson)} B JSON`);
    console.log(`  now (stored-rows.ts):                  ${per(totals.stored)} B per row (V8), ${per(totals.storedJson)} B JSON (${round((1 - totals.stored / totals.whole) * 100, 1)} % less)`);
    console.log('  what each field cost per customer row (V8 bytes, all children together; dropped only where derivable):');
    for (const field of fields) console.log(`    ${field.padEnd(11)} ${per(fieldCost.get(field)!)} B`);
    console.log(JSON.stringify({ rows: totals.rows, wholeBytesPerRow: per(totals.whole), storedBytesPerRow: per(totals.stored), fieldCost: Object.fromEntries([...fieldCost].map(([field, bytes]) => [field, per(bytes)])) }));
  } finally {
    await backend.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
