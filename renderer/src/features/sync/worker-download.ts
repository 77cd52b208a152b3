/** Runs the initial download in `download.worker.ts` and turns its messages back into a promise. */
import type { DownloadMessage, DownloadRequest, DownloadStats } from './download.worker';
import { SyncHttpError, type SyncErrorKind } from './transport';
import type { SyncStore } from './store';

export const DOWNLOAD_PAGE_SIZE = 1000;
export const DOWNLOAD_PULL_LIMIT = 1000;

let lastStats: DownloadStats | null = null;

/** Stage timings of this window's last completed bulk download (for bench/client), or null. */
export function lastDownloadStats(): DownloadStats | null {
  return lastStats;
}

export function workerDownload(store: SyncStore, backendUrl: string, getAccessToken: () => string | null | Promise<string | null>) {
  return async (onProgress: (done: number, total: number | null) => void): Promise<void> => {
    const worker = new Worker(new URL('./download.worker.ts', import.meta.url), { type: 'module', name: 'centralita-download' });
    try {
      const request: DownloadRequest = { dbName: store.name, userId: store.userId, backendUrl, accessToken: await getAccessToken(), pageSize: DOWNLOAD_PAGE_SIZE, pullLimit: DOWNLOAD_PULL_LIMIT };
      await new Promise<void>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<DownloadMessage>) => {
          const message = event.data;
          if (message.type === 'progress') {
            onProgress(message.done, message.total);
          } else if (message.type === 'done') {
            lastStats = message.stats;
            resolve();
          } else {
            reject(new SyncHttpError((message.kind as SyncErrorKind | null) ?? 'network', message.message));
          }
        };
        worker.onerror = (event) => reject(new Error(`Download worker failed: ${event.message}`));
        worker.postMessage(request);
      });
    } finally {
      worker.terminate();
    }
  };
}
