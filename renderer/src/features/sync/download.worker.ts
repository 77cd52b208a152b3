/**
 * The first download of a user's data (and the refetch after `409`), off the UI thread: the bulk
 * snapshot in pages of ~1,000 customers, each written with its progress in one transaction (so an
 * interrupted download resumes where it stopped), then the pull from the snapshot's cursor.
 */
import { CentralitaDb } from './schema';
import { pullAll } from './pull';
import { downloadSnapshot, emptySnapshotTimings, type SnapshotTimings } from './snapshot';
import { createHttpTransport } from './transport';

export interface DownloadRequest {
  dbName: string;
  userId: string;
  backendUrl: string;
  accessToken: string | null;
  pageSize: number;
  pullLimit: number;
}

/** What the last download did and where its time went (bench/client reads it through `lastDownloadStats`). */
export interface DownloadStats extends SnapshotTimings {
  customers: number;
  snapshotMs: number;
  pullMs: number;
}

export type DownloadMessage =
  | { type: 'progress'; done: number; total: number | null }
  | { type: 'done'; done: number; stats: DownloadStats }
  | { type: 'error'; message: string; kind: string | null };

/** The worker's global scope, typed narrowly (the web tsconfig has the DOM lib, not WebWorker). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DownloadRequest>) => void) | null;
  postMessage(message: DownloadMessage): void;
};

scope.onmessage = (event) => void download(event.data);

async function download(request: DownloadRequest): Promise<void> {
  // Relaxed: each page and its progress row commit together, so a page lost to a power cut is
  // refetched on resume; fsyncing every page would buy nothing but time.
  const db = new CentralitaDb(request.dbName, { durability: 'relaxed' });
  const post = (message: DownloadMessage): void => scope.postMessage(message);
  try {
    await db.open();
    const transport = createHttpTransport({ backendUrl: request.backendUrl, getAccessToken: () => request.accessToken });
    const target = { db, userId: request.userId };
    const timings = emptySnapshotTimings();
    const started = performance.now();
    const stored = await downloadSnapshot(target, transport, { limit: request.pageSize, timings, onProgress: ({ done, total }) => post({ type: 'progress', done, total }) });
    const snapshotDone = performance.now();
    const pulled = await pullAll(target, transport, { limit: request.pullLimit });
    const stats: DownloadStats = { ...timings, customers: stored, snapshotMs: snapshotDone - started, pullMs: performance.now() - snapshotDone };
    post({ type: 'done', done: stored + pulled, stats });
  } catch (error) {
    const kind = error && typeof error === 'object' && 'kind' in error ? String((error as { kind: unknown }).kind) : null;
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), kind });
  } finally {
    db.close();
  }
}
