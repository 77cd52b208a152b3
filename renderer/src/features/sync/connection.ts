/**
 * What the sync control says about the connection after a sync attempt. `navigator.onLine` is only
 * a hint: it is false on a machine whose sole network is loopback (yet a backend there answers)
 * and true behind a dead Wi-Fi. A request is the real test; the hint only picks the word.
 */
import { SyncHttpError } from './transport';

export interface ConnectionState {
  /** false → "Offline" (the request failed and the browser says it has no network). */
  online: boolean;
  /** false → "Server unreachable" (the request failed although the browser has a network). */
  reachable: boolean;
}

/** The request could not reach a working server: no answer at all, or a 5xx from a proxy or the backend. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof SyncHttpError && (error.kind === 'network' || (error.status !== null && error.status >= 500));
}

/** `error` null = the attempt succeeded. Other failures (4xx, bad reply) leave the connection as it was. */
export function connectionAfter(error: unknown, browserOnline: boolean, previous: ConnectionState): ConnectionState {
  if (error === null) return { online: true, reachable: true };
  if (!isUnreachable(error)) return previous;
  return browserOnline ? { online: true, reachable: false } : { online: false, reachable: false };
}

export type ConnectionWord = 'online' | 'offline' | 'unreachable';

/** The word the sync control shows ("Online", "Offline", "Server unreachable"). */
export function connectionWord({ online, reachable }: ConnectionState): ConnectionWord {
  return !online ? 'offline' : reachable ? 'online' : 'unreachable';
}
