/**
 * The signed-in user's sync session. The shell calls `startSync` after sign-in and `stopSync` on
 * sign-out; hooks and components read the current session without a React provider.
 */
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine';
import { openSyncStore, type SyncStore } from './store';
import { createHttpTransport, type SyncTransport } from './transport';
import { workerDownload } from './worker-download';

export interface SyncConfig {
  backendUrl: string;
  getAccessToken: () => string | null | Promise<string | null>;
  userId: string;
  /** Run the first download in a Web Worker (default true when Worker exists). */
  downloadInWorker?: boolean;
  engine?: Omit<SyncEngineOptions, 'initialDownload'>;
  transport?: SyncTransport;
}

export interface SyncSession {
  readonly store: SyncStore;
  readonly engine: SyncEngine;
  readonly backendUrl: string;
  /** The session's HTTP side, for server reads that land in the local store (older history). */
  readonly transport: SyncTransport;
}

let current: SyncSession | null = null;
const listeners = new Set<() => void>();

function publish(session: SyncSession | null): void {
  current = session;
  for (const listener of listeners) listener();
}

export function getSyncSession(): SyncSession | null {
  return current;
}

/** The session, or a clear error when a repository is used before sign-in. */
export function requireSyncSession(): SyncSession {
  if (!current) throw new Error('Sync is not started: call startSync() after sign-in.');
  return current;
}

export function subscribeSyncSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function startSync(config: SyncConfig): Promise<SyncSession> {
  await stopSync();
  const store = await openSyncStore(config.userId);
  const transport = config.transport ?? createHttpTransport({ backendUrl: config.backendUrl, getAccessToken: config.getAccessToken });
  const useWorker = (config.downloadInWorker ?? true) && typeof Worker !== 'undefined' && !config.transport;
  const engine = createSyncEngine(store, transport, {
    ...config.engine,
    ...(useWorker ? { initialDownload: workerDownload(store, config.backendUrl, config.getAccessToken) } : {}),
  });
  engine.start();
  const session: SyncSession = { store, engine, backendUrl: config.backendUrl, transport };
  publish(session);
  return session;
}

/** Alias matching the shell's naming. */
export const configureSync = startSync;

export async function stopSync(): Promise<void> {
  const session = current;
  if (!session) return;
  publish(null);
  await session.engine.stop();
  session.store.close();
}
