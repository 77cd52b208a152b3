/**
 * Snapshot (bulk) download: the current state the pull would eventually give a new client, served
 * customer by customer in keyset pages instead of replaying the change log (~10 log rows per
 * customer). The FIRST page carries the change-log cursor taken at snapshot start; once every page
 * is stored the client pulls from that cursor, so nothing committed during the snapshot is missed
 * (changes after it are delivered again, and applying a full row twice is harmless).
 *
 * Scope per page of customers (ordered by id): the customers, all their identities and consents,
 * their open complaints, and — as the pull scopes them (the user's team; admins: all) — their
 * interactions of the last `SNAPSHOT_INTERACTION_DAYS` days with those interactions' outcome
 * re-tags, and their open or claimed queue items. Older history arrives only when it changes.
 */
import { z } from 'zod';
import { E164_PATTERN } from './domain';

export const SNAPSHOT_DEFAULT_LIMIT = 1000;
export const SNAPSHOT_MAX_LIMIT = 5000;
export const SNAPSHOT_INTERACTION_DAYS = 90;

const UUID_ANY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const snapshotQuerySchema = z.object({
  /** Last customer id of the previous page; absent for the first page. */
  after: z.string().regex(UUID_ANY, 'must be a customer id (UUID)').optional(),
  limit: z.coerce.number().int().min(1).max(SNAPSHOT_MAX_LIMIT).default(SNAPSHOT_DEFAULT_LIMIT),
});
export type SnapshotQuery = z.infer<typeof snapshotQuerySchema>;

/** One entity's full current state, the same shape a pull change's `data` has (with `id` and `rev`). */
const snapshotRowSchema = z.object({ id: z.string(), rev: z.number().int() }).catchall(z.unknown());
export type SnapshotRow = z.infer<typeof snapshotRowSchema>;

export const snapshotPageSchema = z.object({
  /** Change-log head when this page was read. The client continues pulling from the FIRST page's cursor. */
  cursor: z.string().regex(/^\d{1,19}$/),
  /** Customers in the whole snapshot (first page only; null on later pages), for progress. */
  total: z.number().int().nonnegative().nullable(),
  customers: z.array(snapshotRowSchema),
  identities: z.array(snapshotRowSchema),
  consents: z.array(snapshotRowSchema),
  complaints: z.array(snapshotRowSchema),
  interactions: z.array(snapshotRowSchema),
  outcomeTags: z.array(snapshotRowSchema),
  queueItems: z.array(snapshotRowSchema),
  /** Pass as `after` for the next page; null when this was the last page. */
  next: z.string().nullable(),
});
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;

/**
 * GET /api/sync/history: a customer's interactions older than the local cache holds (the snapshot
 * keeps 90 days), newest first, scoped like the pull (the user's team; admins: all), with their
 * outcome re-tags. Keyset paging on (occurredAt, id): occurredAt is answered, queued, ended or
 * created time — the first one set, the same order the client's timeline index uses.
 */
export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 500;

export const historyQuerySchema = z.object({
  customerId: z.string().regex(UUID_ANY, 'must be a customer id (UUID)'),
  /** The oldest interaction already held: its occurredAt and id. Absent: from the newest. */
  before: z.iso.datetime({ offset: true }).optional(),
  beforeId: z.string().regex(UUID_ANY, 'must be an interaction id (UUID)').optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_MAX_LIMIT).default(HISTORY_DEFAULT_LIMIT),
}).refine((query) => (query.before === undefined) === (query.beforeId === undefined), { message: 'before and beforeId go together', path: ['beforeId'] });
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyPageSchema = z.object({
  /** Newest first; the same shape as the pull's interaction `data`, plus `occurredAt`. */
  interactions: z.array(snapshotRowSchema),
  outcomeTags: z.array(snapshotRowSchema),
  /** Pass as before/beforeId for the next (older) page; null when nothing older exists. */
  next: z.object({ before: z.string(), beforeId: z.string() }).nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** A phone number in E.164, as the caller query takes it. */
export const e164PhoneSchema = z.string().trim().regex(E164_PATTERN, 'must be a phone number in E.164 format (+<country><number>; a "+" in a URL is written %2B)');

/**
 * GET /api/sync/snapshot/caller?phone=<E.164>: the screen pop's way round a first download (or a
 * refetch) that has not reached a caller yet. The answer is a `snapshotPageSchema` page holding
 * the customer(s) whose phones include that number, each with its children by the snapshot's own
 * rules (the same scope as the page that will bring it). `next` is null and `total` null; its
 * `cursor` is NOT a resume point: a client writes the rows and never stores that cursor (the
 * download's first page fixes where the pull continues).
 */
export const callerSnapshotQuerySchema = z.object({ phone: e164PhoneSchema });
export type CallerSnapshotQuery = z.infer<typeof callerSnapshotQuerySchema>;
