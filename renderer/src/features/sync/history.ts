/**
 * Older history on demand. The snapshot keeps 90 days of interactions (and open complaints only);
 * when a customer's timeline scrolls past what the cache holds, `loadOlderInteractions` asks the
 * server (`GET /api/sync/history`) for the next older page, resuming after the oldest
 * interaction held, and stores it in the local cache, so the timeline's live query simply grows.
 * Rows already held with the same or a newer revision (or unsent local changes) are kept as they are.
 */
import Dexie from 'dexie';
import { HISTORY_DEFAULT_LIMIT, SNAPSHOT_INTERACTION_DAYS } from '@contract';
import type { CentralitaDb } from './schema';
import { resolveCustomerId } from './merges';
import { withDerivedFields } from './store';
import type { EntityRow, InteractionRow } from './rows';
import type { SyncTransport } from './transport';

export type HistoryCursor = { before: string; beforeId: string };

export interface OlderHistoryResult {
  /** Interactions the server sent in this page. */
  loaded: number;
  /** Where the next older page starts; null when the server has nothing older (timeline complete). */
  next: HistoryCursor | null;
}

/**
 * Where the first request starts: the oldest interaction held inside the snapshot's window
 * (everything newer is in the cache). Older rows the cache may hold (pulled because they changed)
 * are not contiguous, so they are no resume point.
 */
async function firstResumePoint(db: CentralitaDb, customerId: string, nowMs: number): Promise<HistoryCursor | null> {
  const horizon = new Date(nowMs - SNAPSHOT_INTERACTION_DAYS * 86_400_000).toISOString();
  const oldest: InteractionRow | undefined = await db.interactions
    .where('[customerId+occurredAt]').between([customerId, horizon], [customerId, Dexie.maxKey]).first();
  return oldest ? { before: oldest.occurredAt, beforeId: oldest.id } : null;
}

/** Stores server rows unless the cache already holds that revision or newer, or has unsent changes. */
async function storeOlder(db: CentralitaDb, table: 'interactions' | 'outcomeTags', rows: readonly EntityRow[], nowIso: string): Promise<void> {
  if (rows.length === 0) return;
  const held = await db.table<EntityRow, string>(table).bulkGet(rows.map((row) => row.id));
  const pending = new Set((await db.outbox.where('entityId').anyOf(rows.map((row) => row.id)).toArray()).map((entry) => entry.entityId));
  const fresh = rows.filter((row, index) => !pending.has(row.id) && (held[index] === undefined || held[index]!.rev < row.rev));
  if (fresh.length === 0) return;
  await db.table(table).bulkPut(table === 'interactions' ? fresh.map((row) => withDerivedFields('interaction', row, nowIso)) : [...fresh]);
}

/**
 * Fetches and caches the next older page of `customerId`'s interactions (follows merges). Pass
 * the previous result's `next` to continue; `undefined` starts below the snapshot's window.
 */
export async function loadOlderInteractions(
  db: CentralitaDb, transport: SyncTransport, customerId: string, from?: HistoryCursor | null, limit = HISTORY_DEFAULT_LIMIT,
): Promise<OlderHistoryResult> {
  const survivor = await resolveCustomerId(db, customerId);
  const start = from === undefined ? await firstResumePoint(db, survivor, Date.now()) : from;
  const page = await transport.history(survivor, start, limit);
  const nowIso = new Date().toISOString();
  await db.transaction('rw', db.interactions, db.outcomeTags, db.outbox, async () => {
    await storeOlder(db, 'interactions', page.interactions, nowIso);
    await storeOlder(db, 'outcomeTags', page.outcomeTags, nowIso);
  });
  return { loaded: page.interactions.length, next: page.next };
}
