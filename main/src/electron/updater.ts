/** electron-updater, loaded only when updates are enabled (off by default). */
import { app } from 'electron';
import type { UpdateSettings } from '../common/config';
import { log } from './log';

export async function startAutoUpdates(settings: UpdateSettings): Promise<void> {
  if (!settings.enabled) return;
  if (!app.isPackaged) {
    log.info('auto-update enabled but skipped: not a packaged build');
    return;
  }
  try {
    const { autoUpdater } = await import('electron-updater');
    if (settings.url) autoUpdater.setFeedURL({ provider: 'generic', url: settings.url });
    autoUpdater.on('error', (error: Error) => log.warn(`auto-update: ${error.message}`));
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (error) {
    log.warn(`auto-update check failed: ${(error as Error).message}`);
  }
}
