/** The one application window: sandboxed, isolated, no Node, never throttled in background. */
import { BrowserWindow } from 'electron';
import type { HostCapabilities } from '@contract';
import { APP_ENTRY_URL } from '../common/app-origin';
import { encodeCapabilities } from '../common/capabilities';

export interface WindowOptions {
  preloadPath: string;
  iconPath: string | undefined;
  capabilities: HostCapabilities;
}

export function createMainWindow({ preloadPath, iconPath, capabilities }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Centralita',
    ...(iconPath ? { icon: iconPath } : {}),
    backgroundColor: '#f8fafc',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // SIP keep-alives and re-registration timers must keep running while minimised.
      backgroundThrottling: false,
      additionalArguments: [encodeCapabilities(capabilities)],
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
