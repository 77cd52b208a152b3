/**
 * Offline fallback of the priority order: when the backend's scores cannot be read, the same
 * formula (`priorityScore` over `priorityInputsFromRecords`, contract/src/priority.ts, which the
 * server's queue read and the customer card use too) is computed here from the cached customers,
 * complaints and interactions. The result is marked as estimated: the server also counts survey
 * answers that are not synced, so an estimate can differ from the server's score.
 */
import { useEffect, useState } from 'react';
import { DEFAULT_PRIORITY_WEIGHTS, priorityInputsFromRecords, priorityScore, type PriorityWeights } from '@contract';
import type { CentralitaDb, EntityRow } from '@features/sync';
import type { ServerScore } from './model';

export interface CachedRecords {
  customers: ReadonlyMap<string, Record<string, unknown>>;
  complaintsByCustomer: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  interactionsByCustomer: ReadonlyMap<string, readonly Record<string, unknown>[]>;
}

const NONE: readonly Record<string, unknown>[] = [];
/** The User Timing entry each estimate leaves (cached reads + scoring), for the benchmark. */
export const ESTIMATE_MEASURE = 'centralita:queue-estimate';

/** Pure: an estimated score for every item whose customer is cached. */
export function estimateScores(items: readonly Record<string, unknown>[], records: CachedRecords, weights: PriorityWeights, now: Date): Map<string, ServerScore> {
  const byCustomer = new Map<string, ServerScore['priority']>();
  const scores = new Map<string, ServerScore>();
  for (const item of items) {
    const customerId = typeof item.customerId === 'string' ? item.customerId : null;
    const customer = customerId ? records.customers.get(customerId) : undefined;
    if (!customerId || !customer || typeof item.id !== 'string') continue;
    let priority = byCustomer.get(customerId);
    if (!priority) {
      const inputs = priorityInputsFromRecords({
        customer,
        complaints: records.complaintsByCustomer.get(customerId) ?? NONE,
        interactions: records.interactionsByCustomer.get(customerId) ?? NONE,
      }, now);
      priority = priorityScore(inputs, weights);
      byCustomer.set(customerId, priority);
    }
    scores.set(item.id, { priority, customerName: typeof customer.displayName === 'string' ? customer.displayName : '', complaintTypeId: null, estimated: true });
  }
  return scores;
}

function groupByCustomer(rows: readonly EntityRow[]): Map<string, EntityRow[]> {
  const grouped = new Map<string, EntityRow[]>();
  for (const row of rows) {
    if (typeof row.customerId !== 'string') continue;
    const list = grouped.get(row.customerId);
    if (list) list.push(row);
    else grouped.set(row.customerId, [row]);
  }
  return grouped;
}

/** Reads the cached records of these customers: three index reads, however long the queue. */
export async function readCachedRecords(db: CentralitaDb, customerIds: readonly string[]): Promise<CachedRecords> {
  const ids = [...new Set(customerIds)];
  const [customers, complaints, interactions] = await db.transaction('r', db.customers, db.complaints, db.interactions, () =>
    Promise.all([db.customers.bulkGet(ids), db.complaints.where('customerId').anyOf(ids).toArray(), db.interactions.where('customerId').anyOf(ids).toArray()]));
  const customerMap = new Map<string, Record<string, unknown>>();
  for (const row of customers) if (row) customerMap.set(row.id, row);
  return { customers: customerMap, complaintsByCustomer: groupByCustomer(complaints), interactionsByCustomer: groupByCustomer(interactions) };
}

/**
 * Estimated scores while `enabled` (the server's cannot be read), recomputed when the cached items
 * change; null until the first estimate is ready or when not enabled.
 */
export function useEstimatedScores(db: CentralitaDb | null, items: readonly EntityRow[] | undefined, enabled: boolean, weights: PriorityWeights | undefined, now: Date): Map<string, ServerScore> | null {
  const [estimate, setEstimate] = useState<Map<string, ServerScore> | null>(null);
  useEffect(() => {
    if (!enabled) {
      setEstimate(null);
      return undefined;
    }
    // The previous estimate stays on screen until the new one is ready.
    if (!db || !items) return undefined;
    let live = true;
    const started = performance.now();
    const customerIds = items.map((item) => item.customerId).filter((id): id is string => typeof id === 'string');
    readCachedRecords(db, customerIds)
      .then((records) => {
        if (!live) return;
        setEstimate(estimateScores(items, records, weights ?? DEFAULT_PRIORITY_WEIGHTS, now));
        // Read by bench/queues: what the offline estimate of the whole queue costs.
        performance.measure(ESTIMATE_MEASURE, { start: started, end: performance.now() });
      })
      // The local store failed to answer: the order falls back to due time, as before.
      .catch(() => live && setEstimate(null));
    return () => {
      live = false;
    };
  }, [db, items, enabled, weights, now]);
  return enabled ? estimate : null;
}
