import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralitaDb, findCustomerByPhone, normalizePhone, type CustomerRow } from '@features/sync';
import { callKey } from './active-call';
import { callerPrefetchStarted, callerServerLookup, clearCallerPrefetch, prefetchCaller, prefetchedCaller, subscribeCallerPrefetch, type CallerLookup, type ServerLookupState } from './caller-prefetch';

const opened: CentralitaDb[] = [];

afterEach(async () => {
  clearCallerPrefetch();
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

function customer(id: string, name: string, phone: string): CustomerRow {
  return { id, rev: 1, displayName: name, nameLower: name.toLowerCase(), phones: [phone], emails: [], customerNumbers: [] };
}

/** A local cache with two customers, looked up the way the screen pop does (indexed phone read). */
async function cacheLookup(): Promise<CallerLookup> {
  const db = new CentralitaDb(`card-prefetch-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  await db.customers.bulkPut([customer('c-ana', 'Ana Caller', '+34600111222'), customer('c-bea', 'Bea Caller', '+34600333444')]);
  return { normalize: (number) => normalizePhone(number), find: (e164) => findCustomerByPhone(db, e164) };
}

/** Resolves once the prefetch store has announced an answer for `key`. */
function answered(key: string, number: string): Promise<void> {
  return new Promise((resolve) => {
    if (prefetchedCaller(key, number)) return resolve();
    const stop = subscribeCallerPrefetch(() => {
      if (prefetchedCaller(key, number)) {
        stop();
        resolve();
      }
    });
  });
}

describe('the screen pop lookup started from the INVITE', () => {
  it('holds the caller\'s own cached customer for that call, found by the number normalised to E.164', async () => {
    const lookup = await cacheLookup();
    const key = callKey({ id: 0, startedAt: 1_700_000_000_000 });
    prefetchCaller(key, '600111222', lookup);
    expect(callerPrefetchStarted(key, '600111222')).toBe(true);
    await answered(key, '600111222');
    const result = prefetchedCaller(key, '600111222');
    expect(result?.e164).toBe('+34600111222');
    expect(result?.row?.id).toBe('c-ana');
    expect(result?.row?.displayName).toBe('Ana Caller');
  });

  it('a second ringing call never reads the first caller\'s data', async () => {
    const lookup = await cacheLookup();
    const first = callKey({ id: 0, startedAt: 1_700_000_000_000 });
    const second = callKey({ id: 1, startedAt: 1_700_000_000_500 });
    prefetchCaller(first, '600111222', lookup);
    prefetchCaller(second, '600999000', lookup); // not cached
    await Promise.all([answered(first, '600111222'), answered(second, '600999000')]);
    expect(prefetchedCaller(second, '600999000')).toEqual({ number: '600999000', e164: '+34600999000', row: null });
    // Neither the other call's key nor the other number answers with someone else's row.
    expect(prefetchedCaller(second, '600111222')).toBeUndefined();
    expect(prefetchedCaller(first, '600999000')).toBeUndefined();
    expect(prefetchedCaller(first, '600111222')?.row?.id).toBe('c-ana');
  });

  it('a line reused by the next call (same line, new start) gets its own caller', async () => {
    const lookup = await cacheLookup();
    const earlier = callKey({ id: 0, startedAt: 1_700_000_000_000 });
    const later = callKey({ id: 0, startedAt: 1_700_000_060_000 });
    prefetchCaller(earlier, '600111222', lookup);
    await answered(earlier, '600111222');
    prefetchCaller(later, '600333444', lookup);
    expect(prefetchedCaller(later, '600333444')).toBeUndefined(); // still reading: nothing stands in
    await answered(later, '600333444');
    expect(prefetchedCaller(later, '600333444')?.row?.id).toBe('c-bea');
  });

  it('a number that cannot be normalised is answered at once as unknown, without reading', async () => {
    let reads = 0;
    const lookup: CallerLookup = { normalize: () => null, find: () => { reads += 1; return Promise.resolve(undefined); } };
    const key = callKey({ id: 0, startedAt: 1 });
    prefetchCaller(key, 'anonymous', lookup);
    expect(prefetchedCaller(key, 'anonymous')).toEqual({ number: 'anonymous', e164: null, row: null });
    expect(reads).toBe(0);
  });

  it('a failed read settles as not found (the live lookup after the pop still answers)', async () => {
    const lookup: CallerLookup = { normalize: (number) => normalizePhone(number), find: () => Promise.reject(new Error('IndexedDB closed')) };
    const key = callKey({ id: 0, startedAt: 2 });
    prefetchCaller(key, '600111222', lookup);
    await answered(key, '600111222');
    expect(prefetchedCaller(key, '600111222')?.row).toBeNull();
  });

  it('starts one read per call and number, and keeps only the last few calls', async () => {
    let reads = 0;
    const lookup: CallerLookup = { normalize: (number) => number, find: () => { reads += 1; return Promise.resolve(undefined); } };
    prefetchCaller('0:1', '+34600111222', lookup);
    prefetchCaller('0:1', '+34600111222', lookup);
    expect(reads).toBe(1);
    for (let call = 2; call <= 10; call += 1) prefetchCaller(`0:${call}`, '+34600111222', lookup);
    expect(callerPrefetchStarted('0:1', '+34600111222')).toBe(false);
    expect(callerPrefetchStarted('0:10', '+34600111222')).toBe(true);
  });

  it('a miss is answered as unknown first, then the server is asked in the background; the stored caller is found by the next read', async () => {
    const db = new CentralitaDb(`card-prefetch-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const asked: string[] = [];
    const lookup: CallerLookup = {
      normalize: (number) => normalizePhone(number),
      find: (e164) => findCustomerByPhone(db, e164),
      fillFromServer: async (e164, onRequest) => {
        // The unknown-caller view was already answered when the server is asked.
        asked.push(`${e164}:${prefetchedCaller(key, '600777888')?.row === null ? 'after-miss' : 'before-miss'}`);
        onRequest();
        await held;
        await db.customers.put(customer('c-marta', 'Marta Caller', e164));
        return 'written';
      },
    };
    const key = callKey({ id: 0, startedAt: 1_700_000_100_000 });
    const states: ServerLookupState[] = [];
    const stop = subscribeCallerPrefetch(() => states.push(callerServerLookup(key, '600777888')));
    prefetchCaller(key, '600777888', lookup);
    await answered(key, '600777888');
    expect(prefetchedCaller(key, '600777888')).toEqual({ number: '600777888', e164: '+34600777888', row: null });
    await expect.poll(() => callerServerLookup(key, '600777888')).toBe('asking');
    expect(asked).toEqual(['+34600777888:after-miss']);
    // Another number on the same call is not "being looked up".
    expect(callerServerLookup(key, '600111222')).toBeNull();
    release();
    // Stored: the live lookup shows the caller, the panel has nothing more to say.
    await expect.poll(() => callerServerLookup(key, '600777888')).toBeNull();
    stop();
    expect(states).toEqual([null, 'asking', null]);
    expect((await findCustomerByPhone(db, '+34600777888'))?.displayName).toBe('Marta Caller');
  });

  it('a cached caller never asks the server; nothing to ask says nothing; not on the server and unreachable are said', async () => {
    const cached = await cacheLookup();
    let fills = 0;
    const key = callKey({ id: 0, startedAt: 3 });
    prefetchCaller(key, '600111222', { ...cached, fillFromServer: async () => { fills += 1; return 'not_downloading'; } });
    await answered(key, '600111222');
    expect(fills).toBe(0);

    const quiet = callKey({ id: 1, startedAt: 4 });
    const absent = callKey({ id: 1, startedAt: 5 });
    const offline = callKey({ id: 1, startedAt: 6 });
    const failing = callKey({ id: 1, startedAt: 7 });
    const quietStates: ServerLookupState[] = [];
    const stop = subscribeCallerPrefetch(() => quietStates.push(callerServerLookup(quiet, '600999000')));
    let settled = 0;
    prefetchCaller(quiet, '600999000', { ...cached, fillFromServer: async () => { settled += 1; return 'not_downloading'; } });
    prefetchCaller(absent, '600999000', { ...cached, fillFromServer: async (_e164, onRequest) => { onRequest(); settled += 1; return 'not_found'; } });
    prefetchCaller(offline, '600999000', { ...cached, fillFromServer: async (_e164, onRequest) => { onRequest(); settled += 1; return 'failed'; } });
    prefetchCaller(failing, '600999000', { ...cached, fillFromServer: async (_e164, onRequest) => { onRequest(); settled += 1; throw new Error('unexpected'); } });
    await expect.poll(() => settled).toBe(4);
    await expect.poll(() => callerServerLookup(absent, '600999000')).toBe('not_found');
    await expect.poll(() => callerServerLookup(offline, '600999000')).toBe('unreachable');
    await expect.poll(() => callerServerLookup(failing, '600999000')).toBe('unreachable');
    stop();
    expect(quietStates.every((value) => value === null)).toBe(true);
    expect(prefetchedCaller(quiet, '600999000')?.row).toBeNull();
  });
});
