/**
 * The work queue's last known priority scores (schema v5, table `queueScores`): the backend's
 * scores, explanations and weights as last read, kept on this computer only (the database is
 * per user; nothing here is synced or queued). The next start orders the queue by them at once
 * instead of by due time, and when the live read lands only the items whose score changed move.
 *
 * One row per item (`key` = item id, `score` indexed for the first page) and one meta row
 * (weights, when they were read) that has no `score`, so the index never lists it.
 */
import { soonestQueueItems } from './queries';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef } from 'react';
import type { PriorityScore, PriorityWeights } from '@contract';
import type { CentralitaDb } from './schema';
import type { EntityRow } from './rows';
import { useSyncSession } from './hooks';

export interface SavedQueueScore {
  priority: PriorityScore;
  customerName: string;
  complaintTypeId: string | null;
}

interface ScoreRow extends SavedQueueScore {
  key: string;
  score: number;
}

const META_KEY = '~meta';

interface ScoreMetaRow {
  key: typeof META_KEY;
  weights: PriorityWeights;
  /** When the server's read these scores come from answered (ISO). */
  savedAt: string;
}

export type QueueScoreRow = ScoreRow | ScoreMetaRow;

const isScoreRow = (row: QueueScoreRow | undefined): row is ScoreRow => row !== undefined && row.key !== META_KEY;

export interface SavedQueueScores {
  scores: Map<string, SavedQueueScore>;
  weights: PriorityWeights;
  savedAt: string;
}

/** The last saved scores, or null when none were ever saved for this user. */
export async function readQueueScores(db: CentralitaDb): Promise<SavedQueueScores | null> {
  const rows = await db.queueScores.toArray();
  const meta = rows.find((row): row is ScoreMetaRow => row.key === META_KEY);
  if (!meta) return null;
  const scores = new Map<string, SavedQueueScore>();
  for (const row of rows) if (isScoreRow(row)) scores.set(row.key, { priority: row.priority, customerName: row.customerName, complaintTypeId: row.complaintTypeId });
  return { scores, weights: meta.weights, savedAt: meta.savedAt };
}

/** Same score and same explanation (the factors' inputs and weights). */
function sameScore(a: SavedQueueScore, b: SavedQueueScore): boolean {
  if (a.priority.score !== b.priority.score || a.customerName !== b.customerName || a.complaintTypeId !== b.complaintTypeId) return false;
  const [left, right] = [a.priority.factors, b.priority.factors];
  return left.length === right.length && left.every((factor, n) => {
    const other = right[n]!;
    return factor.factor === other.factor && factor.input === other.input && factor.weight === other.weight && factor.contribution === other.contribution && factor.normalized === other.normalized;
  });
}

/**
 * Replaces the saved scores with a new server read: writes only the rows whose score changed,
 * new items, and (against `known`: what the caller last read or saved) those whose explanation
 * changed; deletes the rows of items the read no longer has (done, or another team's now). The
 * stored scores are read from the score index's keys, not the rows, so a read every minute does
 * not deserialise 10,000 explanations on the renderer's thread. One transaction on this table
 * only, so it never waits for, or holds up, the sync engine's writes.
 */
export async function saveQueueScores(
  db: CentralitaDb,
  scores: ReadonlyMap<string, SavedQueueScore>,
  weights: PriorityWeights,
  savedAt: string,
  known: ReadonlyMap<string, SavedQueueScore> = new Map(),
): Promise<{ written: number; deleted: number }> {
  return db.transaction('rw', db.queueScores, async () => {
    const byScore = db.queueScores.orderBy('score');
    // Both walk the same index in the same transaction: the n-th key belongs to the n-th item.
    const [itemIds, storedScores] = await Promise.all([byScore.primaryKeys(), byScore.keys()]);
    const stored = new Map<string, unknown>(itemIds.map((itemId, n) => [String(itemId), storedScores[n]]));
    const changed: QueueScoreRow[] = [];
    for (const [itemId, score] of scores) {
      const before = known.get(itemId);
      if (stored.get(itemId) === score.priority.score && (!before || sameScore(before, score))) continue;
      changed.push({ key: itemId, score: score.priority.score, priority: score.priority, customerName: score.customerName, complaintTypeId: score.complaintTypeId });
    }
    const gone = [...stored.keys()].filter((itemId) => !scores.has(itemId));
    changed.push({ key: META_KEY, weights, savedAt });
    await db.queueScores.bulkPut(changed);
    await db.queueScores.bulkDelete(gone);
    return { written: changed.length - 1, deleted: gone.length };
  });
}

export interface ScoredQueuePage {
  /** The rows `accept` kept that can be among the first `limit` (unsorted, possibly more). */
  rows: EntityRow[];
  /** The saved scores of those rows. */
  scores: Map<string, SavedQueueScore>;
  /** When the saved scores were read from the server; null when none are saved. */
  savedAt: string | null;
}

const BATCH = 200;

/**
 * The candidates for the first `limit` rows of the queue ordered by the saved scores (highest
 * first, unscored items after, then due time, then id): the score index is walked downwards and
 * the items read by key until `limit` rows are accepted AND every row tied with the last one is
 * in; when the saved scores run out first, the unscored rows follow through the due-time index.
 * Sorting the result the queue's way and taking `limit` gives exactly the first rows of the whole
 * queue built with the same scores (unit-tested in the queues feature).
 */
export async function firstScoredQueueItems(db: CentralitaDb, states: readonly string[], limit: number, accept: (row: EntityRow) => boolean): Promise<ScoredQueuePage> {
  const meta = await db.queueScores.get(META_KEY);
  const savedAt = meta && !isScoreRow(meta) ? meta.savedAt : null;
  const rows: EntityRow[] = [];
  const scores = new Map<string, SavedQueueScore>();
  let boundary: number | null = null;
  for (let offset = 0; ; offset += BATCH) {
    const batch = (await db.queueScores.orderBy('score').reverse().offset(offset).limit(BATCH).toArray()).filter(isScoreRow);
    const items = await db.queueItems.bulkGet(batch.map((row) => row.key));
    for (const [n, row] of batch.entries()) {
      if (boundary !== null && row.score < boundary) return { rows, scores, savedAt };
      const item = items[n];
      if (!item || !accept(item)) continue;
      rows.push(item);
      scores.set(row.key, { priority: row.priority, customerName: row.customerName, complaintTypeId: row.complaintTypeId });
      if (rows.length === limit) boundary = row.score;
    }
    if (batch.length < BATCH) break;
  }
  if (rows.length >= limit) return { rows, scores, savedAt };
  // Fewer scored rows than a page: the unscored rows come next, soonest due first.
  const saved = new Set((await db.queueScores.toCollection().primaryKeys()).map(String));
  const unscored = (row: EntityRow) => !saved.has(row.id) && accept(row);
  // Bounded like the due-time first page: when nearly every row is scored, the walk would
  // otherwise step through the whole state turning scored rows down.
  const tails = await Promise.all(states.map((state) => soonestQueueItems(db, state, limit - rows.length, unscored)));
  return { rows: [...rows, ...tails.flat()], scores, savedAt };
}

/**
 * Live `firstScoredQueueItems`: `key` stands for what `accept` decides (it is a new function on
 * every render); with `enabled` false nothing is read (undefined).
 */
export function useFirstScoredQueueItems(states: readonly string[], limit: number, accept: ((row: EntityRow) => boolean) | null, key: string, enabled = true): ScoredQueuePage | undefined {
  const session = useSyncSession();
  const latest = useRef(accept);
  latest.current = accept;
  const stateKey = states.join(',');
  return useLiveQuery(async () => {
    const current = latest.current;
    if (!enabled || !session || !current) return undefined;
    return firstScoredQueueItems(session.store.db, stateKey.split(','), limit, current);
  }, [session, stateKey, limit, key, enabled]);
}
