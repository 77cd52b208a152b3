/**
 * Published scripts cached in the local store (the sync feature's `scripts` reference table), so
 * calls get their script offline. Refreshed from the server on start, on reconnect and after a
 * publish; the panel only ever reads the cache.
 */
import { useEffect, useMemo } from 'react';
import { type ScriptVersion, scriptVersionSchema } from '@contract';
import { getSyncSession, replaceReferenceList, useReferenceRows, useSyncSession } from '@features/sync';
import { type ServerAccess, scriptsApi } from './api';

export async function refreshScriptCache(access: ServerAccess): Promise<number> {
  const session = getSyncSession();
  if (!session) return 0;
  const latest = await scriptsApi.latest(access);
  // Who owns a script and who may edit it is the studio's business, asked live: not cached.
  await replaceReferenceList(session.store, 'scripts', latest.map(({ owner: _owner, canEdit: _canEdit, ...version }) => version));
  return latest.length;
}

/** The cached published scripts (rows that fail validation are ignored, never trusted). */
export function useCachedScripts(): ScriptVersion[] | undefined {
  const rows = useReferenceRows('scripts');
  return useMemo(() => rows?.flatMap((row) => {
    const parsed = scriptVersionSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  }), [rows]);
}

const REFRESH_MS = 5 * 60_000;

/** Keeps the cache fresh while mounted: now, every few minutes and when the network returns. */
export function useScriptCacheRefresh(access: ServerAccess | null): void {
  const session = useSyncSession();
  useEffect(() => {
    if (!access || !session) return;
    const refresh = () => void refreshScriptCache(access).catch(() => undefined); // offline: keep the cache
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    window.addEventListener('online', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', refresh);
    };
  }, [access, session]);
}
