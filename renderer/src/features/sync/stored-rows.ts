/**
 * What a customer row keeps of the server's data. Since v3 a customer's identities and consents
 * live inside its row, and the initial download's cost became per byte as much as per put
 * (docs/BENCHMARKS.md): a child stored whole repeats what its holder already says. So a stored
 * child drops every field that can be rebuilt exactly, and `expandChild` rebuilds it on read:
 * - `id`: the row's `childIds` (the `*childIds` index needs it anyway) lists identities first,
 *   then consents, in the order of the two arrays (`withChildIndexes` builds both together);
 * - `customerId`: the holder's id;
 * - `rev: 1`, an identity's `label: null`, a consent's `stampedAt` (the wall time of its HLC
 *   `stamp`) and `revokedAt` (its `stampedAt` when revoked, else null), when they hold exactly
 *   that value — any other value is kept, so compacting never loses anything. (An identity
 *   added locally has no label yet: it reads `label: null`, what the server sends for it.)
 * The customer's own `fieldTs` (field → HLC) is dropped once the local clock has observed it
 * (pull.ts, snapshot.ts, push.ts): the server decides per-field conflicts, the client only needs
 * its clock to move past them. Rows stored before this (children whole, `fieldTs` kept) read the
 * same: a field present is never overwritten.
 */
import { parseHlc } from '@contract';
import type { EntityRow, StoredChild } from './rows';

export type ChildEntity = 'identity' | 'consent';

/** The value a dropped field had, from the holder and the fields rebuilt before it (undefined: not derivable). */
type Derive = (row: Record<string, unknown>, holderId: string) => unknown;

/** The wall-clock time of an HLC stamp as ISO, e.g. a consent's `stampedAt`. */
function stampTime(row: Record<string, unknown>): string | undefined {
  const stamp = typeof row.stamp === 'string' ? parseHlc(row.stamp) : null;
  if (!stamp) return undefined;
  const time = new Date(stamp.wallMs);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** Rebuilt in this order on read; each rule may use fields rebuilt before it. */
const DERIVED: Record<ChildEntity, ReadonlyArray<readonly [string, Derive]>> = {
  identity: [
    ['customerId', (_row, holderId) => holderId],
    ['rev', () => 1],
    ['label', () => null],
  ],
  consent: [
    ['customerId', (_row, holderId) => holderId],
    ['rev', () => 1],
    ['stampedAt', stampTime],
    // Only for a server row (it has `stampedAt`): a consent decided offline has no such field.
    ['revokedAt', (row) => (typeof row.stampedAt !== 'string' ? undefined : row.status === 'revoked' ? row.stampedAt : null)],
  ],
};

/** The child as stored in `holderId`'s row: without its id and the fields `expandChild` rebuilds exactly. */
export function compactChild(entity: ChildEntity, row: EntityRow, holderId: string): StoredChild {
  const { id: _listedInChildIds, ...stored } = row as Record<string, unknown>;
  for (const [field, derive] of DERIVED[entity]) {
    // Checked against the whole row: on read, rules run in order over fields already rebuilt.
    const derived = derive(row, holderId);
    if (derived !== undefined && field in stored && stored[field] === derived) delete stored[field];
  }
  return stored;
}

/** The child as the server sent it (or as local edits made it), from its stored form. */
export function expandChild(entity: ChildEntity, stored: StoredChild, holderId: string, listedId: string | undefined): EntityRow {
  // A child stored whole (or just sent by the server) needs nothing: no copy (the download path).
  if (typeof stored.id === 'string' && DERIVED[entity].every(([field]) => field in stored)) return stored as EntityRow;
  const row: Record<string, unknown> = { ...stored };
  if (typeof row.id !== 'string' && listedId !== undefined) row.id = listedId;
  for (const [field, derive] of DERIVED[entity]) {
    if (field in row) continue;
    const derived = derive(row, holderId);
    if (derived !== undefined) row[field] = derived;
  }
  return row as EntityRow;
}

/** A customer row without its per-field stamps (observe them with the clock first). */
export function withoutFieldStamps<T extends Record<string, unknown>>(row: T): T {
  if (!('fieldTs' in row)) return row;
  const { fieldTs: _observedByTheClock, ...rest } = row;
  return rest as T;
}

/** The newest valid HLC among customer rows' `fieldTs` (what the local clock must move past). */
export function newestFieldStamp(rows: Iterable<Record<string, unknown> | null | undefined>): string | null {
  let newest: string | null = null;
  for (const row of rows) {
    const fieldTs = row?.fieldTs;
    if (!fieldTs || typeof fieldTs !== 'object') continue;
    for (const stamp of Object.values(fieldTs as Record<string, unknown>)) {
      if (typeof stamp === 'string' && (newest === null || stamp > newest) && parseHlc(stamp) !== null) newest = stamp;
    }
  }
  return newest;
}
