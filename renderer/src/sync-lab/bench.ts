/**
 * Client benchmarks run inside the page (bench/client/run.ts drives them). Each feature call is
 * timed beside the same work done with raw IndexedDB on the same database, interleaved so both
 * see the same cache and load.
 */
import { liveQuery } from 'dexie';
import * as sync from '@features/sync';
import { rawDone, rawLayoutCompare, rawRequest, rawSnapshotWrite } from './raw-download';
import { rawSegmentCompare } from './segment-layout';

const FIRST = ['ana', 'jose', 'maria', 'luis', 'carmen', 'john', 'mary', 'pedro', 'lucia', 'diego', 'sofia', 'james'];
const LAST = ['garcia', 'lopez', 'martinez', 'smith', 'rodriguez', 'fernandez', 'jones', 'perez', 'gomez', 'brown'];

const phoneOf = (index: number) => `+3460${String(index).padStart(7, '0')}`;
const nameOf = (index: number) => `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]} ${index}`;

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
   * Both phone reads — the screen pop's (`readCustomerByPhone`, after the caller id is normalized,
   * and again given the E.164 number as the raw read is) and the live query's
   * (`findCustomerByPhone`, Dexie) — and a raw `get` on the same index, for the same phone. The order rotates per sample: whichever read goes first pays for bringing the
   * phone's index block into the cache, the later ones find it there.
   */
  async phoneLookups(count: number, samples: number): Promise<{ feature: number[]; indexRead: number[]; live: number[]; raw: number[]; misses: number }> {
    const { db } = session().store;
    const times = { feature: [] as number[], indexRead: [] as number[], live: [] as number[], raw: [] as number[] };
    let misses = 0;
    for (let sample = 0; sample < samples; sample += 1) {
      const phone = phoneOf(Math.floor(Math.random() * count));
      const reads: Record<keyof typeof times, () => Promise<unknown>> = {
        feature: async () => {
          const e164 = sync.normalizePhone(phone);
          if (!(e164 && (await sync.readCustomerByPhone(db, e164)))) misses += 1;
        },
        // The same read given the E.164 number, as the raw baseline is: the normalization's share.
        indexRead: () => sync.readCustomerByPhone(db, phone),
        live: () => sync.findCustomerByPhone(db, phone),
        raw: () => rawRequest(rawDb().transaction('customers', 'readonly').objectStore('customers').index('phones').get(phone)),
      };
      const order = (['feature', 'indexRead', 'live', 'raw'] as const).map((_, index, all) => all[(sample + index) % all.length]!);
      for (const read of order) {
        const started = performance.now();
        await reads[read]();
        times[read].push(performance.now() - started);
      }
    }
    return { ...times, misses };
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
  rawSegmentCompare: (accessToken: string, limit: number, lookups: number, sizes?: { segment: number; block: number }) => rawSegmentCompare(accessToken, limit, lookups, sizes),
};

export type LabBench = typeof bench;
