/**
 * The agent's work queue as a pure function of the cached rows: which items are the agent's to
 * work (their own claims and the team's unassigned items), how urgent each is, and the order.
 * Kept free of React and Dexie so it is unit-tested and fast for 10,000 items.
 */
import type { PriorityScore, QueueItemKind } from '@contract';

export type DueState = 'overdue' | 'due_today' | 'later';
export type Ownership = 'mine' | 'unassigned';

/** What the backend's queue read adds to a cached row: its priority score and explanation. */
export interface ServerScore {
  priority: PriorityScore;
  customerName: string;
  complaintTypeId: string | null;
  /** Computed on this computer from cached data because the server's scores could not be read. */
  estimated?: boolean;
  /** The server's score as last read and saved on this computer (the live read has not answered). */
  lastKnown?: boolean;
}

export interface QueueEntry {
  id: string;
  kind: QueueItemKind;
  customerId: string;
  complaintId: string | null;
  complaintTypeId: string | null;
  /** From the backend's queue read; null until it has been read (e.g. an item created offline). */
  customerName: string | null;
  dueAt: string;
  due: DueState;
  note: string;
  ownership: Ownership;
  /** A local change (claim, reschedule…) is still waiting for the server. */
  pending: boolean;
  priority: PriorityScore | null;
  /** The score is a local estimate (offline), not the server's. */
  estimated: boolean;
  /** The score is the server's last known one, saved on this computer, not the live read's. */
  lastKnown: boolean;
}

export interface QueueFilters {
  kind: 'all' | QueueItemKind;
  due: 'all' | DueState;
  /** 'all', 'none' (items without a complaint) or a complaint type id. */
  complaintType: string;
}

export const NO_FILTERS: QueueFilters = { kind: 'all', due: 'all', complaintType: 'all' };

export interface BuildQueueInput {
  rows: readonly Record<string, unknown>[];
  userId: string;
  now: Date;
  scores: ReadonlyMap<string, ServerScore>;
  /** complaint id → type id, from the cached complaints. */
  complaintTypes: ReadonlyMap<string, string>;
  pendingIds: ReadonlySet<string>;
  filters: QueueFilters;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

function endOfLocalDay(now: Date): number {
  const endOfDay = new Date(now);
  endOfDay.setHours(23, 59, 59, 999);
  return endOfDay.getTime();
}

function dueStateAt(dueAt: string, now: number, endOfDay: number): DueState {
  const due = Date.parse(dueAt);
  if (!Number.isFinite(due) || due < now) return 'overdue';
  return due <= endOfDay ? 'due_today' : 'later';
}

/** Overdue: due time passed. Due today: before the end of the agent's local day. Later: after. */
export function dueStateOf(dueAt: string, now: Date): DueState {
  return dueStateAt(dueAt, now.getTime(), endOfLocalDay(now));
}

/** Code-unit order, as PostgreSQL compares ISO times and uuids; `localeCompare` is ~10× slower. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function ownershipOf(row: Record<string, unknown>, userId: string): Ownership | null {
  if (row.state === 'claimed' && row.assigneeId === userId) return 'mine';
  if (row.state === 'open' && (row.assigneeId === null || row.assigneeId === undefined)) return 'unassigned';
  return null;
}

/**
 * Highest priority first (unscored items after scored ones), then the earliest due, then id, the
 * same tie-breaks as the server's read so both lists agree.
 */
export function compareEntries(a: QueueEntry, b: QueueEntry): number {
  const scoreA = a.priority?.score ?? -1;
  const scoreB = b.priority?.score ?? -1;
  return scoreB - scoreA || ordinal(a.dueAt, b.dueAt) || ordinal(a.id, b.id);
}

function toEntry(row: Record<string, unknown>, ownership: Ownership, input: BuildQueueInput, now: number, endOfDay: number): QueueEntry | null {
  const id = str(row.id);
  const customerId = str(row.customerId);
  const dueAt = str(row.dueAt);
  if (!id || !customerId || !dueAt) return null;
  const score = input.scores.get(id);
  const complaintId = str(row.complaintId);
  return {
    id,
    kind: row.kind === 'complaint_follow_up' ? 'complaint_follow_up' : 'callback',
    customerId,
    complaintId,
    complaintTypeId: (complaintId ? input.complaintTypes.get(complaintId) : undefined) ?? score?.complaintTypeId ?? null,
    customerName: score?.customerName || null,
    dueAt,
    due: dueStateAt(dueAt, now, endOfDay),
    note: typeof row.note === 'string' ? row.note : '',
    ownership,
    pending: input.pendingIds.has(id),
    priority: score?.priority ?? null,
    estimated: score?.estimated === true,
    lastKnown: score?.lastKnown === true,
  };
}

function matches(entry: QueueEntry, filters: QueueFilters): boolean {
  if (filters.kind !== 'all' && entry.kind !== filters.kind) return false;
  if (filters.due !== 'all' && entry.due !== filters.due) return false;
  if (filters.complaintType === 'none') return entry.complaintTypeId === null;
  if (filters.complaintType !== 'all' && entry.complaintTypeId !== filters.complaintType) return false;
  return true;
}

export interface BuiltQueue {
  entries: QueueEntry[];
  /** Before filtering: what the agent could work on. */
  total: number;
  overdue: number;
  mine: number;
  /** Complaint types present in the queue, for the filter's options. */
  complaintTypes: string[];
}

export function buildQueue(input: BuildQueueInput): BuiltQueue {
  const all: QueueEntry[] = [];
  const now = input.now.getTime();
  const endOfDay = endOfLocalDay(input.now);
  for (const row of input.rows) {
    const ownership = ownershipOf(row, input.userId);
    if (!ownership) continue;
    const entry = toEntry(row, ownership, input, now, endOfDay);
    if (entry) all.push(entry);
  }
  const types = new Set<string>();
  let overdue = 0;
  let mine = 0;
  for (const entry of all) {
    if (entry.complaintTypeId) types.add(entry.complaintTypeId);
    if (entry.due === 'overdue') overdue += 1;
    if (entry.ownership === 'mine') mine += 1;
  }
  const entries = all.filter((entry) => matches(entry, input.filters)).sort(compareEntries);
  return { entries, total: all.length, overdue, mine, complaintTypes: [...types].sort() };
}

/** Items painted before the whole queue is read: a screenful and then some (PageDown moves 8). */
export const FIRST_PAGE_SIZE = 40;

const NO_SCORES: ReadonlyMap<string, ServerScore> = new Map();
const NO_TYPES: ReadonlyMap<string, string> = new Map();
const NO_PENDING: ReadonlySet<string> = new Set();

/**
 * Which rows the first page's read keeps: what `buildQueue` would keep (the agent's rows, valid,
 * matching the filters), so the accepted rows, read highest saved score first and then soonest
 * due first (the sync feature's `firstScoredQueueItems`), hold a prefix of the full order. Null
 * when a filter needs data the rows do not carry (the complaint's type).
 */
export function firstPageAccept(userId: string, filters: QueueFilters, at: Date): ((row: Record<string, unknown>) => boolean) | null {
  if (filters.complaintType !== 'all') return null;
  const now = at.getTime();
  const endOfDay = endOfLocalDay(at);
  const input: BuildQueueInput = { rows: [], userId, now: at, scores: NO_SCORES, complaintTypes: NO_TYPES, pendingIds: NO_PENDING, filters };
  return (row) => {
    const ownership = ownershipOf(row, userId);
    const entry = ownership ? toEntry(row, ownership, input, now, endOfDay) : null;
    return entry !== null && matches(entry, filters);
  };
}

/**
 * The first `size` entries of the queue from the first page's rows: exactly
 * `buildQueue(all rows, same scores).entries.slice(0, size)` (unit-tested), with no scores (due
 * order) or with the saved scores the rows were read by.
 */
export function firstPageOf(
  rows: readonly Record<string, unknown>[],
  input: Omit<BuildQueueInput, 'rows' | 'scores'>,
  scores: ReadonlyMap<string, ServerScore> = NO_SCORES,
  size = FIRST_PAGE_SIZE,
): QueueEntry[] {
  return buildQueue({ ...input, rows, scores }).entries.slice(0, size);
}
