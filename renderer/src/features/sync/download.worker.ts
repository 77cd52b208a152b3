/**
 * The first download of a user's data, off the UI thread: pages of ~1,000 changes, each applied
 * with its cursor in one transaction (so an interrupted download resumes where it stopped).
 */
import { CentralitaDb } from './schema';
import { pullAll } from './pull';
import { createHttpTransport } from './transport';

export interface DownloadRequest {
  dbName: string;
  userId: string;
  backendUrl: string;
  accessToken: string | null;
  pageSize: number;
}

export type DownloadMessage = { type: 'progress'; done: number } | { type: 'done'; done: number } | { type: 'error'; message: string; kind: string | null };

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
    const done = await pullAll({ db, userId: request.userId }, transport, { limit: request.pageSize, onPage: (count) => post({ type: 'progress', done: count }) });
    post({ type: 'done', done });
  } catch (error) {
    const kind = error && typeof error === 'object' && 'kind' in error ? String((error as { kind: unknown }).kind) : null;
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), kind });
  } finally {
    db.close();
  }
}
