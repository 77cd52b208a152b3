/**
 * The marketing-exclusion rule table, as one pure function over one customer's records.
 *
 * The server computes the list for every customer in SQL (server/src/reports/exclusions.ts); the
 * customer card evaluates the same rules over its cached rows with `evaluateExclusions`. Both
 * follow this table (thresholds: defaults, overridden by the server's "exclusions" setting):
 *
 * | code                      | rule                                                                          |
 * | ------------------------- | ----------------------------------------------------------------------------- |
 * | open_complaint            | at least one complaint not resolved                                            |
 * | sla_breached              | an open complaint is past its SLA due time                                     |
 * | negative_emotion          | an interaction in the last `negativeEmotionDays` days started or ended          |
 * |                           | frustrated or angry (time = coalesce(queued, answered, created))               |
 * | unusual_call_frequency    | calls about one complaint in the last `callWindowDays` days exceed the          |
 * |                           | population threshold (mean + k·sd over complaints with calls) and ≥ `minCalls` |
 * | influencer_open_complaint | an influencer with an open complaint                                           |
 * | consent_revoked           | a revoked consent on any channel (sticky)                                      |
 *
 * The population threshold is the same rule on both sides: `complaintCallCounts` counts each
 * complaint's calls in the window (calls linked by `complaintId` or by the complaint's
 * `interactionIds`; only complaints with at least one call form the population) and
 * `callFrequencyThreshold` takes their mean + k·(population) standard deviation. The server's SQL
 * computes it over every complaint; the card over the complaints and calls in its local cache and
 * passes it as `callFrequencyThreshold` (without one, `minCalls` alone applies).
 */
import { NEGATIVE_EMOTIONS, type Emotion } from './domain';

export interface ExclusionThresholdValues {
  negativeEmotionDays: number;
  callWindowDays: number;
  callFrequencyK: number;
  minCalls: number;
}

export const DEFAULT_EXCLUSION_THRESHOLD_VALUES: ExclusionThresholdValues = { negativeEmotionDays: 14, callWindowDays: 7, callFrequencyK: 2, minCalls: 3 };

/** In the order the server reports them. */
export const EXCLUSION_REASON_CODES = [
  'open_complaint', 'sla_breached', 'negative_emotion', 'unusual_call_frequency', 'influencer_open_complaint', 'consent_revoked',
] as const;
export type ExclusionCode = (typeof EXCLUSION_REASON_CODES)[number];

export type ExclusionFinding =
  | { code: 'open_complaint'; detail: { count: number; types: string[] } }
  | { code: 'sla_breached'; detail: { dueAt: string; hoursOverdue: number } }
  | { code: 'negative_emotion'; detail: { emotion: Emotion; at: string } }
  | { code: 'unusual_call_frequency'; detail: { complaintId: string; calls: number; threshold: number | null; windowDays: number } }
  | { code: 'influencer_open_complaint'; detail: { reach: number } }
  | { code: 'consent_revoked'; detail: { channels: string[] } };

/**
 * Loose shapes: the card passes its cached rows as they are. Fields read: customer influencer,
 * influencerReach; complaint status, typeId, slaDueAt, interactionIds; interaction channel,
 * queuedAt, answeredAt, createdAt, emotionStart, emotionEnd, complaintId; consent channel, status.
 */
type Row = Readonly<Record<string, unknown>>;
export interface ExclusionRecords {
  customer: Row;
  complaints: ReadonlyArray<Row & { id: string }>;
  interactions: ReadonlyArray<Row & { id: string }>;
  consents: ReadonlyArray<Row>;
}

export interface ExclusionOptions {
  thresholds?: ExclusionThresholdValues;
  /** The server's population threshold for call frequency (mean + k·sd), when known. */
  callFrequencyThreshold?: number | null;
}

const timeOf = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
};

function occurredAt(interaction: ExclusionRecords['interactions'][number]): number | null {
  return timeOf(interaction.queuedAt) ?? timeOf(interaction.answeredAt) ?? timeOf(interaction.createdAt);
}

function emotionOf(reading: unknown): Emotion | null {
  const emotion = (reading as { emotion?: unknown } | null | undefined)?.emotion;
  return typeof emotion === 'string' && (NEGATIVE_EMOTIONS as readonly string[]).includes(emotion) ? (emotion as Emotion) : null;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * Calls in the last `callWindowDays` days about each complaint (by `complaintId` on the call or
 * the complaint's `interactionIds`); complaints with no call in the window are left out.
 */
export function complaintCallCounts(
  complaints: ExclusionRecords['complaints'], interactions: ExclusionRecords['interactions'], now: Date,
  thresholds: ExclusionThresholdValues = DEFAULT_EXCLUSION_THRESHOLD_VALUES,
): Map<string, number> {
  const nowMs = now.getTime();
  const since = nowMs - thresholds.callWindowDays * 86_400_000;
  const calls = new Map<string, ExclusionRecords['interactions'][number]>();
  for (const interaction of interactions) {
    const at = occurredAt(interaction);
    if (interaction.channel === 'call' && at !== null && at >= since && at <= nowMs) calls.set(interaction.id, interaction);
  }
  const linked = new Map<string, Set<string>>();
  for (const complaint of complaints) {
    const ids = new Set(Array.isArray(complaint.interactionIds) ? complaint.interactionIds.filter((id): id is string => typeof id === 'string' && calls.has(id)) : []);
    linked.set(complaint.id, ids);
  }
  for (const call of calls.values()) {
    if (typeof call.complaintId === 'string') linked.get(call.complaintId)?.add(call.id);
  }
  const counts = new Map<string, number>();
  for (const [complaintId, ids] of linked) if (ids.size > 0) counts.set(complaintId, ids.size);
  return counts;
}

/** The population threshold: mean + k · population standard deviation of the counts; null without any. */
export function callFrequencyThreshold(counts: Iterable<number>, k: number): number | null {
  const values = [...counts];
  if (values.length === 0) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return mean + k * Math.sqrt(variance);
}

/** The reasons this customer is excluded from marketing now; empty = not excluded. */
export function evaluateExclusions(records: ExclusionRecords, now: Date, options: ExclusionOptions = {}): ExclusionFinding[] {
  const thresholds = options.thresholds ?? DEFAULT_EXCLUSION_THRESHOLD_VALUES;
  const nowMs = now.getTime();
  const findings: ExclusionFinding[] = [];
  const open = records.complaints.filter((complaint) => complaint.status !== 'resolved');

  if (open.length > 0) {
    const types = [...new Set(open.map((complaint) => String(complaint.typeId ?? '')))].sort();
    findings.push({ code: 'open_complaint', detail: { count: open.length, types } });
    const dues = open.map((complaint) => timeOf(complaint.slaDueAt)).filter((due): due is number => due !== null);
    const earliest = dues.length > 0 ? Math.min(...dues) : null;
    if (dues.some((due) => due < nowMs) && earliest !== null) {
      findings.push({ code: 'sla_breached', detail: { dueAt: new Date(earliest).toISOString(), hoursOverdue: round1((nowMs - earliest) / 3_600_000) } });
    }
  }

  const emotionSince = nowMs - thresholds.negativeEmotionDays * 86_400_000;
  let negative: { emotion: Emotion; at: number } | null = null;
  for (const interaction of records.interactions) {
    const at = occurredAt(interaction);
    if (at === null || at < emotionSince || at > nowMs) continue;
    const emotion = emotionOf(interaction.emotionEnd) ?? emotionOf(interaction.emotionStart);
    if (emotion && (!negative || at > negative.at)) negative = { emotion, at };
  }
  if (negative) findings.push({ code: 'negative_emotion', detail: { emotion: negative.emotion, at: new Date(negative.at).toISOString() } });

  const threshold = options.callFrequencyThreshold ?? null;
  let frequent: { complaintId: string; calls: number } | null = null;
  for (const [complaintId, calls] of complaintCallCounts(records.complaints, records.interactions, now, thresholds)) {
    if (calls >= thresholds.minCalls && (threshold === null || calls > threshold) && (!frequent || calls > frequent.calls)) {
      frequent = { complaintId, calls };
    }
  }
  if (frequent) {
    // Rounded like the server's report (2 decimals).
    const shown = threshold === null ? null : Math.round(threshold * 100) / 100;
    findings.push({ code: 'unusual_call_frequency', detail: { ...frequent, threshold: shown, windowDays: thresholds.callWindowDays } });
  }

  if (open.length > 0 && records.customer.influencer === true) {
    findings.push({ code: 'influencer_open_complaint', detail: { reach: typeof records.customer.influencerReach === 'number' ? records.customer.influencerReach : 0 } });
  }

  const revoked = [...new Set(records.consents.filter((consent) => consent.status === 'revoked').map((consent) => String(consent.channel)))].sort();
  if (revoked.length > 0) findings.push({ code: 'consent_revoked', detail: { channels: revoked } });
  return findings;
}
