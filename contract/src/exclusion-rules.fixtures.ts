/**
 * One call-frequency population, shared by the contract's tests and the server's SQL tests, so
 * both sides are checked against the same data and the same expected result.
 *
 * Calls per complaint in the last 7 days: caller 8, repeat 3 (linked through the complaint's link
 * list), eight complaints with 1 each. Mean 1.9, population sd ≈ 2.119, threshold (k = 2) ≈ 6.14:
 * caller is unusual; repeat reaches `minCalls` (3) but is below the threshold, so it is NOT
 * (the old offline rule, `minCalls` alone, flagged it). `lapsed` called 9 times 10 days ago and
 * `chatty` wrote 5 chats this week: neither is in the population.
 */
import type { ExclusionRecords } from './exclusion-rules';

export const POPULATION_NOW = new Date('2026-03-01T12:00:00.000Z');

export interface PopulationCall {
  customer: string;
  complaint: string;
  count: number;
  daysAgo: number;
  channel?: 'call' | 'chat';
  /** Linked through the complaint's interaction list (server: complaint_interactions) instead of the call's complaintId. */
  viaLink?: boolean;
}

export interface PopulationFixture {
  customers: string[];
  /** Every complaint is resolved, so call frequency is the only reason in play. */
  complaints: Array<{ key: string; customer: string }>;
  calls: PopulationCall[];
}

const singles = Array.from({ length: 8 }, (_, index) => `single${index + 1}`);

export const CALL_FREQUENCY_POPULATION: PopulationFixture = {
  customers: ['caller', 'repeat', 'lapsed', 'chatty', ...singles],
  complaints: [
    { key: 'caller-c', customer: 'caller' },
    { key: 'repeat-c', customer: 'repeat' },
    { key: 'lapsed-c', customer: 'lapsed' },
    { key: 'chatty-c', customer: 'chatty' },
    ...singles.map((customer) => ({ key: `${customer}-c`, customer })),
  ],
  calls: [
    { customer: 'caller', complaint: 'caller-c', count: 8, daysAgo: 2 },
    { customer: 'repeat', complaint: 'repeat-c', count: 3, daysAgo: 1, viaLink: true },
    { customer: 'lapsed', complaint: 'lapsed-c', count: 9, daysAgo: 10 },
    { customer: 'chatty', complaint: 'chatty-c', count: 5, daysAgo: 1, channel: 'chat' },
    ...singles.map((customer) => ({ customer, complaint: `${customer}-c`, count: 1, daysAgo: 3 })),
  ],
};

export const CALL_FREQUENCY_EXPECTED = {
  /** mean + 2·sd, rounded to 2 decimals as both sides report it. */
  threshold: 6.14,
  unusual: { caller: { complaint: 'caller-c', calls: 8 } } as Record<string, { complaint: string; calls: number }>,
};

/** Time of the n-th call of a batch: `daysAgo` days before `now`, ten minutes apart. */
export function populationCallTime(call: PopulationCall, index: number, now: Date = POPULATION_NOW): string {
  return new Date(now.getTime() - call.daysAgo * 86_400_000 + index * 600_000).toISOString();
}

/** The fixture as the contract's loose records, per customer key (ids = keys; call ids `<complaint>-<n>`). */
export function populationRecords(fixture: PopulationFixture = CALL_FREQUENCY_POPULATION, now: Date = POPULATION_NOW): Map<string, ExclusionRecords> {
  const records = new Map<string, ExclusionRecords>();
  for (const customer of fixture.customers) {
    const complaints = fixture.complaints.filter((complaint) => complaint.customer === customer).map((complaint) => {
      const linked = fixture.calls.filter((call) => call.complaint === complaint.key && call.viaLink)
        .flatMap((call) => Array.from({ length: call.count }, (_, index) => `${call.complaint}-${index}`));
      return { id: complaint.key, status: 'resolved', typeId: 'billing.refund', interactionIds: linked };
    });
    const interactions = fixture.calls.filter((call) => call.customer === customer).flatMap((call) => Array.from({ length: call.count }, (_, index) => ({
      id: `${call.complaint}-${index}`, channel: call.channel ?? 'call', queuedAt: populationCallTime(call, index, now),
      complaintId: call.viaLink ? null : call.complaint,
    })));
    records.set(customer, { customer: { influencer: false }, complaints, interactions, consents: [] });
  }
  return records;
}
