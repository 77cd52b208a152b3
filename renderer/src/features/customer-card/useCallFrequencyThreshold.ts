/**
 * The population threshold of the "unusual call frequency" exclusion rule, computed the way the
 * backend does (`complaintCallCounts` + `callFrequencyThreshold` from the contract) over the
 * complaints and calls in the local cache, so the card's offline exclusion status follows the same
 * rule. Computed once per session and refreshed every five minutes (the window is days long).
 */
import { useEffect, useState } from 'react';
import {
  callFrequencyThreshold, complaintCallCounts, DEFAULT_EXCLUSION_THRESHOLD_VALUES, type ExclusionRecords,
} from '@contract';
import { complaintCallPopulation, useSyncSession, type CentralitaDb, type SyncSession } from '@features/sync';

const REFRESH_MS = 5 * 60_000;

interface Known { session: SyncSession; at: number; value: number | null }
let known: Known | null = null;
let running: Promise<number | null> | null = null;

export async function computeCallFrequencyThreshold(db: CentralitaDb, now: Date): Promise<number | null> {
  const thresholds = DEFAULT_EXCLUSION_THRESHOLD_VALUES;
  // A day of margin: the local index orders by occurredAt; the rule's own window is applied below.
  const since = new Date(now.getTime() - (thresholds.callWindowDays + 1) * 86_400_000).toISOString();
  const { complaints, interactions } = await complaintCallPopulation(db, since);
  const counts = complaintCallCounts(
    complaints as ExclusionRecords['complaints'], interactions as ExclusionRecords['interactions'], now, thresholds,
  );
  return callFrequencyThreshold(counts.values(), thresholds.callFrequencyK);
}

function fresh(session: SyncSession | null): Known | null {
  return known && session && known.session === session && Date.now() - known.at < REFRESH_MS ? known : null;
}

/** Undefined until first computed in this session; null when the cache has no complaint with calls. */
export function useCallFrequencyThreshold(): number | null | undefined {
  const session = useSyncSession();
  const [value, setValue] = useState<number | null | undefined>(() => fresh(session)?.value);
  useEffect(() => {
    if (!session) return undefined;
    const current = fresh(session);
    if (current) {
      setValue(current.value);
      return undefined;
    }
    let live = true;
    running ??= computeCallFrequencyThreshold(session.store.db, new Date()).finally(() => {
      running = null;
    });
    running.then((threshold) => {
      known = { session, at: Date.now(), value: threshold };
      if (live) setValue(threshold);
    }, () => {
      if (live) setValue(null);
    });
    return () => {
      live = false;
    };
  }, [session]);
  return value;
}
