/**
 * Everything the card shows about one customer, from the local cache through the sync feature's
 * live queries, plus the derived facts (exclusions, priority) computed by the shared contract rules.
 */
import { useMemo } from 'react';
import {
  evaluateExclusions, priorityInputsFromRecords, priorityScore, type ExclusionFinding, type PriorityScore,
} from '@contract';
import {
  useCustomerComplaints, useCustomerConsents, useCustomerIdentities, useCustomerRecord, useCustomerTimeline, type CustomerRow, type EntityRow,
  type IdentityRow, type InteractionRow,
} from '@features/sync';

export interface CardData {
  customer: CustomerRow;
  identities: IdentityRow[];
  consents: EntityRow[];
  complaints: EntityRow[];
  openComplaints: EntityRow[];
  /** Newest first. */
  timeline: InteractionRow[];
  exclusions: ExclusionFinding[];
  priority: PriorityScore;
}

/** How many interactions the rules look at: enough for every window (≤ 30 days) of a busy customer. */
export const RECENT_FOR_RULES = 200;

/** Undefined while loading; null when the id is not in the local cache. */
export function useCardData(customerId: string | null, timelineLimit: number, now: Date): CardData | null | undefined {
  const customer = useCustomerRecord(customerId);
  const identities = useCustomerIdentities(customerId);
  const consents = useCustomerConsents(customerId);
  const complaints = useCustomerComplaints(customerId);
  const timeline = useCustomerTimeline(customerId, Math.max(timelineLimit, RECENT_FOR_RULES));

  return useMemo(() => {
    if (customerId === null || customer === null) return null;
    if (customer === undefined) return undefined;
    const recent = (timeline ?? []).slice(0, RECENT_FOR_RULES);
    // Never behind the data: a call recorded after the last clock tick is not "in the future".
    const at = new Date(Math.max(Date.now(), now.getTime()));
    const complaintRows = (complaints ?? []) as Array<EntityRow & { id: string }>;
    const interactionRows = recent as Array<InteractionRow & { id: string }>;
    return {
      customer,
      identities: identities ?? [],
      consents: consents ?? [],
      complaints: complaintRows,
      openComplaints: complaintRows.filter((complaint) => complaint.status !== 'resolved'),
      timeline: timeline ?? [],
      exclusions: evaluateExclusions({ customer, complaints: complaintRows, interactions: interactionRows, consents: consents ?? [] }, at),
      priority: priorityScore(priorityInputsFromRecords({ customer, complaints: complaintRows, interactions: interactionRows }, at)),
    };
  }, [customerId, customer, identities, consents, complaints, timeline, now]);
}
