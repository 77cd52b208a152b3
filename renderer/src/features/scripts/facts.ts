/** Builds what scripts read about the customer from the locally cached card data. */
import { type CustomerFacts, type ComplaintSummary, UNKNOWN_CUSTOMER, complaintFacts } from '@contract';

type Row = { [field: string]: unknown };

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const number = (value: unknown): number | null => {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : null;
};

export function customerFacts(customer: Row | null | undefined, complaints: readonly Row[], consents: readonly Row[], interactions: readonly Row[], now: number): CustomerFacts {
  if (!customer) return UNKNOWN_CUSTOMER;
  const name = text(customer.displayName);
  const summaries: ComplaintSummary[] = complaints.map((row) => ({ typeId: String(row.typeId ?? ''), status: String(row.status ?? 'open'), slaDueAt: text(row.slaDueAt) }));
  const latestNps = interactions.map((row) => number(row.nps)).find((score) => score !== null) ?? null;
  return {
    known: true,
    name,
    firstName: name ? (name.split(/\s+/)[0] ?? null) : null,
    language: text(customer.language),
    preferredChannel: text(customer.preferredChannel),
    loyalty: text(customer.loyaltyLevel),
    lifetimeValue: number(customer.clv),
    nps: latestNps,
    influencer: customer.influencer === true,
    influencerReach: number(customer.influencerReach),
    ...complaintFacts(summaries, now),
    consents: Object.fromEntries(consents.filter((row) => typeof row.channel === 'string').map((row) => [row.channel as string, row.status === 'granted'])),
  };
}
