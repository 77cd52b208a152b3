/**
 * Keeps the wrap-up's reference lists (dispositions with their hotkeys and required fields, the
 * current complaint taxonomy) in the local reference tables, from GET /api/reference, so they are
 * there offline. Until the first download the shipped version-1 lists stand in.
 */
import { useEffect } from 'react';
import { referenceDataSchema } from '@contract';
import { getSyncSession, replaceReferenceList, useSyncSession } from '@features/sync';
import { rememberAfterCallWork } from './model/wrapup-rules-policy';

export type AccessTokenSource = () => string | null | Promise<string | null>;

const REFRESH_MS = 10 * 60_000;

export async function refreshWrapupReference(getAccessToken: AccessTokenSource): Promise<void> {
  const session = getSyncSession();
  const token = await getAccessToken();
  if (!session || !token) return;
  const response = await fetch(`${session.backendUrl}/api/reference`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return;
  const parsed = referenceDataSchema.safeParse(await response.json());
  if (!parsed.success) return;
  const { dispositions, taxonomy } = parsed.data;
  await replaceReferenceList(session.store, 'dispositions', dispositions.filter((row) => row.active).map((row) => ({ ...row, id: row.code })));
  await replaceReferenceList(session.store, 'taxonomy', taxonomy.nodes.map((node) => ({ ...node, taxonomyVersion: taxonomy.version })));
  rememberAfterCallWork(parsed.data.afterCallWork);
}

/** Refreshes on sign-in, every 10 minutes and when the network comes back; failures keep the cache. */
export function useWrapupReferenceRefresh(getAccessToken: AccessTokenSource | undefined): void {
  const session = useSyncSession();
  useEffect(() => {
    if (!session || !getAccessToken) return undefined;
    const refresh = () => void refreshWrapupReference(getAccessToken).catch(() => undefined);
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    window.addEventListener('online', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', refresh);
    };
  }, [session, getAccessToken]);
}
