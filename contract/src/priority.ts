/**
 * Queue priority score: who should be called back first when complaints rain on the center.
 * Not first-in-first-out: the customers who matter most and who are worst served go first.
 *
 * Formula (every factor is normalised to 0..1, then multiplied by its weight; the score is the sum,
 * 0..100 with the default weights, rounded to one decimal):
 *
 *   loyalty        level none/bronze/silver/gold/platinum → 0, .25, .5, .75, 1            weight 15
 *   lifetimeValue  log10(1 + CLV) / log10(1 + clvCap), capped at 1 (clvCap 50 000)       weight 15
 *   nps            (10 − latest NPS) / 10; no answer → 0 (detractors go first)           weight 10
 *   influencer     log10(reach) / log10(reachCap), capped at 1, 0 if not an influencer    weight 10
 *                  (reachCap 1 000 000)
 *   openComplaints open complaints / 3, capped at 1                                       weight 15
 *   slaOverdue     hours the most overdue open complaint is past its SLA / 72, capped at 1 weight 20
 *   recentEmotion  end emotion of the latest interaction in the last 30 days:            weight 15
 *                  angry 1, frustrated .8, anxious .5, confused .3, calm/satisfied 0,
 *                  times intensity / 3
 *
 * Weights come from `PRIORITY_WEIGHTS` (JSON, partial) in the environment or a call-site override.
 * Ties are broken by due time (earliest first) by the caller.
 *
 * One implementation for both sides: the server's queue read gathers the inputs in SQL
 * (server/src/queues/queue-items.ts) and the customer card gathers them from its cached rows with
 * `priorityInputsFromRecords` below; both then call `priorityScore`.
 */
import { type Emotion, type LoyaltyLevel, emotionSchema, loyaltyLevelSchema } from './domain';

export const PRIORITY_FACTORS = [
  'loyalty', 'lifetimeValue', 'nps', 'influencer', 'openComplaints', 'slaOverdue', 'recentEmotion',
] as const;
export type PriorityFactor = (typeof PRIORITY_FACTORS)[number];
export type PriorityWeights = Record<PriorityFactor, number>;

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  loyalty: 15,
  lifetimeValue: 15,
  nps: 10,
  influencer: 10,
  openComplaints: 15,
  slaOverdue: 20,
  recentEmotion: 15,
};

export const PRIORITY_CAPS = {
  lifetimeValue: 50_000,
  influencerReach: 1_000_000,
  openComplaints: 3,
  slaOverdueHours: 72,
  recentEmotionDays: 30,
} as const;

const LOYALTY_VALUE: Record<LoyaltyLevel, number> = { none: 0, bronze: 0.25, silver: 0.5, gold: 0.75, platinum: 1 };
const EMOTION_VALUE: Record<Emotion, number> = { angry: 1, frustrated: 0.8, anxious: 0.5, confused: 0.3, calm: 0, satisfied: 0 };

/** What the score is computed from; the queue read gathers these in SQL per customer. */
export interface PriorityInputs {
  loyaltyLevel: LoyaltyLevel | null;
  lifetimeValue: number | null;
  latestNps: number | null;
  influencer: boolean;
  influencerReach: number | null;
  openComplaints: number;
  /** Hours past SLA of the most overdue open complaint; 0 or negative when none is overdue. */
  slaOverdueHours: number;
  recentEmotion: { emotion: Emotion; intensity: number } | null;
}

export interface FactorContribution {
  factor: PriorityFactor;
  /** The input as a human would read it, e.g. "gold", "3 open", "angry (3)". */
  input: string;
  /** The normalised 0..1 value. */
  normalized: number;
  weight: number;
  /** normalized × weight, rounded to two decimals. */
  contribution: number;
}

export interface PriorityScore {
  score: number;
  factors: FactorContribution[];
}

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

function normalise(inputs: PriorityInputs): Record<PriorityFactor, { normalized: number; input: string }> {
  const clv = Math.max(0, inputs.lifetimeValue ?? 0);
  const reach = inputs.influencer ? Math.max(1, inputs.influencerReach ?? 1) : 0;
  const emotion = inputs.recentEmotion;
  return {
    loyalty: { normalized: LOYALTY_VALUE[inputs.loyaltyLevel ?? 'none'], input: inputs.loyaltyLevel ?? 'none' },
    lifetimeValue: {
      normalized: clamp01(Math.log10(1 + clv) / Math.log10(1 + PRIORITY_CAPS.lifetimeValue)),
      input: `CLV ${round(clv, 2)}`,
    },
    nps: {
      normalized: inputs.latestNps === null ? 0 : clamp01((10 - inputs.latestNps) / 10),
      input: inputs.latestNps === null ? 'no NPS answer' : `NPS ${inputs.latestNps}`,
    },
    influencer: {
      normalized: inputs.influencer ? clamp01(Math.log10(reach) / Math.log10(PRIORITY_CAPS.influencerReach)) : 0,
      input: inputs.influencer ? `influencer, reach ${reach}` : 'not an influencer',
    },
    openComplaints: {
      normalized: clamp01(inputs.openComplaints / PRIORITY_CAPS.openComplaints),
      input: `${inputs.openComplaints} open`,
    },
    slaOverdue: {
      normalized: clamp01(inputs.slaOverdueHours / PRIORITY_CAPS.slaOverdueHours),
      input: inputs.slaOverdueHours > 0 ? `${round(inputs.slaOverdueHours, 1)} h overdue` : 'no SLA overdue',
    },
    recentEmotion: {
      normalized: emotion ? clamp01((EMOTION_VALUE[emotion.emotion] * emotion.intensity) / 3) : 0,
      input: emotion ? `${emotion.emotion} (${emotion.intensity})` : 'no recent emotion',
    },
  };
}

/** The score and each factor's contribution; contributions sum to the score (up to rounding). */
export function priorityScore(inputs: PriorityInputs, weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS): PriorityScore {
  const normalised = normalise(inputs);
  const factors = PRIORITY_FACTORS.map((factor): FactorContribution => {
    const { normalized, input } = normalised[factor];
    return { factor, input, normalized: round(normalized, 4), weight: weights[factor], contribution: round(normalized * weights[factor], 2) };
  });
  const total = PRIORITY_FACTORS.reduce((sum, factor) => sum + normalised[factor].normalized * weights[factor], 0);
  return { score: round(total, 1), factors };
}

/**
 * Weights from a partial JSON object (e.g. the PRIORITY_WEIGHTS environment variable) over the
 * defaults. Unknown factors or negative/non-numeric weights are an error, not silently ignored.
 */
export function parsePriorityWeights(json: string | undefined): PriorityWeights {
  if (json === undefined || json.trim() === '') return { ...DEFAULT_PRIORITY_WEIGHTS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('PRIORITY_WEIGHTS must be a JSON object such as {"slaOverdue": 30}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('PRIORITY_WEIGHTS must be a JSON object such as {"slaOverdue": 30}');
  }
  const weights = { ...DEFAULT_PRIORITY_WEIGHTS };
  for (const [key, value] of Object.entries(parsed)) {
    if (!(PRIORITY_FACTORS as readonly string[]).includes(key)) {
      throw new Error(`PRIORITY_WEIGHTS: unknown factor "${key}" (known: ${PRIORITY_FACTORS.join(', ')})`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`PRIORITY_WEIGHTS: weight for "${key}" must be a non-negative number`);
    }
    weights[key as PriorityFactor] = value;
  }
  return weights;
}

/**
 * The cached rows the card derives the inputs from (the same columns the queue read uses):
 * customer loyaltyLevel, clv, influencer, influencerReach; complaint status, slaDueAt;
 * interaction nps, endedAt, queuedAt, createdAt, emotionEnd.
 */
export interface PriorityRecords {
  customer: Readonly<Record<string, unknown>>;
  complaints: ReadonlyArray<Readonly<Record<string, unknown>>>;
  interactions: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

const timeOf = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
};
const firstTime = (...values: unknown[]): number | null => {
  for (const value of values) {
    const ms = timeOf(value);
    if (ms !== null) return ms;
  }
  return null;
};

/**
 * The same inputs as the queue SQL: open = not resolved; overdue hours of the most overdue open
 * complaint; latest NPS answer by coalesce(ended, created); end emotion of the latest interaction
 * in the last 30 days by coalesce(ended, queued, created).
 */
export function priorityInputsFromRecords(records: PriorityRecords, now: Date): PriorityInputs {
  const nowMs = now.getTime();
  const { customer } = records;
  const open = records.complaints.filter((complaint) => complaint.status !== 'resolved');
  let overdueHours = 0;
  for (const complaint of open) {
    const due = timeOf(complaint.slaDueAt);
    if (due !== null && due < nowMs) overdueHours = Math.max(overdueHours, (nowMs - due) / 3_600_000);
  }
  let nps: { at: number; score: number } | null = null;
  let emotion: { at: number; value: { emotion: Emotion; intensity: number } } | null = null;
  const emotionSince = nowMs - PRIORITY_CAPS.recentEmotionDays * 86_400_000;
  for (const interaction of records.interactions) {
    if (typeof interaction.nps === 'number') {
      const at = firstTime(interaction.endedAt, interaction.createdAt) ?? 0;
      if (!nps || at > nps.at) nps = { at, score: interaction.nps };
    }
    const reading = interaction.emotionEnd as { emotion?: unknown; intensity?: unknown } | null | undefined;
    const parsed = emotionSchema.safeParse(reading?.emotion);
    if (parsed.success && typeof reading?.intensity === 'number') {
      const at = firstTime(interaction.endedAt, interaction.queuedAt, interaction.createdAt);
      if (at !== null && at >= emotionSince && at <= nowMs && (!emotion || at > emotion.at)) {
        emotion = { at, value: { emotion: parsed.data, intensity: reading.intensity } };
      }
    }
  }
  const loyalty = loyaltyLevelSchema.safeParse(customer.loyaltyLevel);
  return {
    loyaltyLevel: loyalty.success ? loyalty.data : null,
    lifetimeValue: typeof customer.clv === 'number' ? customer.clv : Number(customer.clv ?? 0) || 0,
    latestNps: nps ? nps.score : null,
    influencer: customer.influencer === true,
    influencerReach: typeof customer.influencerReach === 'number' ? customer.influencerReach : null,
    openComplaints: open.length,
    slaOverdueHours: overdueHours,
    recentEmotion: emotion ? emotion.value : null,
  };
}
