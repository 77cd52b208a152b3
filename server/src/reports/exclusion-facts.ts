/**
 * Brings customer_exclusion_facts up to date before an exclusion read: recomputes the customers
 * that writes marked stale since the last read (migration 003). One refresher at a time (advisory
 * lock); it takes the stale marks first and recomputes after, in a later statement whose snapshot
 * holds every write that made those marks, so a mark is never consumed with a stale answer.
 */
import { sql } from 'kysely';
import { type Database } from '../db/database';

// Arbitrary constant shared by every Centralita process: "exclusion facts being refreshed".
const REFRESH_LOCK_KEY = 7_466_210_302;
/** Past this many stale customers (a bulk import, a seed) one grouped pass over everything is cheaper. */
const REBUILD_ABOVE = 20_000;

/** Returns how many customers were recomputed. */
export async function refreshExclusionFacts(db: Database): Promise<number> {
  return db.transaction(async (trx) => {
    await sql`select pg_advisory_xact_lock(${REFRESH_LOCK_KEY})`.execute(trx);
    const taken = await sql<{ ids: string[] | null }>`
      with gone as (delete from customer_exclusion_stale returning customer_id)
      select array_agg(distinct customer_id) as ids from gone`.execute(trx);
    const ids = taken.rows[0]?.ids ?? [];
    if (ids.length > REBUILD_ABOVE) await sql`select rebuild_customer_exclusion_facts()`.execute(trx);
    else if (ids.length > 0) await sql`select refresh_customer_exclusion_facts(${ids}::uuid[])`.execute(trx);
    return ids.length;
  });
}
