/**
 * Streams a CRM export into the golden record. Each valid row is matched to an existing customer by
 * customer number, then phone, then email (following merges to the surviving record); a match is
 * updated and gains the row's new identities, otherwise a customer is created. Rows are applied in
 * batches, one transaction per batch, and announced in the change log so clients pull them.
 * Bad rows never stop the import: they go to `onReject` with their line number and reason.
 * It ends by bringing the exclusion facts up to date, so the exclusion list is current right after.
 */
import { randomUUID } from 'node:crypto';
import { type CountryCode } from 'libphonenumber-js/max';
import { formatHlc } from '@contract';
import { type Database, type Tx } from '../db/database';
import { refreshExclusionFacts } from '../reports/exclusion-facts';
import { type ChangeRef, appendChanges } from '../sync/change-log';
import { readCsv } from './csv';
import { type ImportCustomer, mapHeader, validateRow } from './validate';

export interface ImportOptions {
  defaultCountry?: CountryCode;
  batchSize?: number;
  onReject?: (line: number, reason: string, fields: readonly string[]) => void | Promise<void>;
  /** Called after each batch with the number of data rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

export interface ImportResult {
  rows: number;
  inserted: number;
  updated: number;
  rejected: number;
}

export async function importCustomers(db: Database, source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: ImportOptions = {}): Promise<ImportResult> {
  const defaultCountry = options.defaultCountry ?? 'ES';
  const batchSize = options.batchSize ?? 500;
  const result: ImportResult = { rows: 0, inserted: 0, updated: 0, rejected: 0 };
  let header: ReturnType<typeof mapHeader> | null = null;
  let batch: ImportCustomer[] = [];

  const reject = async (line: number, reason: string, fields: readonly string[]): Promise<void> => {
    result.rejected++;
    await options.onReject?.(line, reason, fields);
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const outcome = await db.transaction(async (trx) => {
      const changes: ChangeRef[] = [];
      let inserted = 0;
      for (const row of rows) if (await upsertCustomer(trx, row, changes)) inserted++;
      await appendChanges(trx, changes);
      return { inserted, updated: rows.length - inserted };
    });
    result.inserted += outcome.inserted;
    result.updated += outcome.updated;
    options.onProgress?.(result.rows);
  };

  for await (const record of readCsv(source)) {
    if (!header) {
      if (record.error) throw new Error(`line ${record.line}: the header cannot be read (${record.error})`);
      header = mapHeader(record.fields); // throws a clear error for an unusable file: nothing imported
      continue;
    }
    result.rows++;
    if (record.error) {
      await reject(record.line, record.error, record.fields);
      continue;
    }
    const validated = validateRow(record.line, record.fields, header, { defaultCountry });
    if (!validated.ok) await reject(validated.line, validated.reason, record.fields);
    else batch.push(validated.customer);
    if (batch.length >= batchSize) await flush();
  }
  if (!header) throw new Error('the file is empty (no header row)');
  await flush();
  // Today's import columns (names, identities, value) feed no exclusion rule, but whatever an import
  // marks stale (now or when it learns consents or complaints) is current when it returns.
  await refreshExclusionFacts(db);
  options.onProgress?.(result.rows);
  return result;
}

/** Returns true when a new customer was created, false when an existing one was updated. */
async function upsertCustomer(trx: Tx, row: ImportCustomer, changes: ChangeRef[]): Promise<boolean> {
  const now = new Date();
  const stamp = formatHlc({ wallMs: now.getTime(), counter: 0, node: 'import' });
  const existing = await findMatch(trx, row);
  const fields: Record<string, unknown> = { display_name: row.displayName };
  if (row.language !== null) fields.language = row.language;
  if (row.loyaltyLevel !== null) fields.loyalty_level = row.loyaltyLevel;
  if (row.lifetimeValue !== null) fields.clv = row.lifetimeValue;

  let customerId: string;
  let rev = 1;
  if (existing) {
    customerId = existing.id;
    const stamped = { ...existing.field_ts, ...Object.fromEntries(Object.keys(fields).map((column) => [FIELD_NAMES[column] ?? column, stamp])) };
    rev = existing.rev + 1;
    await trx.updateTable('customers').set({ ...fields, field_ts: JSON.stringify(stamped), rev, updated_at: now }).where('id', '=', customerId).execute();
  } else {
    customerId = randomUUID();
    const stamped = Object.fromEntries(Object.keys(fields).map((column) => [FIELD_NAMES[column] ?? column, stamp]));
    await trx.insertInto('customers').values({
      id: customerId, display_name: row.displayName, language: row.language, loyalty_level: row.loyaltyLevel ?? 'none',
      clv: row.lifetimeValue ?? 0, field_ts: JSON.stringify(stamped),
    }).execute();
  }
  changes.push({ entity: 'customer', entityId: customerId, op: 'upsert', rev, teamId: null });

  for (const phone of row.phones) {
    const inserted = await trx.insertInto('customer_phones').values({ id: randomUUID(), customer_id: customerId, e164: phone, label: null, stamp })
      .onConflict((oc) => oc.columns(['customer_id', 'e164']).doNothing()).returning('id').executeTakeFirst();
    if (inserted) changes.push({ entity: 'identity', entityId: inserted.id, op: 'upsert', rev: 1, teamId: null });
  }
  const others = [
    ...row.emails.map((value) => ({ kind: 'email' as const, value })),
    ...(row.customerNumber ? [{ kind: 'customer_number' as const, value: row.customerNumber }] : []),
  ];
  for (const identity of others) {
    const inserted = await trx.insertInto('customer_identities').values({ id: randomUUID(), customer_id: customerId, kind: identity.kind, value: identity.value, stamp })
      .onConflict((oc) => oc.columns(['customer_id', 'kind', 'value']).doNothing()).returning('id').executeTakeFirst();
    if (inserted) changes.push({ entity: 'identity', entityId: inserted.id, op: 'upsert', rev: 1, teamId: null });
  }
  return !existing;
}

/** Column → the per-field stamp key the sync layer uses for last-writer-wins. */
const FIELD_NAMES: Record<string, string> = { display_name: 'displayName', language: 'language', loyalty_level: 'loyaltyLevel', clv: 'clv' };

async function findMatch(trx: Tx, row: ImportCustomer): Promise<{ id: string; rev: number; field_ts: Record<string, string> } | null> {
  const candidates: (string | undefined)[] = [];
  if (row.customerNumber) {
    candidates.push((await trx.selectFrom('customer_identities').select('customer_id')
      .where('kind', '=', 'customer_number').where('value', '=', row.customerNumber).limit(1).executeTakeFirst())?.customer_id);
  }
  if (row.phones.length > 0) {
    candidates.push((await trx.selectFrom('customer_phones').select('customer_id').where('e164', 'in', row.phones).limit(1).executeTakeFirst())?.customer_id);
  }
  if (row.emails.length > 0) {
    candidates.push((await trx.selectFrom('customer_identities').select('customer_id')
      .where('kind', '=', 'email').where('value', 'in', row.emails).limit(1).executeTakeFirst())?.customer_id);
  }
  const first = candidates.find((id): id is string => id !== undefined);
  if (!first) return null;
  // A merged duplicate points at its survivor: the golden record is the end of that chain.
  let id = first;
  for (let hops = 0; hops < 10; hops++) {
    const customer = await trx.selectFrom('customers').select(['id', 'rev', 'field_ts', 'merged_into']).where('id', '=', id).executeTakeFirstOrThrow();
    if (!customer.merged_into) return { id: customer.id, rev: customer.rev, field_ts: customer.field_ts };
    id = customer.merged_into;
  }
  throw new Error(`customer ${first} has a merge chain longer than 10`);
}
