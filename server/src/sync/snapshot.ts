/**
 * GET /api/sync/snapshot: current state in keyset pages of customers (see contract/src/snapshot.ts).
 * Each page is one REPEATABLE READ transaction; its `cursor` is the change-log head read inside
 * it. Every log position up to that head is committed and visible to the page (change-log.ts), and
 * every later commit gets a higher position, so pulling from the first page's cursor afterwards
 * delivers everything the pages could have missed.
 *
 * A page is two statements in that transaction: its bounds (cursor, total, last customer id, whether
 * more follow), then one statement whose result is the page's arrays as JSON text, each row built
 * by the database in the pull's shape (snapshot-sql.ts). The rows never become JavaScript objects,
 * and the route sends the text as is: on PGlite a page costs well under half of reading its rows
 * into Node, shaping and serializing them; on PostgreSQL the database's formatting is most of what
 * is left (docs/BENCHMARKS.md, bench/server/snapshot.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import { SNAPSHOT_INTERACTION_DAYS, type SnapshotPage } from '@contract/snapshot';
import { visibleTeams, type AuthUser } from '../auth/guard';
import type { Database } from '../db/database';
import { jsonArray, jsonRows, SNAPSHOT_ROWS as ROWS, UTC_TRANSACTION } from './snapshot-sql';

interface PageBounds {
  cursor: string;
  total: string | null;
  /** The page's last customer id: the `limit`-th after `after`, or the greatest when fewer remain; null when none. */
  at_limit: string | null;
  greatest: string | null;
}

interface PageTexts {
  customers: string;
  identities: string;
  consents: string;
  complaints: string;
  interactions: string;
  outcome_tags: string;
  queue_items: string;
}

const EMPTY_ARRAYS: PageTexts = { customers: '[]', identities: '[]', consents: '[]', complaints: '[]', interactions: '[]', outcome_tags: '[]', queue_items: '[]' };

/** One page as JSON text (a SnapshotPage: the route's content-type is application/json). */
export async function snapshotPageJson(db: Database, user: AuthUser, after: string | null, limit: number): Promise<string> {
  const { bounds, texts } = await db.transaction(async (trx) => {
    // First the page's customer-id range, so the rows' statement is planned for the real range
    // (with the bound inside the statement the planner guesses a third of each table and scans it).
    const afterId = after === null ? sql`true` : sql`id > ${after}`;
    const pageBounds = (await sql<PageBounds>`SELECT
        ${UTC_TRANSACTION} AS time_zone,
        (SELECT last_seq::text FROM sync_state) AS cursor,
        ${after === null ? sql`(SELECT count(*)::text FROM customers)` : sql`NULL::text`} AS total,
        (SELECT id FROM customers WHERE ${afterId} ORDER BY id OFFSET ${limit - 1} LIMIT 1)::text AS at_limit,
        (SELECT id FROM customers WHERE ${afterId} ORDER BY id DESC LIMIT 1)::text AS greatest`.execute(trx)).rows[0]!;
    const last = pageBounds.at_limit ?? pageBounds.greatest;
    const pageTexts = last === null ? EMPTY_ARRAYS : (await rowsQuery(user, after, last).execute(trx)).rows[0]!;
    return { bounds: pageBounds, texts: pageTexts };
  }, { isolation: 'repeatable read' });
  // More customers after this page exactly when the greatest id lies beyond its last.
  const next = bounds.at_limit !== null && bounds.greatest !== bounds.at_limit ? bounds.at_limit : null;
  return `{"cursor":"${bounds.cursor}","total":${bounds.total ?? 'null'},"customers":${texts.customers},"identities":${texts.identities},`
    + `"consents":${texts.consents},"complaints":${texts.complaints},"interactions":${texts.interactions},"outcomeTags":${texts.outcome_tags},`
    + `"queueItems":${texts.queue_items},"next":${next === null ? 'null' : `"${next}"`}}`;
}

/** The page's rows, customers with ids in (after, last] and their children, as JSON array texts. */
function rowsQuery(user: AuthUser, after: string | null, last: string): RawBuilder<PageTexts> {
  const teams = visibleTeams(user);
  // Children are selected by the page's customer-id RANGE (after, last], which their
  // customer_id-leading indexes answer directly; an IN list of 1,000 ids costs several times more.
  const range = (column: string) => {
    const id = sql.raw(column);
    return after === null ? sql`${id} <= ${last}` : sql`${id} > ${after} AND ${id} <= ${last}`;
  };
  const teamList = teams?.length ? sql.join(teams.map((team) => sql`${team}::uuid`)) : null;
  // As the pull scopes them: the user's team (and, for interactions, those of no team); admins: all.
  const interactionTeam = teams === null ? sql`true` : teamList ? sql`(i.team_id IS NULL OR i.team_id IN (${teamList}))` : sql`i.team_id IS NULL`;
  const queueTeam = teams === null ? sql`true` : teamList ? sql`q.team_id IN (${teamList})` : sql`false`;
  const recent = sql`coalesce(i.queued_at, i.answered_at, i.created_at) >= now() - make_interval(days => ${SNAPSHOT_INTERACTION_DAYS})`;
  const interactions = sql`FROM ranged_interactions i WHERE ${recent} AND ${interactionTeam}`;

  // Filtered tables are read by the customer range alone first (MATERIALIZED), then filtered:
  // otherwise the planner may also read the whole team, 90-day or open-item index and AND the
  // bitmaps, which costs more than the page's rows — it does on PGlite, which never runs ANALYZE.
  return sql<PageTexts>`WITH
    ranged_interactions AS MATERIALIZED (SELECT * FROM interactions WHERE ${range('customer_id')}),
    ranged_complaints AS MATERIALIZED (SELECT * FROM complaints WHERE ${range('customer_id')}),
    ranged_queue_items AS MATERIALIZED (SELECT * FROM queue_items WHERE ${range('customer_id')})
  SELECT
    ${jsonArray(jsonRows(ROWS.customer, 'c', sql`FROM customers c WHERE ${range('c.id')}`))} AS customers,
    ${jsonArray(jsonRows(ROWS.phone, 'p', sql`FROM customer_phones p WHERE ${range('p.customer_id')}`), jsonRows(ROWS.otherIdentity, 'o', sql`FROM customer_identities o WHERE ${range('o.customer_id')}`))} AS identities,
    ${jsonArray(jsonRows(ROWS.consent, 'k', sql`FROM consents k WHERE ${range('k.customer_id')}`))} AS consents,
    ${jsonArray(jsonRows(ROWS.complaint, 'm', sql`FROM ranged_complaints m WHERE m.status <> 'resolved'`))} AS complaints,
    ${jsonArray(jsonRows(ROWS.interaction, 'i', interactions))} AS interactions,
    ${jsonArray(jsonRows(ROWS.outcomeTag, 't', sql`FROM outcome_retags t WHERE t.interaction_id IN (SELECT i.id ${interactions})`))} AS outcome_tags,
    ${jsonArray(jsonRows(ROWS.queueItem, 'q', sql`FROM ranged_queue_items q WHERE q.state IN ('open', 'claimed') AND ${queueTeam}`))} AS queue_items`;
}

/** One page as an object, for a caller that picks rows out of it (caller-route.ts: one-customer pages). */
export async function snapshotPage(db: Database, user: AuthUser, after: string | null, limit: number): Promise<SnapshotPage> {
  return JSON.parse(await snapshotPageJson(db, user, after, limit)) as SnapshotPage;
}
