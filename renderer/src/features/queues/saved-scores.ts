/**
 * The server's last priority scores, saved on this computer (the sync feature's local-only
 * `queueScores` table): read once when the queue opens, so the order is the priority order at
 * once; written back after each live read, so the next start has them.
 */
import { useEffect, useRef, useState } from 'react';
import type { PriorityWeights } from '@contract';
import { readQueueScores, saveQueueScores, type CentralitaDb, type SavedQueueScore } from '@features/sync';
import type { ServerScore } from './model';
import type { ScoreSnapshot } from './scores';

/** User Timing mark left each time a live read has been saved (the e2e test and bench wait for it). */
export const SCORES_SAVED_MARK = 'centralita:queue-scores-saved';

export interface LastKnownScores {
  /** Each marked `lastKnown`, so rows and badges say so. */
  scores: Map<string, ServerScore>;
  weights: PriorityWeights;
  savedAt: string;
}

/** Saved scores as the queue shows them: the server's, marked as last known. */
export function asLastKnown(saved: ReadonlyMap<string, SavedQueueScore>): Map<string, ServerScore> {
  const scores = new Map<string, ServerScore>();
  for (const [itemId, score] of saved) scores.set(itemId, { ...score, lastKnown: true });
  return scores;
}

/**
 * The saved scores: undefined until read (or while not `enabled`), null when none were saved
 * or the local store failed to answer (the queue then orders as it did without them).
 */
export function useSavedScores(db: CentralitaDb | null, enabled: boolean): LastKnownScores | null | undefined {
  const [read, setRead] = useState<{ db: CentralitaDb; value: LastKnownScores | null } | undefined>(undefined);
  useEffect(() => {
    if (!db || !enabled) return undefined;
    let live = true;
    readQueueScores(db)
      .then((saved) => live && setRead({ db, value: saved && saved.scores.size > 0 ? { scores: asLastKnown(saved.scores), weights: saved.weights, savedAt: saved.savedAt } : null }))
      .catch(() => live && setRead({ db, value: null }));
    return () => {
      live = false;
    };
  }, [db, enabled]);
  if (!db) return null;
  return read && read.db === db ? read.value : undefined;
}

/**
 * Writes each new live read back (only changed rows are written), never a placeholder answer.
 * `saved`: the scores read at start, so the first write can tell which explanations changed.
 */
export function useRememberScores(db: CentralitaDb | null, data: ScoreSnapshot | undefined, isPlaceholder: boolean, answeredAt: number, saved: LastKnownScores | null): void {
  const written = useRef<ScoreSnapshot | null>(null);
  const known = useRef<ReadonlyMap<string, SavedQueueScore> | null>(null);
  useEffect(() => {
    if (!db || !data || isPlaceholder || written.current === data) return;
    written.current = data;
    saveQueueScores(db, data.scores, data.weights, new Date(answeredAt).toISOString(), known.current ?? saved?.scores)
      .then((result) => {
        known.current = data.scores;
        performance.mark(SCORES_SAVED_MARK, { detail: result });
      })
      // Not saved (storage full, closed): the next start orders by due time or estimates, as before.
      .catch(() => {
        written.current = null;
      });
  }, [db, data, isPlaceholder, answeredAt, saved]);
}
