/**
 * Pause reasons for the agent-state control: the backend's pause codes (GET /api/reference),
 * cached by the data layer (`pauseCodes` reference table) so they are there offline too.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getSyncSession, replaceReferenceList, useReferenceRows, useSyncSession } from '@features/sync';
import type { PauseReason } from '@features/softphone';
import { backendRequest } from './backend-request';

interface PauseCodeRow {
  code: string;
  labelEn: string;
  labelEs: string;
  active: boolean;
  sortOrder: number;
  maxMinutes?: number | null;
}

function isPauseCodeRow(value: unknown): value is PauseCodeRow {
  const row = value as Partial<PauseCodeRow> | null;
  return typeof row?.code === 'string' && typeof row.labelEn === 'string' && typeof row.labelEs === 'string' && typeof row.active === 'boolean';
}

export async function refreshPauseCodes(): Promise<void> {
  const session = getSyncSession();
  if (!session) return;
  const reference = (await backendRequest('GET', '/api/reference')) as { pauseCodes?: unknown } | null;
  if (!Array.isArray(reference?.pauseCodes)) return;
  const rows = reference.pauseCodes.filter(isPauseCodeRow).map((row) => ({ ...row, id: row.code }));
  await replaceReferenceList(session.store, 'pauseCodes', rows);
}

const REFRESH_MS = 10 * 60_000;

/** The active pause reasons in the agent's language; refreshed on start, periodically and when back online. */
export function usePauseReasons(): readonly PauseReason[] {
  const { i18n } = useTranslation();
  const session = useSyncSession();
  const rows = useReferenceRows('pauseCodes');

  useEffect(() => {
    if (!session) return undefined;
    const refresh = (): void => void refreshPauseCodes().catch(() => undefined); // offline: keep the cache
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    window.addEventListener('online', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', refresh);
    };
  }, [session]);

  const spanish = i18n.language.startsWith('es');
  return useMemo(() => ((rows ?? []) as unknown[])
    .filter(isPauseCodeRow)
    .filter((row) => row.active)
    .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
    .map((row) => ({ code: row.code, label: spanish ? row.labelEs : row.labelEn, maxMinutes: typeof row.maxMinutes === 'number' ? row.maxMinutes : null })), [rows, spanish]);
}
