/**
 * What the card shows about one customer, from the local cache, in two parts so the screen pop
 * paints progressively:
 * - the customer row (identity and key facts): the row the phone lookup already found stands in
 *   until the live read answers, so the first paint waits for no further read;
 * - the details (identities, consents, complaints, timeline) in ONE live query (one result, one
 *   re-render instead of one per table), plus the facts the shared contract rules derive from them
 *   (exclusions with the call-frequency population threshold over the local cache, priority).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import {
  evaluateExclusions, priorityInputsFromRecords, priorityScore, type ExclusionFinding, type PriorityScore,
} from '@contract';
import {
  customerChildren, customerComplaints, customerTimeline, resolveCustomer, useSyncSession, type CustomerRow, type EntityRow,
  type IdentityRow, type InteractionRow,
} from '@features/sync';
import { sameRow } from './model/same-row';
import { useCallFrequencyThreshold } from './useCallFrequencyThreshold';

export interface CardDetails {
  identities: IdentityRow[];
  consents: EntityRow[];
  complaints: EntityRow[];
  openComplaints: EntityRow[];
  /** Newest first. */
  timeline: InteractionRow[];
  /** The timeline holds every cached interaction of the customer (fewer than the read's limit). */
  timelineAllCached: boolean;
  exclusions: ExclusionFinding[];
  priority: PriorityScore;
}

export interface CardData extends CardDetails {
  customer: CustomerRow;
}

/** How many interactions the rules look at: enough for every window (≤ 30 days) of a busy customer. */
export const RECENT_FOR_RULES = 200;

/**
 * The customer row, live. Undefined while reading; null when the id is not in the local cache.
 * `known` (e.g. the phone lookup's row) is shown until the live read answers; with a known row the
 * live read starts only once `liveEnabled` (after the pop's first paint, so it never competes with
 * it), and an equal answer keeps the known object (nothing below re-renders).
 */
export function useCardCustomer(customerId: string | null, known: CustomerRow | null, liveEnabled = true): CustomerRow | null | undefined {
  const session = useSyncSession();
  const knownRow = known && known.id === customerId ? known : null;
  const reading = Boolean(customerId) && (liveEnabled || knownRow === null);
  // Tagged with its input: useLiveQuery keeps its last answer when the inputs change.
  const read = useLiveQuery(
    async () => (reading && session && customerId ? { customerId, row: (await resolveCustomer(session.store.db, customerId)) ?? null } : null),
    [reading, session, customerId],
  );
  const live = read && read.customerId === customerId ? read.row : session ? undefined : null;
  if (live === undefined) return knownRow ?? undefined;
  return sameRow(knownRow, live) ? knownRow : live;
}

interface DetailRows {
  customerId: string;
  limit: number;
  identities: IdentityRow[];
  consents: EntityRow[];
  complaints: EntityRow[];
  timeline: InteractionRow[];
}

/** Undefined until the details of `customer` are read (and whenever the customer changes). */
export function useCardDetails(customer: CustomerRow | null, timelineLimit: number, now: Date): CardDetails | undefined {
  const session = useSyncSession();
  const customerId = customer?.id ?? null;
  const limit = Math.max(timelineLimit, RECENT_FOR_RULES);
  const rows = useLiveQuery(async (): Promise<DetailRows | null> => {
    if (!session || !customerId) return null;
    const { db } = session.store;
    // Identities and consents live in the customer row: one read gives both.
    const [{ identities, consents }, complaints, timeline] = await Promise.all([
      customerChildren(db, customerId), customerComplaints(db, customerId), customerTimeline(db, customerId, limit),
    ]);
    return { customerId, limit, identities, consents, complaints, timeline };
  }, [session, customerId, limit]);

  const threshold = useCallFrequencyThreshold();
  return useMemo(() => {
    if (!customer || !rows || rows.customerId !== customer.id) return undefined;
    // Until the population is read (once per session), minCalls alone applies.
    return deriveDetails(customer, rows, now, threshold ?? null);
  }, [customer, rows, now, threshold]);
}

function deriveDetails(customer: CustomerRow, rows: DetailRows, now: Date, callFrequencyThreshold: number | null): CardDetails {
  // Never behind the data: a call recorded after the last clock tick is not "in the future".
  const at = new Date(Math.max(Date.now(), now.getTime()));
  const complaints = rows.complaints as Array<EntityRow & { id: string }>;
  const recent = rows.timeline.slice(0, RECENT_FOR_RULES) as Array<InteractionRow & { id: string }>;
  return {
    identities: rows.identities,
    consents: rows.consents,
    complaints,
    openComplaints: complaints.filter((complaint) => complaint.status !== 'resolved'),
    timeline: rows.timeline,
    timelineAllCached: rows.timeline.length < rows.limit,
    exclusions: evaluateExclusions({ customer, complaints, interactions: recent, consents: rows.consents }, at, { callFrequencyThreshold }),
    priority: priorityScore(priorityInputsFromRecords({ customer, complaints, interactions: recent }, at)),
  };
}
