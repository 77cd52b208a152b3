/**
 * Primes the screen-pop path once the agent is signed in and the local cache holds the download
 * (at once for a returning agent; after the first download on a first sign-in), so the first call
 * of the shift pops as fast as the later ones (the first pop was the slowest in the profile). Two
 * steps, both before any call in practice (sign-in, the phone registers, then calls come):
 * 1. when the browser is idle (within a second): one missing phone lookup, one read per detail
 *    table (opens the IndexedDB indexes), a national-number normalisation (libphonenumber's
 *    metadata and code) and the card's Intl formatters in the UI language;
 * 2. a rehearsal: the card of one cached customer rendered once off screen (`PopRehearsal`), so
 *    React, the live queries, the card's components and the browser's style and layout code have
 *    all run once. Nothing is shown or written.
 * The whole warm-up is recorded as the User Timing measure `cc-pop:warm-up` (bench/card reads it).
 * A call that comes first ends the warm-up: its own pop warms the path.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  customerChildren, customerComplaints, customerTimeline, findCustomerByPhone, normalizePhone, readCustomerByPhone, useSyncCursor, useSyncSession,
} from '@features/sync';
import { formatDate, formatDay, formatMoney, formatNumber, languageOf } from './format';

/** A number no customer has (the reserved +34 600 000 000 range start): the lookup misses on purpose. */
const WARM_UP_PHONE = '+34600000000';
/** The same, as a caller id arrives from the PBX (national format). */
const WARM_UP_NATIONAL = '600000000';
const WARM_UP_ID = '00000000-0000-7000-8000-000000000000';
/** Idle callbacks are late on a busy machine; the warm-up must still beat the first call. */
const IDLE_TIMEOUT_MS = 1_000;

export type WarmUpPhase = 'waiting' | 'rehearse' | 'done';

export interface PopWarmUp {
  phase: WarmUpPhase;
  /** The rehearsal has painted (or could not run): the warm-up is over. */
  rehearsed(outcome: string): void;
}

/**
 * `callArrived`: a call is up (it ends the warm-up); `onFinished` runs once, when the warm-up is
 * over for whatever reason.
 */
export function usePopWarmUp(callArrived: boolean, onFinished: () => void): PopWarmUp {
  const session = useSyncSession();
  // The stored sync cursor is '0' until a download has filled the cache (and again while a
  // refetch replaces it): warming an empty cache would warm nothing.
  const cursor = useSyncCursor();
  const cacheReady = cursor !== null && cursor !== '0';
  const { i18n } = useTranslation('customerCard');
  const language = languageOf(i18n.language);
  const [phase, setPhase] = useState<WarmUpPhase>('waiting');
  const startedAt = useRef<number | null>(null);

  const over = useRef(false);
  const finish = useCallback((outcome: string) => {
    if (over.current) return;
    over.current = true;
    if (startedAt.current !== null && typeof performance.measure === 'function') {
      performance.measure('cc-pop:warm-up', { start: startedAt.current, detail: outcome });
    }
    setPhase('done');
    onFinished();
  }, [onFinished]);

  useEffect(() => {
    if (callArrived) finish('a call came first');
  }, [callArrived, finish]);

  useEffect(() => {
    if (!session || !cacheReady) return undefined;
    const { db } = session.store;
    let live = true;
    const warm = () => {
      if (over.current) return;
      startedAt.current = performance.now();
      normalizePhone(WARM_UP_NATIONAL);
      const sample = new Date().toISOString();
      formatDate(sample, language);
      formatDay(sample, language);
      formatMoney(0, language);
      formatNumber(0, language);
      void Promise.all([
        // Both phone reads: the pop's own (straight on IndexedDB) and the live query's (Dexie).
        readCustomerByPhone(db, WARM_UP_PHONE), findCustomerByPhone(db, WARM_UP_PHONE), customerChildren(db, WARM_UP_ID),
        customerComplaints(db, WARM_UP_ID), customerTimeline(db, WARM_UP_ID, 1),
      ]).catch(() => undefined).then(() => {
        if (live) setPhase((current) => (current === 'waiting' ? 'rehearse' : current));
      });
    };
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(warm, { timeout: IDLE_TIMEOUT_MS });
      return () => {
        live = false;
        window.cancelIdleCallback(handle);
      };
    }
    const timer = window.setTimeout(warm, IDLE_TIMEOUT_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // Once per session; the language only picks which formatters are made first.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, cacheReady]);

  return { phase, rehearsed: finish };
}
