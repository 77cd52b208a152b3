import { useEffect, useState } from 'react';
import { startSync, stopSync } from '@features/sync';
import { desktop } from '@platform/desktop';
import { currentAccessToken } from '../session';

export type SyncLifecycle = 'starting' | 'running' | 'failed';

/**
 * Runs the signed-in user's sync session while the workspace is mounted: started after
 * sign-in, stopped on sign-out (the local data stays for the next shift, offline-first).
 */
export function useSyncLifecycle(userId: string | null): SyncLifecycle {
  const [state, setState] = useState<SyncLifecycle>('starting');

  useEffect(() => {
    if (userId === null) return undefined;
    let live = true;
    setState('starting');
    desktop
      .getConfig()
      .then((config) => startSync({ backendUrl: config.backendUrl, getAccessToken: currentAccessToken, userId }))
      .then(
        () => live && setState('running'),
        (error: unknown) => {
          // IndexedDB blocked (private mode, policy) or config unreachable: say so in the slot.
          console.warn('Sync could not start', error);
          if (live) setState('failed');
        },
      );
    return () => {
      live = false;
      void stopSync();
    };
  }, [userId]);

  return state;
}
