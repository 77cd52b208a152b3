/**
 * Client benchmarks run inside the page (bench/client/run.ts drives them). Each feature call is
 * timed beside the same work done with raw IndexedDB on the same database, interleaved so both
 * see the same cache and load.
 */
import { liveQuery } from 'dexie';
import * as sync from '@features/sync';

const FIRST = ['ana', 'jose', 'maria', 'luis', 'carmen', 'john', 'mary', 'pedro', 'lucia', 'diego', 'sofia', 'james'];
const LAST = ['garcia', 'lopez', 'martinez', 'smith', 'rodriguez', 'fernandez', 'jones', 'perez', 'gomez', 'brown'];

const phoneOf = (index: number) => `+3460${String(index).padStart(7, '0')}`;
const nameOf = (index: number) => `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]} ${index}`;

function rawRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function rawDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function session() {
  return sync.requireSyncSession();
}

/** The raw IndexedDB connection Dexie itself uses: the baseline runs on the very same database. */
function rawDb(): IDBDatabase {
  return session().store.db.backendDB();
}

export const bench = {
  /**
   * Fills the customer cache as a download would (bulk, 1,000 rows per transaction), each row
   * holding its identities and consents as stored since schema v3.
   */
  async loadCustomers(count: number): Promise<number> {
    const { db } = session().store;
    const channels = ['email', 'sms', 'call', 'whatsapp'];
    for (let start = 0; start < count; start += 1000) {
      const rows: sync.CustomerRow[] = [];
      for (let index = start; index < Math.min(count, start + 1000); index += 1) {
        const name = nameOf(index);
        const id = sync.uuidv7(Date.UTC(2020, 0, 1) + index);
        const identities = [['phone', phoneOf(index)], ['email', `c${index}@example.com`], ['customer_number', `C${String(index).padStart(8, '0')}`]]
          .map(([kind, value]) => ({ id: sync.uuidv7(), rev: 1, customerId: id, kind, value }));
        const consents = channels.map((channel) => ({ id: sync.uuidv7(), rev: 1, customerId: id, channel, status: 'granted' }));
        rows.push({
          id, rev: 1, displayName: name, nameLower: sync.foldName(name), identities, consents, childIds: [...identities, ...consents].map((row) => row.id),
          phones: [phoneOf(index)], emails: [`c${index}@example.com`], customerNumbers: [`C${String(index).padStart(8, '0')}`],
        });
      }
      await db.customers.bulkPut(rows);
    }
    return db.customers.count();
  },

  /**
   * Both phone reads, each sample in the same order: the screen pop's (`readCustomerByPhone`,
   * after the caller id is normalized), the live query's (`findCustomerByPhone`, Dexie) and a raw
   * `get` on the same index.
   */
  async phoneLookups(count: number, samples: number): Promise<{ feature: number[]; live: number[]; raw: number[]; misses: number }> {
    const { db } = session().store;
    const feature: number[] = [];
    const live: number[] = [];
    const raw: number[] = [];
    let misses = 0;
    for (let sample = 0; sample < samples; sample += 1) {
      const phone = phoneOf(Math.floor(Math.random() * count));
      let started = performance.now();
      const e164 = sync.normalizePhone(phone);
      const found = e164 ? await sync.readCustomerByPhone(db, e164) : undefined;
      feature.push(performance.now() - started);
      if (!found) misses += 1;
      started = performance.now();
      await sync.findCustomerByPhone(db, phone);
      live.push(performance.now() - started);
      started = performance.now();
      const tx = rawDb().transaction('customers', 'readonly');
      await rawRequest(tx.objectStore('customers').index('phones').get(phone));
      raw.push(performance.now() - started);
    }
    return { feature, live, raw, misses };
  },

  async typeahead(samples: number): Promise<{ feature: number[]; raw: number[]; resultSizes: number[] }> {
    const { db } = session().store;
    const feature: number[] = [];
    const raw: number[] = [];
    const resultSizes: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      const full = FIRST[sample % FIRST.length]!;
      const prefix = full.slice(0, 2 + (sample % (full.length - 1)));
      let started = performance.now();
      const rows = await sync.searchCustomers(db, prefix, 20);
      feature.push(performance.now() - started);
      resultSizes.push(rows.length);
      started = performance.now();
      const tx = rawDb().transaction('customers', 'readonly');
      await rawRequest(tx.objectStore('customers').index('nameLower').getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`), 20));
      raw.push(performance.now() - started);
    }
    return { feature, raw, resultSizes };
  },

  /** Wrap-up save incl. its outbox entry (strict) vs a raw strict transaction writing the same two rows. */
  async wrapups(samples: number): Promise<{ feature: number[]; raw: number[] }> {
    const store = session().store;
    const feature: number[] = [];
    const raw: number[] = [];
    const wrapup = { disposition: 'information_provided', emotionStart: null, emotionEnd: { emotion: 'calm' as const, intensity: 1 }, complaintTypeId: null, complaintId: null, notes: 'bench', firstContactResolution: true };
    const interaction = { customerId: null, channel: 'call' as const, direction: 'inbound' as const, queue: null, remoteNumber: null, line: 1, queuedAt: null, answeredAt: new Date().toISOString(), endedAt: null, holdSeconds: 0, transferTarget: null };
    for (let sample = 0; sample < samples; sample += 1) {
      let started = performance.now();
      await sync.recordInteraction(store, { ...interaction, wrapup });
      feature.push(performance.now() - started);
      started = performance.now();
      const strict = store.strictDb.backendDB();
      // Same two writes (the row and a queue record) without validation, clock or index upkeep.
      const tx = strict.transaction(['interactions', 'syncState'], 'readwrite', { durability: 'strict' });
      const id = sync.uuidv7();
      tx.objectStore('interactions').put({ id, rev: 0, ...interaction, ...wrapup, occurredAt: interaction.answeredAt });
      tx.objectStore('syncState').put({ key: 'bench-baseline', id, patch: wrapup });
      await rawDone(tx);
      raw.push(performance.now() - started);
    }
    return { feature, raw };
  },

  /** Queues `count` interactions (one transaction per 1,000) for the backlog-drain figure. */
  async queueBacklog(count: number): Promise<number> {
    const store = session().store;
    for (let start = 0; start < count; start += 1000) {
      const size = Math.min(1000, count - start);
      await sync.recordInteractions(store, Array.from({ length: size }, (_, offset) => ({
        customerId: null, channel: 'call' as const, direction: 'outbound' as const, queue: null, remoteNumber: null, line: 1,
        queuedAt: null, answeredAt: null, endedAt: null, holdSeconds: 0, transferTarget: `backlog-${start + offset}`,
      })));
    }
    return store.db.outbox.count();
  },

  /** Milliseconds until the outbox is empty (polled every 10 ms). */
  async timeDrain(): Promise<number> {
    const store = session().store;
    const started = performance.now();
    session().engine.requestSync(true);
    while ((await store.db.outbox.count()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    return performance.now() - started;
  },

  /** Agent A's side of the A→B figure: creates a customer and returns its id once pushed. */
  async visibilitySubject(): Promise<string> {
    const id = await sync.createCustomer(session().store, { displayName: 'Visibility Probe' });
    await session().engine.whenIdle();
    return id;
  },

  /** Agent A edits the name; returns the epoch time (ms, sub-ms precision) just before the local write. */
  async editName(customerId: string, name: string): Promise<number> {
    const started = performance.timeOrigin + performance.now();
    await sync.updateCustomer(session().store, customerId, { displayName: name });
    return started;
  },

  /**
   * Agent B's side: resolves with the epoch time of the first frame after the live query (what
   * the customer card renders from) shows `name`; rejects after `timeoutMs`.
   */
  async seeName(customerId: string, name: string, timeoutMs: number): Promise<number> {
    const { db } = session().store;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.unsubscribe();
        reject(new Error(`agent B did not see "${name}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const subscription = liveQuery(() => db.customers.get(customerId)).subscribe({
        next: (row) => {
          if (row?.displayName !== name) return;
          clearTimeout(timer);
          subscription.unsubscribe();
          requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
        },
        error: (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      });
    });
  },

  /** Milliseconds until the first download completes (the worker writes, this thread waits). */
  async timeIdle(): Promise<{ ms: number; customers: number; stats: sync.DownloadStats | null }> {
    const started = performance.now();
    await session().engine.whenIdle();
    return { ms: performance.now() - started, customers: await session().store.db.customers.count(), stats: sync.lastDownloadStats() };
  },

  rawSnapshotWrite: (accessToken: string, limit: number) => rawSnapshotWrite(accessToken, limit),
  rawLayoutCompare: (accessToken: string, limit: number) => rawLayoutCompare(accessToken, limit),
};

/**
 * A scratch database with the feature's stores and indexes, created with raw IndexedDB calls;
 * `indexes: 'none'` keeps the stores and drops every index (the floors of rawLayoutCompare).
 */
async function openRawScratch(name: string, { indexes: kept = 'all' }: { indexes?: 'all' | 'noChildIds' | 'none' } = {}): Promise<IDBDatabase> {
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

const RAW_TABLE_STORES = ['complaints', 'interactions', 'outcomeTags', 'queueItems'] as const;
type RawRow = Record<string, unknown> & { id: string; customerId?: unknown; kind?: unknown; value?: unknown };

/**
 * The page's customers as the store keeps them — identities and consents inside, compact (no id,
 * no customerId, no derivable fields: sync's `compactChild`), no `fieldTs`, with the lookup and
 * child-id arrays — built with plain loops (no rebase, no validation).
 */
function rawCustomerRows(page: Record<string, RawRow[]>, layout: 'compact' | 'whole' = 'compact'): RawRow[] {
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

type RawSnapshotPage = Record<string, RawRow[]> & { next: string | null };

/** Every snapshot page, fetched and parsed on this thread, one after the other (no prefetch). */
async function* snapshotPages(accessToken: string, limit: number): AsyncGenerator<RawSnapshotPage> {
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
      const tx = db.transaction(['customers', ...RAW_TABLE_STORES], 'readwrite', { durability: 'relaxed' });
      const customers = tx.objectStore('customers');
      for (const row of rawCustomerRows(page)) customers.put(row);
      for (const store of RAW_TABLE_STORES) {
        const objectStore = tx.objectStore(store);
        for (const row of page[store]!) objectStore.put(store === 'interactions' ? { ...row, occurredAt: row.answeredAt ?? row.queuedAt ?? row.createdAt } : row);
      }
      rows += ['customers', 'identities', 'consents', ...RAW_TABLE_STORES].reduce((sum, store) => sum + (page[store]?.length ?? 0), 0);
      await rawDone(tx);
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

export type LabBench = typeof bench;
