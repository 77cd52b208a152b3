/**
 * Validating a snapshot page. The envelope is checked with zod; the up to ~10,000 rows of a page
 * only for what storing them needs (an id and a revision), because a full zod pass per row would
 * cost more than writing it. A bad row is reported, not thrown, so the rest of the page is kept.
 */
import { z } from 'zod';
import { SyncHttpError } from './transport';

export const SNAPSHOT_TABLES = ['customers', 'identities', 'consents', 'complaints', 'interactions', 'outcomeTags', 'queueItems'] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

export interface SnapshotRowData {
  id: string;
  rev: number;
  [field: string]: unknown;
}

export interface SnapshotBatch {
  cursor: string;
  total: number | null;
  next: string | null;
  rows: Record<SnapshotTable, SnapshotRowData[]>;
  invalid: Array<{ table: SnapshotTable; message: string; raw: unknown }>;
  /** How long the request and the JSON parse took (the transport fills it in; for bench/client). */
  timing?: { fetchMs: number; parseMs: number; bytes: number };
}

const rowList = z.array(z.unknown());
const envelope = z.object({
  cursor: z.string().regex(/^\d{1,19}$/),
  total: z.number().int().nonnegative().nullable(),
  next: z.string().min(1).nullable(),
  customers: rowList, identities: rowList, consents: rowList, complaints: rowList, interactions: rowList, outcomeTags: rowList, queueItems: rowList,
});

function isRow(value: unknown): value is SnapshotRowData {
  if (!value || typeof value !== 'object') return false;
  const row = value as Record<string, unknown>;
  return typeof row.id === 'string' && row.id.length > 0 && Number.isInteger(row.rev);
}

export function parseSnapshotReply(body: unknown): SnapshotBatch {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncHttpError('invalid_reply', `Snapshot reply failed validation: ${issue ? `${issue.path.join('.') || '(reply)'}: ${issue.message}` : 'invalid'}`);
  }
  const rows = {} as Record<SnapshotTable, SnapshotRowData[]>;
  const invalid: SnapshotBatch['invalid'] = [];
  for (const table of SNAPSHOT_TABLES) {
    rows[table] = [];
    for (const raw of parsed.data[table]) {
      if (isRow(raw)) rows[table].push(raw);
      else invalid.push({ table, message: `Snapshot ${table} row failed validation: needs a string id and an integer rev`, raw });
    }
  }
  return { cursor: parsed.data.cursor, total: parsed.data.total, next: parsed.data.next, rows, invalid };
}
