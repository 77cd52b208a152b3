/**
 * Scale data for the report benchmark, generated inside PostgreSQL (INSERT … SELECT over
 * generate_series: a million interactions in seconds, not the full seeder's minutes): customers
 * with phones and emails, interactions over the last year spread over the demo agents, complaints
 * with linked calls, revoked consents. Deterministic (setseed).
 */
import { sql } from 'kysely';
import { type Database } from '../../server/src/db/database';

export interface ReportDataSize { customers: number; interactions: number }

export async function generateReportData(db: Database, size: ReportDataSize): Promise<void> {
  const k = db.kysely;
  await sql`select setseed(0.4242)`.execute(k);
  await sql`insert into customers (id, display_name, loyalty_level, clv, influencer, influencer_reach)
    select md5('c' || g)::uuid, 'Customer ' || g, (array['none','bronze','silver','gold','platinum'])[1 + g % 5], (g % 5000)::numeric,
           g % 97 = 0, case when g % 97 = 0 then 10000 + g % 90000 else 0 end
    from generate_series(1, ${size.customers}::int) g`.execute(k);
  await sql`insert into customer_phones (id, customer_id, e164, label)
    select md5('p' || g)::uuid, md5('c' || g)::uuid, '+346' || lpad(g::text, 8, '0'), 'mobile' from generate_series(1, ${size.customers}::int) g`.execute(k);
  await sql`insert into customer_identities (id, customer_id, kind, value)
    select md5('e' || g)::uuid, md5('c' || g)::uuid, 'email', 'customer' || g || '@example.com' from generate_series(1, ${size.customers}::int) g where g % 3 <> 0`.execute(k);
  // 3% of customers have revoked a channel.
  await sql`insert into consents (id, customer_id, channel, status, source, stamp, stamped_at, revoked_at)
    select md5('k' || g)::uuid, md5('c' || g)::uuid, (array['phone','sms','email','whatsapp','post'])[1 + g % 5], 'revoked', 'call',
           '000001700000000-0000-bench', now() - interval '30 days', now() - interval '30 days'
    from generate_series(1, ${size.customers}::int) g where g % 33 = 0`.execute(k);
  // 5% have a complaint; a third of those are still open, some past their SLA.
  await sql`insert into complaints (id, customer_id, type_id, taxonomy_version, status, opened_at, sla_due_at, resolved_at)
    select md5('q' || g)::uuid, md5('c' || g)::uuid, t.id, t.version,
           case when g % 60 < 20 then 'open' else 'resolved' end,
           now() - make_interval(days => g % 200), now() - make_interval(days => g % 200) + make_interval(hours => t.sla_hours),
           case when g % 60 < 20 then null else now() - make_interval(days => g % 200) + interval '1 day' end
    from generate_series(1, ${size.customers}::int) g
    cross join lateral (select id, version, sla_hours from taxonomy_nodes where parent_id is not null order by version desc, id offset (g % 10) limit 1) t
    where g % 20 = 0`.execute(k);
  const agents = await k.selectFrom('users').select(['id', 'team_id']).where('role', 'in', ['agent', 'team_lead']).orderBy('username').execute();
  const agentIds = `{${agents.map((a) => a.id).join(',')}}`;
  const teamIds = `{${agents.map((a) => a.team_id).join(',')}}`;
  const types = (await k.selectFrom('taxonomy_nodes').select('id').where('parent_id', 'is not', null).execute()).map((t) => t.id);
  // Interactions in chunks so no statement holds the whole million in memory at once.
  const chunk = 250_000;
  for (let offset = 0; offset < size.interactions; offset += chunk) {
    await sql`insert into interactions (id, customer_id, channel, direction, agent_id, team_id, queued_at, answered_at, ended_at, wrapped_up_at,
        emotion_start, emotion_start_intensity, emotion_end, emotion_end_intensity, complaint_type_id, complaint_id, first_contact_resolution, csat, nps, ces, client_ts)
      select md5('i' || g)::uuid, md5('c' || c)::uuid, ch, dir, (${agentIds}::uuid[])[1 + a], (${teamIds}::uuid[])[1 + a],
             q, case when ans then q + make_interval(secs => w) end, q + make_interval(secs => w + h), q + make_interval(secs => w + h + 30),
             (array['calm','satisfied','confused','anxious','frustrated','angry'])[1 + (g * 7) % 6], 1 + g % 3,
             (array['calm','satisfied','confused','anxious','frustrated','angry'])[1 + (g * 11) % 6], 1 + (g / 3) % 3,
             case when g % 9 = 0 then (${`{${types.join(',')}}`}::text[])[1 + g % ${types.length}::int] end,
             case when c % 20 = 0 and g % 3 = 0 then md5('q' || c)::uuid end,
             case when g % 3 = 0 then null else g % 4 <> 0 end,
             case when g % 5 = 0 then 1 + g % 5 end, case when g % 7 = 0 then g % 11 end, case when g % 11 = 0 then 1 + g % 7 end,
             '000001700000000-0000-bench'
      from (select g, 1 + ((g::bigint * 7919) % ${size.customers}::int)::int as c, g % ${agents.length}::int as a,
                   now() - make_interval(secs => ((g::bigint * 315576) % 315576000000 / 10000)::float8) as q,
                   (g * 13) % 240 as w, 60 + (g * 17) % 900 as h, g % 10 <> 0 as ans,
                   case when g % 8 = 0 then 'email' else 'call' end as ch, case when g % 6 = 0 then 'outbound' else 'inbound' end as dir
            from generate_series(${offset + 1}::int, ${Math.min(size.interactions, offset + chunk)}::int) g) x`.execute(k);
  }
  await sql`analyze`.execute(k);
}
