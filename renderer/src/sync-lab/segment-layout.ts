/**
 * A lab measurement for the next layout of the initial download (issue 4, 100k customers in
 * ≤ 10 s), not used by the app. On the 2-core machine one IndexedDB put costs ~0.1 ms and one
 * index entry ~0.02 ms whatever the layout, so a store with one record per customer and its
 * lookup indexes cannot get under ~14 s for 100k customers (bench/client/layout.ts). A segment
 * layout stores what a snapshot page brings as few, larger records instead:
 * - one record per `segment` customers (compact rows, sorted by id) and one for their children
 *   (interactions, complaints, queue items, outcome tags), keyed by the segment's first customer id;
 * - app-built lookup blocks: every (phone | name | email | customer number | child id → customer
 *   id) pair of the download, sorted, `block` pairs per record, keyed by the block's first key.
 * A phone lookup is then two cursor reads (the block at or below the phone, the segment at or
 * below the customer id) and two binary searches. Edits after the download would go to the
 * per-record store, read first (not modelled here).
 *
 * `rawSegmentCompare` writes every page both ways (the current layout with all its indexes, and
 * the segments), alternating which goes first, then the lookup blocks, and times phone lookups
 * both ways on the same phones.
 */
import { openRawScratch, putRecordLayout, rawCustomerRows, rawDone, rawRequest, rawTableRows, snapshotPages, type RawRow } from './raw-download';

/** Defaults: customers per segment record, keys per lookup block (the bench may pass others). */
export const SEGMENT_LAYOUT = { segment: 100, block: 1000 };
const LOOKUPS = ['phones', 'nameLower', 'emails', 'customerNumbers', 'childIds'] as const;
type Lookup = (typeof LOOKUPS)[number];

interface LookupBlock { lookup: Lookup; first: string; keys: string[]; ids: string[] }
interface CustomerSegment { key: [string, string]; rows: RawRow[] }

async function openSegmentScratch(name: string): Promise<IDBDatabase> {
  await rawRequest(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('segments', { keyPath: 'key' });
    open.result.createObjectStore('blocks', { keyPath: ['lookup', 'first'] });
  };
  return rawRequest(open);
}

function keysOf(row: RawRow, lookup: Lookup): string[] {
  const value = row[lookup];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value.length > 0 ? [value] : [];
}

const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Index of the first element whose key is ≥ `key` in a sorted array. */
function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last record at or below `key` in a store (reverse cursor from an upper bound). */
async function recordAtOrBelow<T>(tx: IDBTransaction, store: string, low: IDBValidKey, key: IDBValidKey): Promise<T | undefined> {
  const cursor = await rawRequest(tx.objectStore(store).openCursor(IDBKeyRange.bound(low, key), 'prev'));
  return cursor?.value as T | undefined;
}

async function segmentPhoneLookup(db: IDBDatabase, phone: string): Promise<RawRow | undefined> {
  const tx = db.transaction(['blocks', 'segments'], 'readonly');
  const block = await recordAtOrBelow<LookupBlock>(tx, 'blocks', ['phones', ''], ['phones', phone]);
  const at = block ? lowerBound(block.keys, phone) : -1;
  if (!block || block.keys[at] !== phone) return undefined;
  const customerId = block.ids[at]!;
  const segment = await recordAtOrBelow<CustomerSegment>(tx, 'segments', ['customers', ''], ['customers', customerId]);
  if (!segment) return undefined;
  const index = lowerBound(segment.rows.map((row) => row.id), customerId);
  return segment.rows[index]?.id === customerId ? segment.rows[index] : undefined;
}

export async function rawSegmentCompare(accessToken: string, limit: number, lookups: number, { segment, block: blockSize } = SEGMENT_LAYOUT): Promise<{
  pages: number; customers: number; recordsMs: number; segmentsMs: number; blocksMs: number; segmentRecords: number; blockRecords: number;
  /** Milliseconds per phone lookup, the same phones both ways (the bench takes percentiles). */
  lookup: { records: number[]; segments: number[]; misses: number };
}> {
  const records = await openRawScratch('centralita-raw-records');
  const segments = await openSegmentScratch('centralita-raw-segments');
  const pairs = Object.fromEntries(LOOKUPS.map((lookup) => [lookup, [] as Array<[string, string]>])) as Record<Lookup, Array<[string, string]>>;
  const result = { pages: 0, customers: 0, recordsMs: 0, segmentsMs: 0, blocksMs: 0, segmentRecords: 0, blockRecords: 0 };
  try {
    for await (const page of snapshotPages(accessToken, limit)) {
      const customers = rawCustomerRows(page);
      const children = rawTableRows(page);
      const writeRecords = async () => {
        const started = performance.now();
        await putRecordLayout(records, customers, children);
        result.recordsMs += performance.now() - started;
      };
      const writeSegments = async () => {
        // Grouping, sorting and collecting the lookup pairs is the app's work too: timed.
        const started = performance.now();
        const sorted = [...customers].sort((a, b) => (a.id < b.id ? -1 : 1));
        const tx = segments.transaction('segments', 'readwrite', { durability: 'relaxed' });
        for (let start = 0; start < sorted.length; start += segment) {
          const rows = sorted.slice(start, start + segment);
          const ids = new Set(rows.map((row) => row.id));
          tx.objectStore('segments').put({ key: ['customers', rows[0]!.id], rows });
          tx.objectStore('segments').put({ key: ['children', rows[0]!.id], ...Object.fromEntries(children.map(([store, all]) => [store, all.filter((row) => ids.has(String(row.customerId ?? '')))])) });
          result.segmentRecords += 2;
          for (const row of rows) for (const lookup of LOOKUPS) for (const key of keysOf(row, lookup)) pairs[lookup].push([key, row.id]);
        }
        await rawDone(tx);
        result.segmentsMs += performance.now() - started;
      };
      if (result.pages % 2 === 0) { await writeRecords(); await writeSegments(); } else { await writeSegments(); await writeRecords(); }
      result.pages += 1;
      result.customers += customers.length;
    }

    const started = performance.now();
    const tx = segments.transaction('blocks', 'readwrite', { durability: 'relaxed' });
    for (const lookup of LOOKUPS) {
      const sorted = pairs[lookup].sort(byKey);
      for (let start = 0; start < sorted.length; start += blockSize) {
        const slice = sorted.slice(start, start + blockSize);
        const block: LookupBlock = { lookup, first: slice[0]![0], keys: slice.map((pair) => pair[0]), ids: slice.map((pair) => pair[1]) };
        tx.objectStore('blocks').put(block);
        result.blockRecords += 1;
      }
    }
    await rawDone(tx);
    result.blocksMs = performance.now() - started;

    const phones = pairs.phones;
    const lookup = { records: [] as number[], segments: [] as number[], misses: 0 };
    for (let sample = 0; sample < lookups && phones.length > 0; sample += 1) {
      const [phone] = phones[Math.floor(Math.random() * phones.length)]!;
      let at = performance.now();
      await rawRequest(records.transaction('customers', 'readonly').objectStore('customers').index('phones').get(phone));
      lookup.records.push(performance.now() - at);
      at = performance.now();
      const found = await segmentPhoneLookup(segments, phone);
      lookup.segments.push(performance.now() - at);
      if (!found) lookup.misses += 1;
    }
    return { ...result, lookup };
  } finally {
    records.close();
    segments.close();
    await rawRequest(indexedDB.deleteDatabase('centralita-raw-records'));
    await rawRequest(indexedDB.deleteDatabase('centralita-raw-segments'));
  }
}
