/**
 * Each sync entity's JSON row built by the database, for the snapshot's pages: the same keys and
 * values entities.ts gives the pull (camelCase keys, timestamps as Date.toISOString prints them,
 * the interaction's outcome as outcomeOf gives it). The database returns a page's rows as a few
 * JSON texts instead of thousands of rows that Node would parse into objects, reshape and
 * serialize again. The two definitions must not drift: server/test/sync-snapshot.test.ts compares
 * every row of every table built here, field by field, with what loadEntities serves for it.
 *
 * Rows are concatenated text rather than row_to_json / json_build_object: about a third cheaper
 * per row on PGlite, where a page's formatting is most of its time.
 */
import { sql, type RawBuilder } from 'kysely';

/**
 * Sets the transaction's time zone to UTC: timestamps are printed in the session's zone (half
 * the cost of converting each with AT TIME ZONE). Select it in the transaction before the rows.
 */
export const UTC_TRANSACTION = sql<string>`set_config('TimeZone', 'UTC', true)`;

/** How a column's value becomes JSON text (a SQL expression over the value). */
const TO_JSON = {
  /** Any text: quoted and escaped. */
  text: (value: string) => `coalesce(to_json(${value})::text, 'null')`,
  /** A uuid's text never needs escaping. */
  uuid: (value: string) => `coalesce('"' || ${value} || '"', 'null')`,
  /** Integers, numeric (as a JSON number, like Number(clv)), booleans, json/jsonb: their text is JSON. */
  raw: (value: string) => `coalesce((${value})::text, 'null')`,
  /** A timestamptz as Date.toISOString prints it, in a UTC_TRANSACTION: milliseconds truncated as node-postgres and PGlite parse them, trailing Z. */
  timestamp: (value: string) => `coalesce('"' || to_char(${value}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')`,
} as const;

type Field = readonly [key: string, kind: keyof typeof TO_JSON, value: string];

/** A JSON object's text from its fields, in order. Keys are plain camelCase: no escaping needed. */
function objectOf(fields: readonly Field[]): string {
  const members = fields.map(([key, kind, value], index) => `'${index === 0 ? '{' : ','}"${key}":' || ${TO_JSON[kind](value)}`);
  return `${members.join(' || ')} || '}'`;
}

/** outcome.ts emotionOf: no emotion (null or empty) → null; intensity alone means nothing. */
const emotion = (column: string) => `CASE WHEN ${column} <> '' THEN json_build_object('emotion', ${column}, 'intensity', ${column}_intensity) END`;

/** Each entity's row as a JSON text expression, over the alias the page's statement gives its table. */
export const SNAPSHOT_ROWS = {
  customer: objectOf([
    ['id', 'uuid', 'c.id'], ['displayName', 'text', 'c.display_name'], ['language', 'text', 'c.language'],
    ['preferredChannel', 'text', 'c.preferred_channel'], ['loyaltyLevel', 'text', 'c.loyalty_level'], ['clv', 'raw', 'c.clv'],
    ['influencer', 'raw', 'c.influencer'], ['influencerReach', 'raw', 'c.influencer_reach'], ['mergedInto', 'uuid', 'c.merged_into'],
    ['fieldTs', 'raw', 'c.field_ts'], ['rev', 'raw', 'c.rev'], ['createdAt', 'timestamp', 'c.created_at'], ['updatedAt', 'timestamp', 'c.updated_at'],
  ]),
  phone: objectOf([
    ['id', 'uuid', 'p.id'], ['customerId', 'uuid', 'p.customer_id'], ['kind', 'raw', `'"phone"'`], ['value', 'text', 'p.e164'],
    ['label', 'text', 'p.label'], ['rev', 'raw', '1'],
  ]),
  otherIdentity: objectOf([
    ['id', 'uuid', 'o.id'], ['customerId', 'uuid', 'o.customer_id'], ['kind', 'text', 'o.kind'], ['value', 'text', 'o.value'],
    ['label', 'raw', 'NULL'], ['rev', 'raw', '1'],
  ]),
  consent: objectOf([
    ['id', 'uuid', 'k.id'], ['customerId', 'uuid', 'k.customer_id'], ['channel', 'text', 'k.channel'], ['status', 'text', 'k.status'],
    ['source', 'text', 'k.source'], ['stamp', 'text', 'k.stamp'], ['stampedAt', 'timestamp', 'k.stamped_at'],
    ['revokedAt', 'timestamp', 'k.revoked_at'], ['rev', 'raw', 'k.rev'],
  ]),
  complaint: objectOf([
    ['id', 'uuid', 'm.id'], ['customerId', 'uuid', 'm.customer_id'], ['typeId', 'text', 'm.type_id'], ['taxonomyVersion', 'raw', 'm.taxonomy_version'],
    ['status', 'text', 'm.status'], ['description', 'text', 'm.description'], ['openedBy', 'uuid', 'm.opened_by'],
    ['openedAt', 'timestamp', 'm.opened_at'], ['slaDueAt', 'timestamp', 'm.sla_due_at'], ['resolvedAt', 'timestamp', 'm.resolved_at'],
    ['interactionIds', 'raw', `coalesce((SELECT json_agg(l.interaction_id ORDER BY l.linked_at) FROM complaint_interactions l WHERE l.complaint_id = m.id), '[]')`],
    ['rev', 'raw', 'm.rev'],
  ]),
  interaction: objectOf([
    ['id', 'uuid', 'i.id'], ['customerId', 'uuid', 'i.customer_id'], ['channel', 'text', 'i.channel'], ['direction', 'text', 'i.direction'],
    ['queue', 'text', 'i.queue'], ['agentId', 'uuid', 'i.agent_id'], ['teamId', 'uuid', 'i.team_id'], ['remoteNumber', 'text', 'i.remote_number'],
    ['line', 'raw', 'i.line'], ['queuedAt', 'timestamp', 'i.queued_at'], ['answeredAt', 'timestamp', 'i.answered_at'],
    ['endedAt', 'timestamp', 'i.ended_at'], ['holdSeconds', 'raw', 'i.hold_seconds'], ['transferTarget', 'text', 'i.transfer_target'],
    ['transferredFrom', 'uuid', 'i.transferred_from'], ['wrappedUpAt', 'timestamp', 'i.wrapped_up_at'], ['disposition', 'text', 'i.disposition'],
    ['emotionStart', 'raw', emotion('i.emotion_start')], ['emotionEnd', 'raw', emotion('i.emotion_end')],
    ['complaintTypeId', 'text', 'i.complaint_type_id'], ['firstContactResolution', 'raw', 'i.first_contact_resolution'],
    ['complaintId', 'uuid', 'i.complaint_id'], ['notes', 'text', 'i.notes'], ['scriptId', 'text', 'i.script_id'],
    ['scriptVersion', 'raw', 'i.script_version'], ['scriptAnswers', 'raw', 'i.script_answers'], ['csat', 'raw', 'i.csat'],
    ['nps', 'raw', 'i.nps'], ['ces', 'raw', 'i.ces'], ['rev', 'raw', 'i.rev'], ['createdAt', 'timestamp', 'i.created_at'],
  ]),
  outcomeTag: objectOf([
    ['id', 'uuid', 't.id'], ['interactionId', 'uuid', 't.interaction_id'], ['retaggedBy', 'uuid', 't.retagged_by'],
    ['retaggedAt', 'timestamp', 't.retagged_at'], ['old', 'raw', 't.old'], ['new', 'raw', 't.new'], ['reason', 'text', 't.reason'], ['rev', 'raw', '1'],
  ]),
  queueItem: objectOf([
    ['id', 'uuid', 'q.id'], ['kind', 'text', 'q.kind'], ['customerId', 'uuid', 'q.customer_id'], ['complaintId', 'uuid', 'q.complaint_id'],
    ['teamId', 'uuid', 'q.team_id'], ['dueAt', 'timestamp', 'q.due_at'], ['assigneeId', 'uuid', 'q.assignee_id'], ['state', 'text', 'q.state'],
    ['note', 'text', 'q.note'], ['disposition', 'text', 'q.disposition'], ['interactionId', 'uuid', 'q.interaction_id'],
    ['createdBy', 'uuid', 'q.created_by'], ['createdAt', 'timestamp', 'q.created_at'], ['claimedAt', 'timestamp', 'q.claimed_at'],
    ['completedAt', 'timestamp', 'q.completed_at'], ['rev', 'raw', 'q.rev'],
  ]),
} as const;

/** The rows of `row` (an entity's JSON expression) over `from` (which names its table with the row's alias, holding an `id`), joined by commas in id order; NULL when none. */
export function jsonRows(row: string, alias: string, from: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(SELECT string_agg(${sql.raw(row)}, ',' ORDER BY ${sql.raw(alias)}.id) ${from})`;
}

/** JSON array text of the lists' rows, one list after the other ('[]' when all are empty). */
export function jsonArray(...lists: RawBuilder<string | null>[]): RawBuilder<string> {
  return sql<string>`'[' || concat_ws(',', ${sql.join(lists)}) || ']'`;
}
