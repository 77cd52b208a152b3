/**
 * Raw IndexedDB baselines of the initial download (bench/client/download.ts and layout.ts): the
 * snapshot pages fetched on this thread and written with plain IndexedDB calls into scratch
 * databases that have the feature's stores and indexes (or fewer, to show what each costs).
 */
import * as sync from '@features/sync';

export function rawRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function rawDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * A scratch database with the feature's stores and indexes, created with raw IndexedDB calls;
 * `indexes: 'none'` keeps the stores and drops every index (the floors of rawLayoutCompare).
 */
export async function openRawScratch(name: string, { indexes: kept = 'all' }: { indexes?: 'all' | 'noChildIds' | 'none' } = {}): Promise<IDBDatabase> {
  await rawRequest(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    const stores: Record<string, Array<[string, string | string[], boolean]>> = {
      customers: [['phones', 'phones', true], ['nameLower', 'nameLower', false], ['emails', 'emails', true], ['customerNumbers', 'customerNumbers', true], ['childIds', 'childIds', true]],
      complaints: [['customerId', 'customerId', false], ['status', 'status', false]],
      interactions: [['customerId', 'customerId', false], ['[customerId+occurredAt]', ['customerId', 'occurredAt'], false]],
      outcomeTags: [['interactionId', 'interactionId', false]],
      queueItems: [['customerId', 'customerId', false], ['dueAt', 'dueAt', false], ['[state+dueAt]', ['state', 'dueAt'], false]],
    };
    for (const [store, indexes] of Object.entries(stores)) {
      const objectStore = db.createObjectStore(store, { keyPath: 'id' });
      if (kept === 'none') continue;
      for (const [index, keyPath, multiEntry] of indexes) if (kept === 'all' || index !== 'childIds') objectStore.createIndex(index, keyPath, { multiEntry });
    }
  };
  return rawRequest(open);
}

export const RAW_TABLE_STORES = ['complaints', 'interactions', 'outcomeTags', 'queueItems'] as const;
export type RawRow = Record<string, unknown> & { id: string; customerId?: unknown; kind?: unknown; value?: unknown };

/**
 * The page's customers as the store keeps them — identities and consents inside, compact (no id,
 * no customerId, no derivable fields: sync's `compactChild`), no `fieldTs`, with the lookup and
 * child-id arrays — built with plain loops (no rebase, no validation).
 */
export function rawCustomerRows(page: Record<string, RawRow[]>, layout: 'compact' | 'whole' = 'compact'): RawRow[] {
  const children = new Map<string, { identities: RawRow[]; consents: RawRow[] }>();
  for (const field of ['identities', 'consents'] as const) {
    for (const row of page[field] ?? []) {
      const customerId = String(row.customerId);
      let own = children.get(customerId);
      if (!own) children.set(customerId, (own = { identities: [], consents: [] }));
      own[field].push(row);
    }
  }
  return (page.customers ?? []).map(({ fieldTs, ...row }) => {
    const own = children.get(row.id) ?? { identities: [], consents: [] };
    const values = (kind: string) => own.identities.filter((identity) => identity.kind === kind).map((identity) => String(identity.value));
    // The layout before compaction, for rawLayoutCompare: children whole, `fieldTs` kept.
    if (layout === 'whole') {
      return {
        ...row, fieldTs, nameLower: String(row.displayName ?? '').toLowerCase(), ...own, childIds: [...own.identities, ...own.consents].map((child) => child.id),
        phones: values('phone'), emails: values('email'), customerNumbers: values('customer_number'),
      };
    }
    return {
      ...row, nameLower: String(row.displayName ?? '').toLowerCase(),
      identities: own.identities.map((child) => sync.compactChild('identity', child as sync.EntityRow, row.id)),
      consents: own.consents.map((child) => sync.compactChild('consent', child as sync.EntityRow, row.id)),
      childIds: [...own.identities, ...own.consents].map((child) => child.id),
      phones: values('phone'), emails: values('email'), customerNumbers: values('customer_number'),
    };
  });
}

export type RawSnapshotPage = Record<string, RawRow[]> & { next: string | null };

/** Every snapshot page, fetched and parsed on this thread, one after the other (no prefetch). */
export async function* snapshotPages(accessToken: string, limit: number): AsyncGenerator<RawSnapshotPage> {
  for (let after: string | null = null; ;) {
    const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
    const response = await fetch(`/api/sync/snapshot?${query}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!response.ok) throw new Error(`raw snapshot: HTTP ${response.status}`);
    const page = (await response.json()) as RawSnapshotPage;
    yield page;
    after = page.next;
    if (after === null) return;
  }
}

export type RawTableRows = ReadonlyArray<readonly [(typeof RAW_TABLE_STORES)[number], RawRow[]]>;

/** The page's rows of the stores other than customers, as the store keeps them (interactions get `occurredAt`). */
export function rawTableRows(page: RawSnapshotPage): RawTableRows {
  return RAW_TABLE_STORES.map((store) => [store, store === 'interactions'
    ? page[store]!.map((row) => ({ ...row, occurredAt: row.answeredAt ?? row.queuedAt ?? row.createdAt }))
    : page[store]!] as const);
}

/** Writes one page in the store's layout (one record per row, with its indexes) in one transaction. */
export async function putRecordLayout(db: IDBDatabase, customers: readonly RawRow[], tables: RawTableRows): Promise<void> {
  const tx = db.transaction(['customers', ...RAW_TABLE_STORES], 'readwrite', { durability: 'relaxed' });
  for (const row of customers) tx.objectStore('customers').put(row);
  for (const [store, rows] of tables) for (const row of rows) tx.objectStore(store).put(row);
  await rawDone(tx);
}

/**
 * Baseline for the initial download: the same snapshot pages fetched and parsed on this thread
 * and written with raw IndexedDB puts in the layout the feature stores (one transaction per page,
 * no prefetch, no progress row), into a scratch database with the same stores and indexes.
 */
export async function rawSnapshotWrite(accessToken: string, limit: number): Promise<{ ms: number; rows: number; pages: number }> {
  const db = await openRawScratch('centralita-raw-download-baseline');
  const started = performance.now();
  let rows = 0;
  let pages = 0;
  try {
    for await (const page of snapshotPages(accessToken, limit)) {
      await putRecordLayout(db, rawCustomerRows(page), rawTableRows(page));
      rows += ['customers', 'identities', 'consents', ...RAW_TABLE_STORES].reduce((sum, store) => sum + (page[store]?.length ?? 0), 0);
      pages += 1;
    }
    return { ms: performance.now() - started, rows, pages };
  } finally {
    db.close();
    await rawRequest(indexedDB.deleteDatabase('centralita-raw-download-baseline'));
  }
}

/** What rawLayoutCompare writes, each into its own scratch database. */
const LAYOUT_WRITES = {
  /** Children with every field, `fieldTs` kept: the row before compaction. */
  whole: { indexes: 'all' },
  /** As the store writes them now. */
  compact: { indexes: 'all' },
  /** What the `*childIds` index costs. */
  compactNoChildIndex: { indexes: 'noChildIds' },
  /** The floor of ANY layout that keeps one IndexedDB record per customer: a two-field record each, no index. */
  onePutPerCustomer: { indexes: 'none' },
  /** The page's compact rows as ONE record, no index: what a layout keeping ~1,000 customers per record would write. */
  onePutPerPage: { indexes: 'none' },
} as const;
type LayoutWrite = keyof typeof LAYOUT_WRITES;

function layoutRecords(layout: LayoutWrite, rows: { whole: RawRow[]; compact: RawRow[] }, page: number): RawRow[] {
  switch (layout) {
    case 'whole': return rows.whole;
    case 'onePutPerCustomer': return rows.compact.map((row, index) => ({ id: row.id, n: index }));
    case 'onePutPerPage': return [{ id: `page-${String(page).padStart(6, '0')}`, rows: rows.compact }];
    default: return rows.compact;
  }
}

/**
 * The customer rows of every snapshot page written with raw IndexedDB puts in each of
 * LAYOUT_WRITES into scratch databases, rotating which goes first per page so all see the same
 * load. Only the customers store differs between the layouts, so only it is written; rows are
 * built untimed. The two floors show whether a goal is reachable with one record per customer at
 * all on this machine, and what writing fewer, larger records would cost instead.
 */
export async function rawLayoutCompare(accessToken: string, limit: number): Promise<{
  pages: number; customers: number; wholeJsonBytes: number; compactJsonBytes: number; ms: Record<LayoutWrite, number>;
}> {
  const layouts = Object.keys(LAYOUT_WRITES) as LayoutWrite[];
  const name = (layout: string) => `centralita-raw-layout-${layout}`;
  const dbs = {} as Record<LayoutWrite, IDBDatabase>;
  for (const layout of layouts) dbs[layout] = await openRawScratch(name(layout), LAYOUT_WRITES[layout]);
  const ms = Object.fromEntries(layouts.map((layout) => [layout, 0])) as Record<LayoutWrite, number>;
  const result = { pages: 0, customers: 0, wholeJsonBytes: 0, compactJsonBytes: 0 };
  try {
    for await (const page of snapshotPages(accessToken, limit)) {
      const rows = { whole: rawCustomerRows(page, 'whole'), compact: rawCustomerRows(page, 'compact') };
      for (let turn = 0; turn < layouts.length; turn += 1) {
        const layout = layouts[(result.pages + turn) % layouts.length]!;
        const records = layoutRecords(layout, rows, result.pages);
        const started = performance.now();
        const tx = dbs[layout].transaction('customers', 'readwrite', { durability: 'relaxed' });
        const customers = tx.objectStore('customers');
        for (const record of records) customers.put(record);
        await rawDone(tx);
        ms[layout] += performance.now() - started;
      }
      result.wholeJsonBytes += rows.whole.reduce((sum, row) => sum + JSON.stringify(row).length, 0);
      result.compactJsonBytes += rows.compact.reduce((sum, row) => sum + JSON.stringify(row).length, 0);
      result.pages += 1;
      result.customers += rows.compact.length;
    }
    return { ...result, ms };
  } finally {
    for (const layout of layouts) {
      dbs[layout].close();
      await rawRequest(indexedDB.deleteDatabase(name(layout)));
    }
  }
}
