/**
 * Applying the server's change log locally. Each page and its new cursor go in ONE transaction,
 * so a crash between pages resumes from the last applied cursor and never skips or repeats.
 * Server rows are rebased: still-pending local mutations are re-applied on top.
 */
import type { Change, Mutation } from '@contract';
import { observeStamp } from './clock';
import type { Table } from 'dexie';
import type { CentralitaDb } from './schema';
import { rebaseRow, type ApplyContext } from './local-apply';
import { foldName } from './normalize';
import { ENTITY_TABLE_NAMES, ENTITY_TABLES, entityRows, withDerivedFields } from './store';
import { keepingChildren } from './customer-children';
import { newestFieldStamp, withoutFieldStamps } from './stored-rows';
import type { DeadLetter, EntityRow, OutboxEntry } from './rows';
import type { PullPage, SyncTransport } from './transport';
import { asRedirectRow, followMerges, mergedInto } from './merges';

export interface PullTarget {
  db: CentralitaDb;
  userId: string;
}

/**
 * A server customer row with the derived fields the local store needs. The server sends a
 * customer's identities and consents as their own changes: the ones stored in its row stay.
 */
async function customerRowFromServer(db: CentralitaDb, change: Change, data: Record<string, unknown>): Promise<EntityRow> {
  const { identities: _sentSeparately, consents: _alsoSeparately, placeholder: _neverFromServer, ...fields } = data;
  // `fieldTs` only moves the local clock (observeServerClocks, from the page): not stored.
  const row: EntityRow = { ...withoutFieldStamps(fields), id: change.entityId, rev: change.rev, displayName: String(data.displayName ?? ''), nameLower: foldName(String(data.displayName ?? '')) };
  return keepingChildren(row, await db.customers.get(change.entityId));
}

export function pullTables(db: CentralitaDb): Table[] {
  return [...ENTITY_TABLE_NAMES.map((name) => db.table(name)), db.outbox, db.deadLetters, db.syncState];
}

async function pendingFor(db: CentralitaDb, entityId: string): Promise<Mutation[]> {
  const entries: OutboxEntry[] = await db.outbox.where('entityId').equals(entityId).sortBy('seq');
  return entries;
}

/** Applies one page and stores its cursor. Must run inside a transaction over `pullTables`. */
async function applyPageInTransaction(target: PullTarget, page: PullPage, nowIso: string): Promise<number> {
  const { db } = target;
  const context: ApplyContext = { userId: target.userId, nowIso };
  // Duplicates the server merged away (customer rows with `mergedInto`): duplicate → survivor.
  const merges = new Map<string, string>();
  let applied = 0;
  for (const item of page.changes) {
    if (!item.ok) {
      const letter: DeadLetter = {
        id: `pull:${item.seq ?? nowIso}`, origin: 'pull', reason: 'invalid_reply', message: item.message,
        failedAt: nowIso, entity: null, entityId: null, payload: item.raw,
      };
      await db.deadLetters.put(letter);
      continue;
    }
    const { change } = item;
    const table = entityRows(db, change.entity);
    let serverRow: EntityRow | null = null;
    if (change.op === 'upsert' && change.data) {
      serverRow = change.entity === 'customer'
        ? await customerRowFromServer(db, change, change.data)
        : { ...change.data, id: change.entityId, rev: change.rev };
    }
    const survivor = change.entity === 'customer' ? mergedInto(serverRow ?? undefined) : null;
    if (serverRow && survivor) {
      // A redirect: its pending edits move to the survivor (followMerges), not onto this row.
      await table.put(asRedirectRow(serverRow));
      merges.set(change.entityId, survivor);
      applied += 1;
      continue;
    }
    const row = rebaseRow(serverRow, await pendingFor(db, change.entityId), context);
    if (row === null) await table.delete(change.entityId);
    else await table.put(withDerivedFields(change.entity, row, nowIso));
    applied += 1;
  }
  if (merges.size > 0) await followMerges(db, merges, context);
  const meta = await db.syncState.get('meta');
  if (meta && meta.key === 'meta') {
    await db.syncState.put({ ...meta, cursor: page.cursor, lastSyncAt: nowIso });
    await observeServerClocks(db, meta.clientId, page);
  }
  return applied;
}

/** The newest field stamp the server sent (customers carry `fieldTs`: field → HLC). */
export function newestStamp(page: PullPage): string | null {
  return newestFieldStamp(page.changes.map((item) => (item.ok ? item.change.data : undefined)));
}

/** Later local edits must sort after every edit we have seen, even if our wall clock lags. */
async function observeServerClocks(db: CentralitaDb, node: string, page: PullPage): Promise<void> {
  await observeNewestStamp(db, node, newestStamp(page));
}

/** Folds the newest server stamp into the persisted HLC (inside the caller's transaction). */
export async function observeNewestStamp(db: CentralitaDb, node: string, newest: string | null): Promise<void> {
  if (!newest) return;
  const clock = await db.syncState.get('clock');
  const last = clock && clock.key === 'clock' ? clock.stamp : null;
  if (last !== null && last >= newest) return;
  await db.syncState.put({ key: 'clock', stamp: observeStamp(last, node, newest, Date.now()) });
}

/**
 * The tables one page touches, and only those (see writeTables in store.ts): a page of
 * interactions must not lock customers against the agent's next write.
 */
function pageTables(db: CentralitaDb, page: PullPage): Table[] {
  const names = new Set<string>();
  for (const item of page.changes) {
    if (!item.ok) continue;
    // Following a merge moves rows of every customer-owned table.
    if (item.change.entity === 'customer' && mergedInto(item.change.data ?? undefined)) return pullTables(db);
    names.add(ENTITY_TABLES[item.change.entity]);
  }
  return [...[...names].map((name) => db.table(name)), db.outbox, db.deadLetters, db.syncState];
}

export async function applyPullPage(target: PullTarget, page: PullPage): Promise<number> {
  const { db } = target;
  return db.transaction('rw', pageTables(db, page), () => applyPageInTransaction(target, page, new Date().toISOString()));
}

export async function currentCursor(db: CentralitaDb): Promise<string> {
  const meta = await db.syncState.get('meta');
  return meta && meta.key === 'meta' ? meta.cursor : '0';
}

/**
 * The cursor expired (or this is a fresh refetch): drop every cached entity row, keep the outbox
 * and dead letters, re-apply pending mutations so the agent's unsent work stays visible, and
 * restart from cursor 0 — all in one transaction.
 */
export async function resetForRefetch(target: PullTarget): Promise<void> {
  const { db } = target;
  await db.transaction('rw', pullTables(db), async () => {
    for (const name of ENTITY_TABLE_NAMES) await db.table(name).clear();
    const nowIso = new Date().toISOString();
    const context: ApplyContext = { userId: target.userId, nowIso };
    const byEntity = new Map<string, OutboxEntry[]>();
    await db.outbox.orderBy(':id').each((entry) => {
      const list = byEntity.get(entry.entityId) ?? [];
      list.push(entry);
      byEntity.set(entry.entityId, list);
    });
    for (const entries of byEntity.values()) {
      const first = entries[0]!;
      const row = rebaseRow(null, entries, context);
      if (row) await entityRows(db, first.entity).put(withDerivedFields(first.entity, row, nowIso));
    }
    const meta = await db.syncState.get('meta');
    if (meta && meta.key === 'meta') await db.syncState.put({ ...meta, cursor: '0' });
  });
}

/** Pulls every page after the stored cursor. `onPage` reports how many changes were applied so far. */
export async function pullAll(
  target: PullTarget,
  transport: SyncTransport,
  { limit = 1000, onPage, shouldStop }: { limit?: number; onPage?: (appliedSoFar: number) => void | Promise<void>; shouldStop?: () => boolean } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    if (shouldStop?.()) return total;
    const cursor = await currentCursor(target.db);
    const page = await transport.pull(cursor, limit);
    total += await applyPullPage(target, page);
    await onPage?.(total);
    if (!page.hasMore || page.cursor === cursor) return total;
  }
}
