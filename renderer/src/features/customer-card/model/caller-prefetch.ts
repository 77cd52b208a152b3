/**
 * The screen pop's caller lookup, started from the softphone engine's INVITE handling (before
 * React renders the ringing line), so the IndexedDB read runs while the workspace renders and the
 * card mounts with the customer already in memory. Keyed by call key (`line:startedAt`) AND
 * number: a second ringing call never reads the first caller's entry. When the cache misses the
 * caller, the lookup may ask the server in the background (`fillFromServer`: only while the first
 * download is still running); the card says so meanwhile, and its live lookup shows the caller
 * once the answer is stored.
 */
import type { CustomerRow } from '@features/sync';

export interface PrefetchedCaller {
  number: string;
  /** The number in E.164 (null when it cannot be normalised: then nobody is found). */
  e164: string | null;
  /** The cached customer with that phone; null when none is cached. */
  row: CustomerRow | null;
}

export interface CallerLookup {
  normalize(number: string): string | null;
  /** The cached customer with this E.164 phone, if any. */
  find(e164: string): Promise<CustomerRow | undefined>;
  /**
   * After a miss: fetch the caller from the server into the cache. Calls `onRequest` when a request
   * actually goes out; settles when it is over (whatever the outcome; it never rejects).
   */
  fillFromServer?(e164: string, onRequest: () => void): Promise<unknown>;
}

interface Entry {
  number: string;
  result: PrefetchedCaller | undefined;
  /** The server is being asked for this caller (after a cache miss). */
  askingServer: boolean;
}

/** Calls of the last few minutes only: a ringing call, a waiting one, the one just ended. */
const MAX_ENTRIES = 8;

const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/**
 * Starts looking `number` up for the call `key` (once per key and number). A failed read settles
 * as "not found" here; the card's live lookup (started after the pop) still answers.
 */
export function prefetchCaller(key: string, number: string, lookup: CallerLookup): void {
  const existing = entries.get(key);
  if (existing && existing.number === number) return;
  const entry: Entry = { number, result: undefined, askingServer: false };
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  const settle = (row: CustomerRow | null, e164: string | null): void => {
    if (entries.get(key) !== entry) return;
    entry.result = { number, e164, row };
    notify();
  };
  const e164 = lookup.normalize(number);
  if (!e164) {
    settle(null, null);
    return;
  }
  const askServer = (): void => {
    if (!lookup.fillFromServer) return;
    const asking = (value: boolean): void => {
      if (entries.get(key) !== entry || entry.askingServer === value) return;
      entry.askingServer = value;
      notify();
    };
    // After the miss has settled: the unknown-caller view paints first, never later.
    lookup.fillFromServer(e164, () => asking(true)).catch(() => undefined).finally(() => asking(false));
  };
  lookup.find(e164).then((row) => {
    settle(row ?? null, e164);
    if (!row) askServer();
  }, () => settle(null, e164));
}

/** Whether the server is being asked for this call's caller (the cache did not have them). */
export function callerServerLookupRunning(key: string, number: string): boolean {
  const entry = entries.get(key);
  return entry?.number === number && entry.askingServer;
}

/** The lookup's answer for this call and number; undefined while reading or when never started. */
export function prefetchedCaller(key: string, number: string): PrefetchedCaller | undefined {
  const entry = entries.get(key);
  return entry && entry.number === number ? entry.result : undefined;
}

/** Whether a lookup was started for this call and number (answered or not). */
export function callerPrefetchStarted(key: string, number: string): boolean {
  return entries.get(key)?.number === number;
}

export function subscribeCallerPrefetch(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tests only. */
export function clearCallerPrefetch(): void {
  entries.clear();
}
