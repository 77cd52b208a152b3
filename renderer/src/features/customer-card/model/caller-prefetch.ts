/**
 * The screen pop's caller lookup, started from the softphone engine's INVITE handling (before
 * React renders the ringing line), so the IndexedDB read runs while the workspace renders and the
 * card mounts with the customer already in memory. Keyed by call key (`line:startedAt`) AND
 * number: a second ringing call never reads the first caller's entry. When the cache misses the
 * caller, the lookup may ask the server in the background (`fillFromServer`: only while the first
 * download is still running); the card says so meanwhile, and its live lookup shows the caller
 * once the answer is stored.
 */
import type { CallerFillOutcome, CustomerRow } from '@features/sync';

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
   * actually goes out; resolves with what happened (it never rejects).
   */
  fillFromServer?(e164: string, onRequest: () => void): Promise<CallerFillOutcome>;
}

/**
 * What the agent is told about the server lookup after a cache miss: it is running, the server
 * has nobody with the number either (create the customer with confidence), or it could not be
 * asked (offline, timed out: search, the download may still bring them). Null: nothing to say.
 */
export type ServerLookupState = 'asking' | 'not_found' | 'unreachable' | null;

interface Entry {
  number: string;
  result: PrefetchedCaller | undefined;
  /** The server lookup after a cache miss. */
  serverLookup: ServerLookupState;
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
  const entry: Entry = { number, result: undefined, serverLookup: null };
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
    const show = (state: ServerLookupState): void => {
      if (entries.get(key) !== entry || entry.serverLookup === state) return;
      entry.serverLookup = state;
      notify();
    };
    let asked = false;
    const ask = (): void => {
      asked = true;
      show('asking');
    };
    // After the miss has settled: the unknown-caller view paints first, never later.
    lookup.fillFromServer(e164, ask).catch((): CallerFillOutcome => 'failed').then((outcome) => {
      // Stored ('written', 'already_cached'): the live lookup shows the caller, nothing to say.
      show(!asked ? null : outcome === 'not_found' ? 'not_found' : outcome === 'failed' ? 'unreachable' : null);
    });
  };
  lookup.find(e164).then((row) => {
    settle(row ?? null, e164);
    if (!row) askServer();
  }, () => settle(null, e164));
}

/** The server lookup for this call's caller after a cache miss (null: none, or nothing to say). */
export function callerServerLookup(key: string, number: string): ServerLookupState {
  const entry = entries.get(key);
  return entry?.number === number ? entry.serverLookup : null;
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
