/**
 * The first download of a user's data (and the refetch after `409`), off the UI thread: the bulk
 * snapshot in pages of ~1,000 customers, each written with its progress in one transaction (so an
 * interrupted download resumes where it stopped), then the pull from the snapshot's cursor.
 */
import { CentralitaDb } from './schema';
import { pullAll } from './pull';
import { downloadSnapshot } from './snapshot';
import { createHttpTransport } from './transport';

export interface DownloadRequest {
  dbName: string;
  userId: string;
  backendUrl: string;
  accessToken: string | null;
  pageSize: number;
}

export type DownloadMessage = { type: 'progress'; done: number; total: number | null } | { type: 'done'; done: number } | { type: 'error'; message: string; kind: string | null };

/** The worker's global scope, typed narrowly (the web tsconfig has the DOM lib, not WebWorker). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DownloadRequest>) => void) | null;
  postMessage(message: DownloadMessage): void;
};

scope.onmessage = (event) => void download(event.data);

async function download(request: DownloadRequest): Promise<void> {
  const db = new CentralitaDb(request.dbName);
  const post = (message: DownloadMessage): void => scope.postMessage(message);
  try {
    await db.open();
    const transport = createHttpTransport({ backendUrl: request.backendUrl, getAccessToken: () => request.accessToken });
    const target = { db, userId: request.userId };
    const stored = await downloadSnapshot(target, transport, { limit: request.pageSize, onProgress: ({ done, total }) => post({ type: 'progress', done, total }) });
    const pulled = await pullAll(target, transport, { limit: request.pageSize });
    post({ type: 'done', done: stored + pulled });
  } catch (error) {
    const kind = error && typeof error === 'object' && 'kind' in error ? String((error as { kind: unknown }).kind) : null;
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), kind });
  } finally {
    db.close();
  }
}
