/**
 * The marketing exclusion list: customers automation must not contact now, each with its reasons.
 * Rules (thresholds configurable; defaults below, overridden by app_settings key "exclusions",
 * then by query parameters):
 * - open_complaint: at least one complaint not resolved;
 * - sla_breached: an open complaint is past its SLA due time;
 * - negative_emotion: an interaction in the last `negativeEmotionDays` days started or (after
 *   re-tags) ended frustrated or angry;
 * - unusual_call_frequency: calls about one complaint in the last `callWindowDays` days exceed the
 *   population mean + `callFrequencyK` standard deviations (population: complaints with at least one
 *   call in the window) and are at least `minCalls`;
 * - influencer_open_complaint: an influencer with an open complaint;
 * - consent_revoked: a revoked consent on any channel (the revocation is sticky).
 * Served from customer_exclusion_facts (exclusion-facts.ts) plus the calls and contacts of the
 * windows (indexed by time); exclusions-raw.ts is the same list computed from scratch.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { NEGATIVE_EMOTIONS } from '@contract';
import { type Database } from '../db/database';
import { refreshExclusionFacts } from './exclusion-facts';

export const exclusionThresholdsSchema = z.object({
  negativeEmotionDays: z.coerce.number().int().min(1).max(365),
  callWindowDays: z.coerce.number().int().min(1).max(365),
  callFrequencyK: z.coerce.number().min(0).max(10),
  minCalls: z.coerce.number().int().min(1).max(1000),
});
export type ExclusionThresholds = z.infer<typeof exclusionThresholdsSchema>;

export const DEFAULT_EXCLUSION_THRESHOLDS: ExclusionThresholds = { negativeEmotionDays: 14, callWindowDays: 7, callFrequencyK: 2, minCalls: 3 };

export const EXCLUSION_REASONS = [
  'open_complaint', 'sla_breached', 'negative_emotion', 'unusual_call_frequency', 'influencer_open_complaint', 'consent_revoked',
] as const;
export type ExclusionReasonCode = (typeof EXCLUSION_REASONS)[number];

export interface ExclusionReason {
  code: ExclusionReasonCode;
  detail: Record<string, unknown>;
}

export interface ExcludedCustomer {
  customerId: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  reasons: ExclusionReason[];
}

/** Defaults, then the stored settings (app_settings "exclusions"), then the request's overrides. */
export async function loadExclusionThresholds(db: Database, overrides: Partial<Record<keyof ExclusionThresholds, unknown>>): Promise<ExclusionThresholds> {
  const stored = await db.kysely.selectFrom('app_settings').select('value').where('key', '=', 'exclusions').executeTakeFirst();
  const storedValues = stored && typeof stored.value === 'object' && stored.value !== null ? stored.value : {};
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined && value !== ''));
  return exclusionThresholdsSchema.parse({ ...DEFAULT_EXCLUSION_THRESHOLDS, ...storedValues, ...defined });
}

export async function listExclusions(
  db: Database, thresholds: ExclusionThresholds, options: { now?: Date; limit?: number; after?: string } = {},
): Promise<ExcludedCustomer[]> {
  await refreshExclusionFacts(db);
  const now = (options.now ?? new Date()).toISOString();
  const emotionSince = sql`${now}::timestamptz - make_interval(days => ${thresholds.negativeEmotionDays})`;
  const callsSince = sql`${now}::timestamptz - make_interval(days => ${thresholds.callWindowDays})`;
  const negative = sql.join(NEGATIVE_EMOTIONS.map((emotion) => sql`${emotion}`));
  const occurred = sql`coalesce(i.queued_at, i.answered_at, i.created_at)`;

  // Candidates come from the facts (in customer order) and from the recent calls (the occurred
  // index), so only the customers of the page are looked at in detail.
  const rows = await db.transaction(async (trx) => {
    // Short indexed queries: JIT compilation would cost seconds and save nothing.
    await sql`set local jit = off`.execute(trx);
    return sql<{ customer_id: string; display_name: string; phone: string | null; email: string | null; reasons: ExclusionReason[] }>`
    with complaint_calls as (
      select links.complaint_id, count(*)::int as n
      from (select i.complaint_id, i.id as interaction_id from interactions i
            where i.complaint_id is not null and i.channel = 'call' and ${occurred} >= ${callsSince} and ${occurred} <= ${now}::timestamptz
            union
            select ci.complaint_id, ci.interaction_id from interactions i join complaint_interactions ci on ci.interaction_id = i.id
            where i.channel = 'call' and ${occurred} >= ${callsSince} and ${occurred} <= ${now}::timestamptz) links
      group by links.complaint_id
    ),
    call_stats as (select avg(n)::float8 as mean, coalesce(stddev_pop(n), 0)::float8 as sd from complaint_calls),
    frequent as (
      select distinct on (c.customer_id) c.customer_id, cc.complaint_id, cc.n, s.mean + ${thresholds.callFrequencyK}::float8 * s.sd as threshold
      from complaint_calls cc join complaints c on c.id = cc.complaint_id cross join call_stats s
      where cc.n > s.mean + ${thresholds.callFrequencyK}::float8 * s.sd and cc.n >= ${thresholds.minCalls}
      order by c.customer_id, cc.n desc
    ),
    -- The facts in customer order, stopping after a page: a few thousand index rows, not the population.
    standing as (
      select f.customer_id from customer_exclusion_facts f join customers c on c.id = f.customer_id
      where c.merged_into is null ${options.after ? sql`and f.customer_id > ${options.after}::uuid` : sql``}
        and (f.open_complaints > 0 or f.revoked_channels <> '{}' or (f.last_negative_at >= ${emotionSince} and (f.last_negative_at <= ${now}::timestamptz
          -- A latest negative contact dated after "now" (a skewed clock) may hide one inside the window.
          or exists (select 1 from interactions i where i.customer_id = f.customer_id and (i.emotion_start in (${negative}) or i.emotion_end in (${negative}))
            and ${occurred} >= ${emotionSince} and ${occurred} <= ${now}::timestamptz))))
      order by f.customer_id
      ${options.limit ? sql`limit ${options.limit}` : sql``}
    ),
    page as (
      select c.id, c.display_name, c.influencer, c.influencer_reach
      from (select customer_id from standing union select customer_id from frequent) k join customers c on c.id = k.customer_id
      where c.merged_into is null ${options.after ? sql`and k.customer_id > ${options.after}::uuid` : sql``}
      order by c.id
      ${options.limit ? sql`limit ${options.limit}` : sql``}
    )
    select p.id as customer_id, p.display_name,
      (select e164 from customer_phones ph where ph.customer_id = p.id order by ph.created_at, ph.e164 limit 1) as phone,
      (select value from customer_identities ci where ci.customer_id = p.id and ci.kind = 'email' order by ci.created_at, ci.value limit 1) as email,
      (select json_agg(json_build_object('code', r.code, 'detail', r.detail) order by r.code) from (
        select 'open_complaint' as code, jsonb_build_object('count', f.open_complaints, 'types', to_jsonb(f.open_types)) as detail where f.open_complaints > 0
        union all
        select 'sla_breached', jsonb_build_object('dueAt', f.earliest_open_due,
               'hoursOverdue', round((extract(epoch from (${now}::timestamptz - f.earliest_open_due)) / 3600)::numeric, 1))
        where f.open_complaints > 0 and f.earliest_open_due < ${now}::timestamptz
        union all
        select 'negative_emotion', jsonb_build_object('emotion', ng.emotion, 'at', ng.at) where ng.at is not null
        union all
        select 'unusual_call_frequency', jsonb_build_object('complaintId', fr.complaint_id, 'calls', fr.n,
               'threshold', round(fr.threshold::numeric, 2), 'windowDays', ${thresholds.callWindowDays}::int)
        where fr.customer_id is not null
        union all
        select 'influencer_open_complaint', jsonb_build_object('reach', p.influencer_reach) where p.influencer and f.open_complaints > 0
        union all
        select 'consent_revoked', jsonb_build_object('channels', to_jsonb(f.revoked_channels)) where f.revoked_channels <> '{}'
      ) r) as reasons
    from page p
    left join customer_exclusion_facts f on f.customer_id = p.id
    left join frequent fr on fr.customer_id = p.id
    -- The latest negative contact is in the facts, unless it is dated after "now": then look for one in the window.
    left join lateral (
      select f.last_negative_emotion as emotion, f.last_negative_at as at
      where f.last_negative_at >= ${emotionSince} and f.last_negative_at <= ${now}::timestamptz
      union all
      (select case when i.emotion_end in (${negative}) then i.emotion_end else i.emotion_start end, ${occurred}
       from interactions i
       where f.last_negative_at > ${now}::timestamptz and i.customer_id = p.id and (i.emotion_start in (${negative}) or i.emotion_end in (${negative}))
         and ${occurred} >= ${emotionSince} and ${occurred} <= ${now}::timestamptz
       order by ${occurred} desc limit 1)
    ) ng on true
    order by p.id`.execute(trx);
  });

  const order = new Map<string, number>(EXCLUSION_REASONS.map((code, index) => [code, index]));
  return rows.rows.map((row) => ({
    customerId: row.customer_id,
    displayName: row.display_name,
    phone: row.phone,
    email: row.email,
    reasons: [...(row.reasons ?? [])].sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99)),
  }));
}
