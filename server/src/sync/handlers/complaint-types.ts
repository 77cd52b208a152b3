/**
 * Whether a complaint type may be used by a change made at a given (HLC) time. Taxonomy versions
 * replace each other: version V is in force from its publication until the next version's. A type
 * is acceptable when some version holding it was still in force at the change's time — an offline
 * agent legitimately picked it from the tree they had — and refused when it never existed or every
 * version holding it had been replaced before the change was made (retired).
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { Rejection } from './types';

interface TypeValidity {
  id: string;
  /** The earliest version holding the type still in force at the time asked, if any. */
  version: number | null;
  /** When the last version holding the type was replaced (null: it is in the current version). */
  retiredAt: Date | null;
}

/** For each known type id: the version to record for a change made at `at`, and when it was retired. */
export async function complaintTypeValidity(trx: Tx, typeIds: readonly string[], at: Date): Promise<Map<string, TypeValidity>> {
  if (typeIds.length === 0) return new Map();
  const rows = await sql<{ id: string; version: number | null; retired_at: Date | null; current: boolean }>`
    with spans as (
      select v.version, (select min(w.published_at) from taxonomy_versions w where w.version > v.version) as replaced_at
      from taxonomy_versions v
    )
    select n.id,
      min(n.version) filter (where s.replaced_at is null or s.replaced_at > ${at.toISOString()}::timestamptz) as version,
      max(s.replaced_at) as retired_at, bool_or(s.replaced_at is null) as current
    from taxonomy_nodes n join spans s on s.version = n.version
    where n.id in (${sql.join(typeIds.map((id) => sql`${id}`))})
    group by n.id`.execute(trx);
  return new Map(rows.rows.map((row) => [row.id, { id: row.id, version: row.version === null ? null : Number(row.version), retiredAt: row.current ? null : row.retired_at }]));
}

export interface TypeSpan { version: number; replacedAt: Date | null; slaHours: number }

/** Every version holding each type, oldest first, with when it was replaced (null: current) and its SLA. */
export async function complaintTypeSpans(trx: Tx, typeIds: readonly string[]): Promise<Map<string, TypeSpan[]>> {
  const spans = new Map<string, TypeSpan[]>();
  if (typeIds.length === 0) return spans;
  const rows = await sql<{ id: string; version: number; replaced_at: Date | null; sla_hours: number }>`
    select n.id, n.version, n.sla_hours, (select min(w.published_at) from taxonomy_versions w where w.version > n.version) as replaced_at
    from taxonomy_nodes n where n.id in (${sql.join(typeIds.map((id) => sql`${id}`))})
    order by n.id, n.version`.execute(trx);
  for (const row of rows.rows) {
    const list = spans.get(row.id) ?? [];
    list.push({ version: Number(row.version), replacedAt: row.replaced_at, slaHours: Number(row.sla_hours) });
    spans.set(row.id, list);
  }
  return spans;
}

/** The taxonomy version to record for `typeId` used at `at`, or a rejection saying why it may not be used. */
export async function checkComplaintType(trx: Tx, typeId: string, at: Date): Promise<number> {
  const validity = (await complaintTypeValidity(trx, [typeId], at)).get(typeId);
  if (!validity) throw new Rejection('invalid_patch', `unknown complaint type ${typeId}: it is in no version of the taxonomy`);
  if (validity.version === null) {
    throw new Rejection('invalid_patch',
      `complaint type ${typeId} was retired on ${validity.retiredAt?.toISOString()} (a newer taxonomy version left it out), before this change was made at ${at.toISOString()}`);
  }
  return validity.version;
}
