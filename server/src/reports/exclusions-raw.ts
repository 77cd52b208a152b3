/**
 * The exclusion list computed from scratch over the whole population (the query before the
 * exclusion summaries): the reference that tests hold the fast path to, and the benchmark baseline.
 */
import { sql } from 'kysely';
import { NEGATIVE_EMOTIONS } from '@contract';
import { type Database } from '../db/database';
import { EXCLUSION_REASONS, type ExcludedCustomer, type ExclusionReason, type ExclusionThresholds } from './exclusions';
import { interactionsWhere } from './interactions-where';

export async function listExclusionsRaw(
  db: Database, thresholds: ExclusionThresholds, options: { now?: Date; limit?: number; after?: string } = {},
): Promise<ExcludedCustomer[]> {
  const now = (options.now ?? new Date()).toISOString();
  const emotionSince = sql`${now}::timestamptz - make_interval(days => ${thresholds.negativeEmotionDays})`;
  const callsSince = sql`${now}::timestamptz - make_interval(days => ${thresholds.callWindowDays})`;
  const negative = sql.join(NEGATIVE_EMOTIONS.map((emotion) => sql`${emotion}`));
  const recent = interactionsWhere(sql`i.customer_id is not null and coalesce(i.queued_at, i.answered_at, i.created_at) >= ${emotionSince}
    and coalesce(i.queued_at, i.answered_at, i.created_at) <= ${now}::timestamptz`);

  const rows = await sql<{ customer_id: string; display_name: string; phone: string | null; email: string | null; reasons: ExclusionReason[] }>`
    with open_complaints as (
      select customer_id, count(*)::int as n, min(sla_due_at) as earliest_due,
             bool_or(sla_due_at < ${now}::timestamptz) as breached,
             array_agg(distinct type_id order by type_id) as types
      from complaints where status <> 'resolved' group by customer_id
    ),
    negative as (
      select distinct on (e.customer_id) e.customer_id,
             case when e.emotion_end in (${negative}) then e.emotion_end else e.emotion_start end as emotion,
             coalesce(e.queued_at, e.answered_at, e.created_at) as at
      from ${recent} e
      where e.emotion_start in (${negative}) or e.emotion_end in (${negative})
      order by e.customer_id, coalesce(e.queued_at, e.answered_at, e.created_at) desc
    ),
    complaint_calls as (
      select links.complaint_id, count(*)::int as n
      from (select complaint_id, id as interaction_id from interactions where complaint_id is not null
            union select complaint_id, interaction_id from complaint_interactions) links
      join interactions i on i.id = links.interaction_id
      where i.channel = 'call' and coalesce(i.queued_at, i.answered_at, i.created_at) >= ${callsSince}
        and coalesce(i.queued_at, i.answered_at, i.created_at) <= ${now}::timestamptz
      group by links.complaint_id
    ),
    call_stats as (select avg(n)::float8 as mean, coalesce(stddev_pop(n), 0)::float8 as sd from complaint_calls),
    frequent as (
      select c.customer_id, cc.complaint_id, cc.n, s.mean + ${thresholds.callFrequencyK}::float8 * s.sd as threshold
      from complaint_calls cc join complaints c on c.id = cc.complaint_id cross join call_stats s
      where cc.n > s.mean + ${thresholds.callFrequencyK}::float8 * s.sd and cc.n >= ${thresholds.minCalls}
    ),
    revoked as (
      select customer_id, array_agg(channel order by channel) as channels from consents where status = 'revoked' group by customer_id
    ),
    reasons as (
      select customer_id, 'open_complaint' as code, jsonb_build_object('count', n, 'types', to_jsonb(types)) as detail from open_complaints
      union all
      select customer_id, 'sla_breached', jsonb_build_object('dueAt', earliest_due,
             'hoursOverdue', round((extract(epoch from (${now}::timestamptz - earliest_due)) / 3600)::numeric, 1))
      from open_complaints where breached
      union all
      select customer_id, 'negative_emotion', jsonb_build_object('emotion', emotion, 'at', at) from negative
      union all
      select customer_id, 'unusual_call_frequency', jsonb_build_object('complaintId', complaint_id, 'calls', n,
             'threshold', round(threshold::numeric, 2), 'windowDays', ${thresholds.callWindowDays}::int)
      from (select distinct on (customer_id) * from frequent order by customer_id, n desc) f
      union all
      select o.customer_id, 'influencer_open_complaint', jsonb_build_object('reach', c.influencer_reach)
      from open_complaints o join customers c on c.id = o.customer_id where c.influencer
      union all
      select customer_id, 'consent_revoked', jsonb_build_object('channels', to_jsonb(channels)) from revoked
    )
    select r.customer_id, c.display_name,
      (select e164 from customer_phones p where p.customer_id = r.customer_id order by p.created_at, p.e164 limit 1) as phone,
      (select value from customer_identities ci where ci.customer_id = r.customer_id and ci.kind = 'email' order by ci.created_at, ci.value limit 1) as email,
      json_agg(json_build_object('code', r.code, 'detail', r.detail) order by r.code) as reasons
    from reasons r join customers c on c.id = r.customer_id
    where c.merged_into is null ${options.after ? sql`and r.customer_id > ${options.after}::uuid` : sql``}
    group by r.customer_id, c.display_name
    order by r.customer_id
    ${options.limit ? sql`limit ${options.limit}` : sql``}`.execute(db.kysely);

  const order = new Map<string, number>(EXCLUSION_REASONS.map((code, index) => [code, index]));
  return rows.rows.map((row) => ({
    customerId: row.customer_id,
    displayName: row.display_name,
    phone: row.phone,
    email: row.email,
    reasons: [...row.reasons].sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99)),
  }));
}
